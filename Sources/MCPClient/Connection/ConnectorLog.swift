import Foundation
import TerminalText

/// Each connector's log file: the server's stderr, its log notifications, the
/// SDK's log lines and our lifecycle notes. Never the screen. What we write is
/// sanitised, one line per entry, since it quotes the server and people read
/// logs in a terminal.
public enum ConnectorLog {
    /// A file name safe for any connector name, and one to one: two names never share a file, since the
    /// token, secrets and log files are found by it (`sec_` and `sec!` once shared one sign-in token).
    /// Letters, digits, `-`, `_` and `.` stay; every other byte is written `%XX`, `%` included.
    public static func fileName(for connector: String) -> String {
        guard !connector.isEmpty else { return "%" }
        var name = ""
        for scalar in connector.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) || "-_".unicodeScalars.contains(scalar) || (scalar == "." && !name.isEmpty) {
                name.unicodeScalars.append(scalar)
            } else {
                for byte in String(scalar).utf8 { name += String(format: "%%%02X", byte) }
            }
        }
        return name
    }

    public static func append(_ line: String, to file: URL) {
        let stamp = ISO8601DateFormatter().string(from: Date())
        let data = Data("\(stamp) chattui: \(Sanitizer.line(line))\n".utf8)
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        if let handle = FileHandle(forWritingAtPath: file.path) {
            handle.seekToEndOfFile()
            handle.write(data)
            try? handle.close()
        } else {
            _ = FileManager.default.createFile(atPath: file.path, contents: data, attributes: [.posixPermissions: 0o600])
        }
    }

    /// The last `count` lines, for a connector's details when it failed.
    public static func tail(of file: URL, lines count: Int) -> [String] {
        guard let data = FileManager.default.contents(atPath: file.path) else { return [] }
        return Array(String(decoding: data.suffix(64 * 1024), as: UTF8.self).split(separator: "\n").suffix(count).map(String.init))
    }
}
