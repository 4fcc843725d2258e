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
        #expect(Set(snapshot.map(\.name)) == ["list_projects", "create_project", "create_issue", "get_issue", "update_issue", "list_issues", "search_issues", "current_issues"])
        let appOnly = try #require(snapshot.first { $0.name == "current_issues" })
        #expect(appOnly._meta?["ui"] == .object(["visibility": ["app"]]) && appOnly.annotations.readOnlyHint == true,
                "the views' read is open only to them, and writes nothing")
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
        // What a view reads when it opens: the issues as they are now, a missing one left out.
        let current = try await connection.callTool("current_issues", arguments: ["ids": [.int(id), .int(id + 99)]])
        #expect(Self.text(current) == "#\(id) [in_progress] Export fails for 日本語 titles (Inbox, urgent, ada)")
        #expect(try await connection.callTool("current_issues", arguments: ["ids": "1"]).isError == true)
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
        // Outside is said before a secret-looking name: `allow` could not open "../.ssh/id_rsa".
        for path in ["../outside.txt", "escape.txt", folder.url.appendingPathComponent("outside.txt").path, "sub/../../outside.txt", "../.ssh/id_rsa"] {
            let refused = try await connection.callTool("read_file", arguments: ["path": .string(path)])
            #expect(refused.isError == true, "\(path)")
            #expect(Self.text(refused).contains("outside the folders Files may read"), "\(path): \(Self.text(refused))")
        }
        #expect(Self.text(try await connection.callTool("read_file", arguments: ["path": "escape.txt"])).contains("escape.txt is a link to "))
        let tools = try await connection.listTools()
        #expect(tools.allSatisfy { $0.annotations.readOnlyHint == true })
        await connection.close()
    }

    /// Files over stdio with a home folder of its own: chattui's folders come from the environment the
    /// client gives it, `[files]` in config.toml adds patterns and exceptions, and with no --root it
    /// serves the folder it starts in, never the whole home folder.
    @Test func filesRefusesSecretsOverStdioAndTheWholeHomeFolder() async throws {
        let home = folder.url.appendingPathComponent("home")
        let contents = [".ssh/id_ed25519": "KEY", ".local/state/chattui/auth/linear.json": "TOKEN", ".env": "TOKEN", ".env.example": "A=1",
                     "plans.secret": "TOKEN", "notes.txt": "ordinary", ".config/chattui/config.toml": "[files]\nallow = [\".env.example\"]\ndeny = [\"*.secret\"]\n"]
        for (path, text) in contents {
            let file = home.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        let environment = ["HOME": home.path, "XDG_CONFIG_HOME": home.appendingPathComponent(".config").path,
                           "XDG_STATE_HOME": home.appendingPathComponent(".local/state").path, "CHATTUI_DATA_DIR": home.appendingPathComponent("data").path]
        func serveFiles(_ arguments: [String], in workingDirectory: String) -> ServerConnection {
            ServerConnection(configuration: ServerConfiguration(name: "files", transport: .stdio(
                command: BuiltBinary.chattui.path, arguments: ["serve", "files"] + arguments, environment: environment, workingDirectory: workingDirectory)),
                             logDirectory: folder.url)
        }
        let connection = serveFiles(["--root", home.path], in: home.path)
        _ = try await connection.open()
        for path in [".ssh/id_ed25519", ".local/state/chattui/auth/linear.json", ".env", "plans.secret"] {
            let refused = try await connection.callTool("read_file", arguments: ["path": .string(path)])
            #expect(refused.isError == true && !Self.text(refused).contains("TOKEN"), "\(path): \(Self.text(refused))")
        }
        #expect(Self.text(try await connection.callTool("read_file", arguments: ["path": ".local/state/chattui/auth/linear.json"])).contains("chattui's own folder"))
        #expect(Self.text(try await connection.callTool("read_file", arguments: ["path": "plans.secret"])).contains("“*.secret”"))
        #expect(Self.text(try await connection.callTool("read_file", arguments: ["path": ".env.example"])) == "A=1")
        #expect(Self.text(try await connection.callTool("read_file", arguments: ["path": "notes.txt"])) == "ordinary")
        #expect(Self.text(try await connection.callTool("search_files", arguments: ["query": "TOKEN"])) == "No file matches “TOKEN”.")
        await connection.close()

        let wholeHome = serveFiles([], in: home.path)
        await #expect(throws: (any Error).self) { _ = try await wholeHome.open() }
        await wholeHome.close()
        #expect(try String(contentsOf: wholeHome.logFile, encoding: .utf8).contains("not serving your home folder"))

        try "[files\n".write(to: home.appendingPathComponent(".config/chattui/config.toml"), atomically: true, encoding: .utf8)
        let badSettings = serveFiles(["--root", home.path], in: home.path)
        await #expect(throws: (any Error).self) { _ = try await badSettings.open() }
        await badSettings.close()
        #expect(try String(contentsOf: badSettings.logFile, encoding: .utf8).contains("cannot honour [files] deny and allow"))
    }

    /// An idle built-in server blocks on its input: a count of the times its threads were woken
    /// over two idle seconds (upstream's stdio transport woke about 1,000 times in that span).
    @Test func anIdleServerDoesNotWakeUp() async throws {
        let database = folder.url.appendingPathComponent("idle-\(UUID().uuidString).sqlite").path
        let connection = try await connect(["serve", "tasks", "--database", database])
        _ = try await connection.listTools()
        let pid = try #require(Self.process(withArgument: database))
        let before = Self.switchesByThread(of: pid)
        try await Task.sleep(for: .seconds(2))
        let woken = Self.switchesByThread(of: pid).reduce(0) { $0 + $1.value - (before[$1.key] ?? 0) }
        await connection.close()
        #expect(woken < 40, "woken \(woken) times in 2 idle seconds")
    }

    static func process(withArgument argument: String) -> Int32? {
        let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.compactMap { Int32($0) } ?? []
        return pids.first { pid in
            let arguments = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline"))) ?? Data()
            return arguments.split(separator: 0).contains { String(decoding: $0, as: UTF8.self) == argument }
        }
    }

    /// Voluntary and involuntary context switches of each thread of `pid` (per thread, so one
    /// that ends meanwhile does not take its count away).
    static func switchesByThread(of pid: Int32) -> [String: Int] {
        let threads = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return Dictionary(uniqueKeysWithValues: threads.map { thread in
            let status = (try? String(contentsOfFile: "/proc/\(pid)/task/\(thread)/status", encoding: .utf8)) ?? ""
            return (thread, status.split(separator: "\n").filter { $0.contains("ctxt_switches") }
                .compactMap { Int($0.split(separator: "\t").last?.trimmingCharacters(in: .whitespaces) ?? "") }.reduce(0, +))
        })
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
