import ArgumentParser
import BuiltinConnectors
import Foundation
import MCPClient

/// `chattui serve tasks|files`: the built-in connectors as MCP servers over stdio, for chattui or any MCP client.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run a built-in connector as an MCP server over stdio.",
        subcommands: [Tasks.self, Files.self])

    struct Tasks: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A local issue tracker (projects, issues) in SQLite.")

        @Option(help: "The tracker's database (default: tasks.sqlite beside chattui's own).")
        var database: String?

        func run() async throws {
            let path = database ?? AppPaths.resolve(dataDirectory: nil).data.appendingPathComponent("tasks.sqlite").path
            try await TasksServer(store: TasksStore(path: path)).serveOverStdio()
        }
    }

    struct Files: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Search and read text files under the folders given (read-only).")

        @Option(name: .customLong("root"), help: "A folder it may read (repeatable).")
        var roots: [String] = []

        func run() async throws {
            do {
                try await FilesServer(roots: roots).serveOverStdio()
            } catch let error as FilesError {
                throw ValidationError(error.description)
            }
        }
    }
}

/// On the very first start (no connectors file yet) chattui configures its two built-in
/// connectors, so it opens with connectors that work offline.
enum BuiltinConnectorSetup {
    static func configureIfFirstStart(files: ConnectorConfigurationFiles, paths: AppPaths, workingDirectory: String) throws {
        guard !FileManager.default.fileExists(atPath: files.userFile.path) else { return }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        try files.add(name: "tasks", entry: [
            "command": executable,
            "args": ["serve", "tasks", "--database", paths.data.appendingPathComponent("tasks.sqlite").path],
        ])
        try files.add(name: "files", entry: ["command": executable, "args": ["serve", "files", "--root", workingDirectory]])
    }

    /// The built-ins as the connector set knows them: an entry that runs this binary's `serve`.
    static func builtins(paths: AppPaths) -> ConnectorSet.Builtins {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        return ConnectorSet.Builtins(names: ["tasks", "files"]) { configuration in
            guard case .stdio(let command, let arguments, _, _) = configuration.transport,
                  command == executable, arguments.first == "serve" else { return nil }
            return configuration
        }
    }
}
