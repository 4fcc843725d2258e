import BuiltinConnectors
import ChatFeatures
import Foundation
import MCPClient

/// chattui's built-in connectors (`chattui serve tasks|files`): stored by name in
/// `connectors.json` (`"command": "chattui"`), so moving or rebuilding the binary
/// never breaks them, and resolved to the running executable when connecting.
public enum BuiltinConnectorSetup {
    static let names = ["tasks", "files"]

    /// The entry written for a built-in: its folders and root are decided at each start.
    static func entry(_ name: String) -> [String: Any] {
        ["command": "chattui", "args": ["serve", name]]
    }

    /// Whether `configuration` is a built-in stored by name in the person's own file (a project's
    /// `.mcp.json` cannot claim to be one: its `chattui` is a command like any other).
    static func isBuiltin(_ configuration: ServerConfiguration, paths: AppPaths) -> Bool {
        guard case .stdio(let command, let arguments, _, _) = configuration.transport,
              configuration.source.map({ $0 == paths.config.appendingPathComponent("connectors.json").path }) ?? true else { return false }
        return command == "chattui" && arguments.count >= 2 && arguments[0] == "serve" && names.contains(arguments[1])
    }

    /// A built-in as it runs now: this executable, with chattui's folders passed explicitly
    /// (connectors do not inherit the environment) and the tracker's database named.
    /// Any other configuration is returned as it is.
    static func resolve(_ configuration: ServerConfiguration, paths: AppPaths,
                        executable: String = runningExecutable) -> ServerConfiguration {
        guard isBuiltin(configuration, paths: paths), case .stdio(_, var arguments, var environment, let workingDirectory) = configuration.transport else {
            return configuration
        }
        if arguments[1] == "tasks" && !arguments.contains("--database") {
            arguments += ["--database", paths.data.appendingPathComponent("tasks.sqlite").path]
        }
        // AppPaths appends "chattui" to the XDG folders, so their parents say where chattui's are.
        let folders = ["CHATTUI_DATA_DIR": paths.data.path,
                       "XDG_CONFIG_HOME": paths.config.deletingLastPathComponent().path,
                       "XDG_STATE_HOME": paths.state.deletingLastPathComponent().path]
        environment.merge(folders) { _, chattui in chattui }
        var resolved = configuration
        resolved.transport = .stdio(command: executable, arguments: arguments, environment: environment, workingDirectory: workingDirectory)
        return resolved
    }

    /// The built-ins as the connector set knows them: resolved, trusted, and names no project may take.
    static func builtins(paths: AppPaths) -> ConnectorSet.Builtins {
        ConnectorSet.Builtins(names: Set(names), idleReason: idleReason) { configuration in
            isBuiltin(configuration, paths: paths) ? resolve(configuration, paths: paths) : nil
        }
    }

    /// Files with no `--root` serves the folder chattui starts in, never the home folder or `/`:
    /// started there it stands idle, saying so, rather than failing.
    static func idleReason(_ configuration: ServerConfiguration) -> String? {
        guard case .stdio(_, let arguments, let environment, let workingDirectory) = configuration.transport,
              arguments.count >= 2, arguments[1] == "files", !arguments.contains("--root") else { return nil }
        let home = environment["HOME"] ?? ProcessInfo.processInfo.environment["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path
        return FilesServer.defaultRootRefusal(workingDirectory: workingDirectory ?? FileManager.default.currentDirectoryPath, home: home)
    }

    static var runningExecutable: String { URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path }

    /// Adds each built-in that was never set up (on the first start, and after `chattui mcp add`
    /// made the file first), remembering which were, so one the person removed stays removed.
    /// Entries an earlier version wrote as an absolute path to the binary are stored by name.
    public static func configureMissing(files: ConnectorConfigurationFiles, paths: AppPaths) throws {
        let marker = markerFile(paths)
        let firstStart = !FileManager.default.fileExists(atPath: files.userFile.path)
        let setUp = firstStart || !FileManager.default.fileExists(atPath: marker.path)
            ? [] : Set(try String(contentsOf: marker, encoding: .utf8).split(separator: "\n").map(String.init))
        let mine = files.read().person
        for name in names where !setUp.contains(name) && !mine.contains(where: { $0.name == name }) {
            try files.add(name: name, entry: entry(name))
        }
        for case .success(let connector) in mine.map(\.configuration) where writtenByAnEarlierVersion(connector) {
            try files.add(name: connector.name, entry: entry(connector.name))
        }
        if setUp != Set(names) { try rememberSetUp(paths) }
    }

    /// Which built-ins were set up once, one name a line.
    static func markerFile(_ paths: AppPaths) -> URL { paths.state.appendingPathComponent("builtin-connectors") }

    /// Marks every built-in as set up: from now on only the person adds or removes them.
    static func rememberSetUp(_ paths: AppPaths) throws {
        try FileManager.default.createDirectory(at: paths.state, withIntermediateDirectories: true)
        try (names.joined(separator: "\n") + "\n").write(to: markerFile(paths), atomically: true, encoding: .utf8)
    }

    /// `/abs/path/chattui serve tasks --database D` or `… serve files --root DIR`, exactly as the
    /// first start of an earlier version wrote them (a root frozen at that start).
    private static func writtenByAnEarlierVersion(_ connector: ServerConfiguration) -> Bool {
        guard case .stdio(let command, let arguments, let environment, let workingDirectory) = connector.transport,
              command.hasPrefix("/"), command.hasSuffix("/chattui"), environment.isEmpty, workingDirectory == nil,
              arguments.count == 4, arguments[0] == "serve", arguments[1] == connector.name else { return false }
        return (connector.name == "tasks" && arguments[2] == "--database") || (connector.name == "files" && arguments[2] == "--root")
    }
}
