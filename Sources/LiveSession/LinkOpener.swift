import ChatFeatures
import Foundation

/// Opens links the person chose (in the browser when there is a display, otherwise shown) and saves media from cards.
public enum LinkOpener {
    static func open(_ address: String) -> Flash {
        guard let url = URL(string: address), let scheme = url.scheme?.lowercased(), ["http", "https", "mailto"].contains(scheme) else {
            return Flash(text: "Not opened: only web and mail links open from cards (\(address)).", isError: true)
        }
        if openBrowser(url) { return Flash(text: "Opened \(url.host ?? address) in your browser.", isError: false) }
        return Flash(text: "No display here; open it yourself: \(address)", isError: false)
    }

    /// Writes media from a card to ~/Downloads (else chattui's data folder) and opens it when there is a display.
    static func save(base64: String, mimeType: String) -> Flash {
        guard let data = Data(base64Encoded: base64, options: .ignoreUnknownCharacters) else {
            return Flash(text: "The media could not be decoded, so it was not saved.", isError: true)
        }
        let home = FileManager.default.homeDirectoryForCurrentUser
        let downloads = home.appendingPathComponent("Downloads")
        let folder = FileManager.default.fileExists(atPath: downloads.path) ? downloads : AppPaths.resolve(dataDirectory: nil).data.appendingPathComponent("media")
        let type = mimeType.split(separator: ";").first.map { $0.split(separator: "/").last.map(String.init) ?? "bin" } ?? "bin"
        let file = folder.appendingPathComponent("chattui-\(Int(Date().timeIntervalSince1970)).\(type.filter { $0.isLetter || $0.isNumber })")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try data.write(to: file, options: .atomic)
        } catch {
            return Flash(text: "Could not save it to \(folder.path): \(error.localizedDescription)", isError: true)
        }
        return Flash(text: (openBrowser(file) ? "Saved and opened " : "Saved to ") + file.path, isError: false)
    }

    /// `xdg-open` when there is a display; over SSH the address shown is the way. True when it ran.
    @discardableResult
    public static func openBrowser(_ url: URL) -> Bool {
        let environment = ProcessInfo.processInfo.environment
        guard environment["DISPLAY"] != nil || environment["WAYLAND_DISPLAY"] != nil,
              FileManager.default.isExecutableFile(atPath: "/usr/bin/xdg-open") else { return false }
        return (try? Process.run(URL(fileURLWithPath: "/usr/bin/xdg-open"), arguments: [url.absoluteString])) != nil
    }
}
