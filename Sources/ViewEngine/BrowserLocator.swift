import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where the headless browser is: `CHATTUI_BROWSER`, else the configured path, else the first
/// Chromium-family name on PATH. Looked up when a view first needs it, never at start.
public enum BrowserLocator {
    public static let names = ["chromium", "chromium-browser", "google-chrome", "chrome-headless-shell"]
    /// What to tell a person who has none.
    public static let installHint = "install Debian's chromium (apt-get install chromium) or set CHATTUI_BROWSER"

    public struct NotFound: Error, CustomStringConvertible {
        public let description: String
    }

    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment,
                              configured: String? = nil) throws -> String {
        if let chosen = environment["CHATTUI_BROWSER"].flatMap({ $0.isEmpty ? nil : $0 }) ?? configured {
            guard let found = executable(chosen, path: environment["PATH"]) else {
                throw NotFound(description: "no browser at \(chosen) (\(environment["CHATTUI_BROWSER"] != nil ? "CHATTUI_BROWSER" : "browser in config.toml")): \(installHint)")
            }
            return found
        }
        for name in names {
            if let found = executable(name, path: environment["PATH"]) { return found }
        }
        throw NotFound(description: "no headless browser found (\(names.joined(separator: ", ")) on PATH): \(installHint)")
    }

    /// A path names itself; a bare name is looked up on PATH.
    static func executable(_ command: String, path: String?) -> String? {
        if command.contains("/") { return access(command, X_OK) == 0 ? command : nil }
        let directories = (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        return directories.map { "\($0)/\(command)" }.first { access($0, X_OK) == 0 }
    }
}
