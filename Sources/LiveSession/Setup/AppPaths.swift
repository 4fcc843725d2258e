import ChatFeatures
import Foundation

/// Where chattui keeps things, per the XDG base directory specification.
public struct AppPaths: Equatable, Sendable {
    public var data: URL
    public var config: URL
    public var state: URL

    /// `--data-dir`, then `CHATTUI_DATA_DIR`, then `$XDG_DATA_HOME/chattui`, then `~/.local/share/chattui`.
    public static func resolve(dataDirectory: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> AppPaths {
        let home = environment["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
        func xdg(_ variable: String, _ fallback: String) -> URL {
            if let value = environment[variable], value.hasPrefix("/") { return URL(fileURLWithPath: value).appendingPathComponent("chattui") }
            return home.appendingPathComponent(fallback).appendingPathComponent("chattui")
        }
        let data = (dataDirectory ?? environment["CHATTUI_DATA_DIR"]).map { URL(fileURLWithPath: $0) }
        return AppPaths(data: data ?? xdg("XDG_DATA_HOME", ".local/share"),
                        config: xdg("XDG_CONFIG_HOME", ".config"),
                        state: xdg("XDG_STATE_HOME", ".local/state"))
    }

    /// The repository this binary was built from (Sources/LiveSession/Setup/ is three folders down),
    /// for the shipped files when run from a build rather than installed.
    static let sourceTree = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Built-in themes: installed beside the binary, or the source tree's `themes/` when run from a build.
    public var builtinThemeDirectories: [URL] {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let installed = executable.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("share/chattui/themes")
        return [Self.sourceTree.appendingPathComponent("themes"), installed].filter { FileManager.default.fileExists(atPath: $0.path) }
    }

    public var userThemeDirectory: URL { config.appendingPathComponent("themes") }

    /// What is written to stderr while the interface owns the screen. Beside `logs/`,
    /// not in it, so it can never be a connector's `NAME.log`.
    public var sessionLog: URL { state.appendingPathComponent("session.log") }
}
