import LiveSession
import TerminalBackend
import ChatFeatures
import ArgumentParser
import BuiltinConnectors
import Foundation
import MCPClient
import TOMLKit

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
        static let configuration = CommandConfiguration(
            abstract: "Search and read text files under the folders given (read-only).",
            discussion: "Without --root it serves the folder it starts in (never / or your home folder). "
                + "It refuses files that may hold secrets; [files] deny and allow in config.toml change the list.")

        @Option(name: .customLong("root"), help: "A folder it may read (repeatable; default: the working directory).")
        var roots: [String] = []

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            let home = environment["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path
            // A refusal (FilesError) ends it with its reason on stderr, which the client's log keeps.
            let settings = try FilesSettings.load(configDirectory: AppPaths.resolve(dataDirectory: nil).config)
            let chosen = roots.isEmpty ? [try FilesServer.defaultRoot(workingDirectory: FileManager.default.currentDirectoryPath, home: home)] : roots
            let secrets = SecretPaths(deny: settings.deny, allow: settings.allow, privateFolders: Self.chattuiFolders(home: home), home: home)
            try await FilesServer(roots: chosen, secrets: secrets).serveOverStdio()
        }

        /// chattui's own folders, as configured and at their default places (a folder named by a
        /// variable this process did not get is still refused where it usually is).
        static func chattuiFolders(home: String) -> [URL] {
            let configured = AppPaths.resolve(dataDirectory: nil)
            let standard = AppPaths.resolve(dataDirectory: nil, environment: ["HOME": home])
            return [configured.config, configured.data, configured.state, standard.config, standard.data, standard.state]
        }
    }
}

/// `[files]` in config.toml: more patterns Files refuses (`deny`) and exceptions it reads (`allow`).
struct FilesSettings {
    var deny: [String] = []
    var allow: [String] = []

    /// A file that cannot be read or parsed stops Files (it could not honour the person's patterns).
    static func load(configDirectory: URL) throws(FilesError) -> FilesSettings {
        let file = configDirectory.appendingPathComponent("config.toml")
        guard FileManager.default.fileExists(atPath: file.path) else { return FilesSettings() }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: String(contentsOf: file, encoding: .utf8))
        } catch {
            throw .refused("Files cannot read \(file.path), so it cannot honour [files] deny and allow: \(error)")
        }
        guard let files = table["files"] else { return FilesSettings() }
        func strings(_ key: String) throws(FilesError) -> [String] {
            guard let value = files.table?[key] else { return [] }
            guard let array = value.array, array.allSatisfy({ $0.string != nil }) else {
                throw .refused("\(file.path): [files] \(key) must be a list of patterns, like [\".env.example\"].")
            }
            return array.compactMap(\.string)
        }
        guard files.table != nil else { throw .refused("\(file.path): files must be a table ([files]).") }
        return FilesSettings(deny: try strings("deny"), allow: try strings("allow"))
    }
}
