@testable import ChatFeatures
@testable import ChatTUI
@testable import LiveSession
@testable import TerminalBackend
import Foundation
import MCPClient
import Testing
import TestSupport

/// The built-ins are stored by name and resolved to whichever binary runs, so moving or
/// rebuilding chattui never breaks them; `mcp add` before the first start does not keep them
/// out, and one the person removed stays removed.
@Suite(.serialized, .timeLimit(.minutes(2))) struct BuiltinConnectorSetupTests {
    let folder = TemporaryDirectory()
    var environment: [String: String] {
        ["XDG_CONFIG_HOME": folder.url.appendingPathComponent("config").path, "XDG_STATE_HOME": folder.url.appendingPathComponent("state").path,
         "CHATTUI_DATA_DIR": folder.url.appendingPathComponent("data").path]
    }
    var paths: AppPaths { AppPaths.resolve(dataDirectory: nil, environment: environment) }
    var files: ConnectorConfigurationFiles { ConnectorConfigurationFiles(configDirectory: paths.config, workingDirectory: nil) }

    func run(_ binary: URL, _ arguments: String...) throws -> Spawn.Result {
        try Spawn.run([binary.path] + arguments, environment: environment)
    }

    func expectBuiltinsReady(_ list: Spawn.Result, sourceLocation: SourceLocation = #_sourceLocation) {
        for name in ["tasks", "files"] {
            let line = list.output.split(separator: "\n").first { $0.hasPrefix("\(name):") }
            #expect(line?.contains("✓ ready") == true, "\(list.output)", sourceLocation: sourceLocation)
        }
    }

    /// The person's entries that parse.
    func configurations() -> [ServerConfiguration] {
        files.read(environment: environment).person.compactMap { try? $0.configuration.get() }
    }

    @Test func storedByNameTheySurviveMovingTheBinary() throws {
        let first = folder.url.appendingPathComponent("first")
        try FileManager.default.createDirectory(at: first, withIntermediateDirectories: true)
        // Copied by cp: a descriptor open for writing here would leak into processes other tests start (ETXTBSY).
        #expect(try Spawn.run(["cp", BuiltBinary.chattui.path, first.appendingPathComponent("chattui").path]).status == 0)
        #expect(try run(first.appendingPathComponent("chattui"), "mcp", "add", "echo", "--", "cat").status == 0)

        try BuiltinConnectorSetup.configureMissing(files: files, paths: paths)
        let stored = try String(contentsOf: files.userFile, encoding: .utf8)
        #expect(!stored.contains(first.path) && !stored.contains(BuiltBinary.chattui.path), "\(stored)")
        #expect(Set(configurations().filter { BuiltinConnectorSetup.isBuiltin($0, paths: paths) }.map(\.name)) == ["tasks", "files"])
        expectBuiltinsReady(try run(first.appendingPathComponent("chattui"), "mcp", "list"))

        let moved = folder.url.appendingPathComponent("moved")
        try FileManager.default.moveItem(at: first, to: moved)
        expectBuiltinsReady(try run(moved.appendingPathComponent("chattui"), "mcp", "list"))

        #expect(try run(moved.appendingPathComponent("chattui"), "mcp", "remove", "files").status == 0)
        try BuiltinConnectorSetup.configureMissing(files: files, paths: paths)
        #expect(configurations().map(\.name) == ["echo", "tasks"], "a removed built-in stays removed")
    }

    @Test func resolvedTheyNameTheirFoldersAndAnEarlierVersionsPathsAreReplaced() throws {
        try files.add(name: "tasks", entry: ["command": "/gone/.build/debug/chattui", "args": ["serve", "tasks", "--database", "/gone/tasks.sqlite"]])
        try files.add(name: "files", entry: ["command": "/gone/.build/debug/chattui", "args": ["serve", "files", "--root", "/home/someone"]])
        try BuiltinConnectorSetup.configureMissing(files: files, paths: paths)
        let loaded = configurations()
        #expect(loaded.allSatisfy { BuiltinConnectorSetup.isBuiltin($0, paths: paths) }, "\(loaded)")

        let tasks = BuiltinConnectorSetup.resolve(try #require(loaded.first { $0.name == "tasks" }), paths: paths, executable: "/opt/chattui")
        guard case .stdio(let command, let arguments, let variables, _) = tasks.transport else { Issue.record("not stdio"); return }
        #expect(command == "/opt/chattui")
        #expect(arguments == ["serve", "tasks", "--database", paths.data.appendingPathComponent("tasks.sqlite").path])
        #expect(variables == ["CHATTUI_DATA_DIR": paths.data.path, "XDG_CONFIG_HOME": environment["XDG_CONFIG_HOME"]!,
                              "XDG_STATE_HOME": environment["XDG_STATE_HOME"]!])
        let custom = ServerConfiguration(name: "mine", transport: .stdio(command: "chattui", arguments: ["serve", "other"], environment: [:], workingDirectory: nil))
        #expect(BuiltinConnectorSetup.resolve(custom, paths: paths) == custom)
        var fromAProject = try #require(loaded.first { $0.name == "files" })
        fromAProject.source = folder.url.appendingPathComponent(".mcp.json").path
        #expect(BuiltinConnectorSetup.resolve(fromAProject, paths: paths) == fromAProject, "a project file cannot claim to be a built-in")
    }
}
