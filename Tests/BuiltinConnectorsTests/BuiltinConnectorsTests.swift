import BuiltinConnectors
import Foundation
import MCP
import MCPClient
import Testing
import TestSupport

/// The built-in connectors as real MCP servers (`chattui serve ...`), driven by our client
/// and by the official Python SDK's client.
@Suite(.timeLimit(.minutes(2))) struct BuiltinConnectorsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let folder = TemporaryDirectory()

    func connect(_ arguments: [String]) async throws -> ServerConnection {
        let configuration = ServerConfiguration(name: arguments[1], transport: .stdio(command: BuiltBinary.chattui.path, arguments: arguments,
                                                                                     environment: [:], workingDirectory: nil))
        let connection = ServerConnection(configuration: configuration, logDirectory: folder.url)
        _ = try await connection.open()
        return connection
    }

    static func text(_ result: CallTool.Result) -> String {
        result.content.compactMap { if case .text(let text, _, _) = $0 { return text } else { return nil } }.joined()
    }

    @Test func tasksCreatesListsUpdatesAndSearchesIssues() async throws {
        let database = folder.url.appendingPathComponent("tasks.sqlite").path
        let connection = try await connect(["serve", "tasks", "--database", database])
        let snapshot = try await connection.listTools()
        #expect(Set(snapshot.map(\.name)) == ["list_projects", "create_project", "create_issue", "get_issue", "update_issue", "list_issues", "search_issues"])
        let created = try await connection.callTool("create_issue", arguments: [
            "title": "Export fails for 日本語 titles", "description": "Steps: export a conversation", "priority": "urgent",
            "labels": ["bug", "export"], "assignee": "ada", "due_date": "2026-12-31",
        ])
        #expect(created.isError != true, "\(Self.text(created))")
        guard case .object(let structured)? = created.structuredContent, case .object(let issue)? = structured["issue"],
              case .int(let id)? = issue["id"] else { Issue.record("no structured issue: \(String(describing: created.structuredContent))"); return }
        #expect(issue["project"] == .string("Inbox"))
        #expect(Self.text(try await connection.callTool("get_issue", arguments: ["id": .int(id)])).contains("[todo] Export fails for 日本語 titles"))
        _ = try await connection.callTool("update_issue", arguments: ["id": .int(id), "status": "in_progress"])
        let listed = Self.text(try await connection.callTool("list_issues", arguments: ["status": "in_progress", "assignee": "ada"]))
        #expect(listed.contains("#\(id) [in_progress]"))
        #expect(Self.text(try await connection.callTool("search_issues", arguments: ["query": "export 日本語"])).contains("#\(id)"))
        #expect(Self.text(try await connection.callTool("search_issues", arguments: ["query": "100%"])) == "Nothing found.")
        let wrongDate = try await connection.callTool("create_issue", arguments: ["title": "x", "due_date": "next week"])
        #expect(wrongDate.isError == true && Self.text(wrongDate).contains("2026-12-31"))

        // With several projects and none named, the tracker asks (elicitation); a client that cannot answer gets a clear error.
        _ = try await connection.callTool("create_project", arguments: ["name": "Website"])
        let ambiguous = try await connection.callTool("create_issue", arguments: ["title": "Which project?"])
        #expect(ambiguous.isError == true)
        #expect(Self.text(ambiguous).contains("Inbox, Website"))
        await connection.close()
    }

    @Test func filesReadsOnlyInsideItsRoots() async throws {
        let root = folder.url.appendingPathComponent("root")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try "Trip to Kyoto in May".write(to: root.appendingPathComponent("sub/notes.txt"), atomically: true, encoding: .utf8)
        try "secret".write(to: folder.url.appendingPathComponent("outside.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("escape.txt").path,
                                                   withDestinationPath: folder.url.appendingPathComponent("outside.txt").path)
        let connection = try await connect(["serve", "files", "--root", root.path])
        #expect(Self.text(try await connection.callTool("read_file", arguments: ["path": "sub/notes.txt"])) == "Trip to Kyoto in May")
        #expect(Self.text(try await connection.callTool("search_files", arguments: ["query": "kyoto"])).contains("notes.txt: Trip to Kyoto"))
        for path in ["../outside.txt", "escape.txt", folder.url.appendingPathComponent("outside.txt").path, "sub/../../outside.txt"] {
            let refused = try await connection.callTool("read_file", arguments: ["path": .string(path)])
            #expect(refused.isError == true, "\(path)")
            #expect(Self.text(refused).contains("outside the folders Files may read"), "\(path): \(Self.text(refused))")
        }
        let tools = try await connection.listTools()
        #expect(tools.allSatisfy { $0.annotations.readOnlyHint == true })
        await connection.close()
    }

    @Test func thePythonSDKsClientUsesThemToo() throws {
        let root = folder.url.appendingPathComponent("py-root")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try "plans for kyoto".write(to: root.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Clients/python_client.py").path
        let result = try Spawn.run([Self.root.appendingPathComponent(".venv/bin/python").path, script, BuiltBinary.chattui.path,
                                    folder.url.appendingPathComponent("py.sqlite").path, root.path])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("ok tasks through the Python SDK client"))
        #expect(result.output.contains("ok files through the Python SDK client"))
    }
}
