import Foundation
import Testing
import TestSupport

/// `chattui mcp ...` run as a person would, against the real reference server.
@Suite(.serialized, .timeLimit(.minutes(2))) struct MCPCommandTests {
    let folder = TemporaryDirectory()
    let venv = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".venv/bin")

    private func chattui(_ arguments: String...) throws -> Spawn.Result {
        try Spawn.run([BuiltBinary.chattui.path] + arguments, environment: [
            "XDG_CONFIG_HOME": folder.url.appendingPathComponent("config").path,
            "XDG_STATE_HOME": folder.url.appendingPathComponent("state").path,
        ])
    }

    @Test func addListGetInspectRemove() throws {
        let server = venv.appendingPathComponent("mcp-server-time").path
        #expect(try chattui("mcp", "add", "time", "--", server, "--local-timezone", "UTC").status == 0)
        #expect(try chattui("mcp", "add", "--transport", "http", "linear", "https://mcp.linear.app/mcp", "--header", "Authorization: Bearer x").status == 0)
        #expect(try chattui("mcp", "add", "broken", "--", "no-such-mcp-server").status == 0)

        let list = try chattui("mcp", "list")
        #expect(list.output.contains("time: \(server) --local-timezone UTC (stdio) - ✓ ready (2 tools)"), "\(list.output)")
        #expect(list.output.contains("broken: no-such-mcp-server (stdio) - ✗ failed: command not found: no-such-mcp-server"))
        #expect(list.output.contains("linear: https://mcp.linear.app/mcp (http) - ✗ failed"))

        let get = try chattui("mcp", "get", "linear")
        #expect(get.output.contains("Headers: Authorization: …"), "header values are not printed")
        #expect(!get.output.contains("Bearer x"))

        let inspect = try chattui("mcp", "inspect", "time")
        #expect(inspect.output.contains("Protocol: 20"))
        #expect(inspect.output.contains("time__get_current_time  [read-only"), "\(inspect.output)")
        #expect(inspect.output.contains("tokens"))

        #expect(try chattui("mcp", "remove", "broken").status == 0)
        let again = try chattui("mcp", "remove", "broken")
        #expect(again.status != 0)
        #expect(again.output.contains("No connector named \"broken\""))
    }

    @Test func badInputGetsAClearMessage() throws {
        let duplicate = try chattui("mcp", "add", "a", "--", "cat")
        #expect(duplicate.status == 0)
        let twice = try chattui("mcp", "add", "a", "--", "cat")
        #expect(twice.status != 0 && twice.output.contains("exists already"))
        // The short options other clients' `mcp add` take: -t, -e, -H.
        #expect(try chattui("mcp", "add", "-e", "KEY=1", "short", "--", "cat").status == 0)
        #expect(try chattui("mcp", "add", "-t", "http", "remote", "https://example.com/mcp", "-H", "X-Team: a").status == 0)
        let shortGet = try chattui("mcp", "get", "short")
        #expect(shortGet.output.contains("KEY"), "\(shortGet.output)")
        let noURL = try chattui("mcp", "add", "--transport", "http", "r", "ftp://example.com")
        #expect(noURL.status != 0 && noURL.output.contains("http(s) URL"))
        let noCommand = try chattui("mcp", "add", "c")
        #expect(noCommand.status != 0 && noCommand.output.contains("after --"))
        let unknown = try chattui("mcp", "inspect", "nope")
        #expect(unknown.status != 0 && unknown.output.contains("No connector named \"nope\""))
    }
}

/// `chattui doctor` as a person runs it: each problem with a remedy, and the exit status.
@Suite(.serialized, .timeLimit(.minutes(2))) struct DoctorTests {
    let folder = TemporaryDirectory()

    private func doctor(_ extra: [String: String] = [:], _ arguments: String...) throws -> Spawn.Result {
        let environment = [
            "XDG_CONFIG_HOME": folder.url.appendingPathComponent("config").path,
            "XDG_STATE_HOME": folder.url.appendingPathComponent("state").path,
            "LANG": "C.UTF-8", "TERM": "xterm-256color",
        ]
        let unset = ["ANTHROPIC_API_KEY", "OPENAI_API_KEY", "OPENAI_BASE_URL", "ANTHROPIC_BASE_URL", "CHATTUI_MODEL", "LC_ALL"].flatMap { ["-u", $0] }
        return try Spawn.run(["env"] + unset + extra.map { "\($0.key)=\($0.value)" } + [BuiltBinary.chattui.path, "doctor"] + arguments,
                             environment: environment)
    }

    @Test func problemsComeWithRemediesAndAFailingStatus() throws {
        let config = folder.url.appendingPathComponent("config/chattui")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try #"{"mcpServers": {"broken": {"command": "no-such-mcp-server"}}}"#.write(to: config.appendingPathComponent("connectors.json"), atomically: true, encoding: .utf8)
        try "model = [\n".write(to: config.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        let result = try doctor(["LANG": "C"])
        #expect(result.status == 1)
        #expect(result.output.contains("is not UTF-8"), "\(result.output)")
        #expect(result.output.contains("→ export LANG=C.UTF-8"))
        #expect(result.output.contains("config.toml:1"))
        #expect(result.output.contains("✗ broken: command not found: no-such-mcp-server"))
        #expect(result.output.contains("✗ No model is configured"))
        #expect(result.output.contains("✓ 24 connectors in 7 categories"))
    }

    /// One of a thing is said in the singular: a connector with one tool is "1 tool", not "1 tools".
    @Test func oneOfAThingIsSingular() throws {
        let config = folder.url.appendingPathComponent("config/chattui")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        let python = TurnEndToEndTests.root.appendingPathComponent(".venv/bin/python").path
        let peer = TurnEndToEndTests.root.appendingPathComponent("Tests/ChatTUITests/Peers/one_tool_server.py").path
        try #"{"mcpServers": {"one": {"command": "\#(python)", "args": ["\#(peer)"]}}}"#
            .write(to: config.appendingPathComponent("connectors.json"), atomically: true, encoding: .utf8)
        let result = try doctor()
        #expect(result.output.contains("✓ one: ready, 1 tool, MCP"), "\(result.output)")
        #expect(result.output.contains("1 connector configured"), "\(result.output)")
        #expect(!result.output.contains("1 tools") && !result.output.contains("1 connectors"), "\(result.output)")
    }

    @Test func aHealthySetupPasses() throws {
        let config = folder.url.appendingPathComponent("config/chattui")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try #"{"mcpServers": {}}"#.write(to: config.appendingPathComponent("connectors.json"), atomically: true, encoding: .utf8)
        let result = try doctor(["ANTHROPIC_API_KEY": "x"], "--offline")
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("All good."))
    }
}

/// A command that starts connectors (`mcp list`, `mcp inspect`, `doctor`, `-p`) and is told to stop
/// (`timeout`, Ctrl-C, a closed terminal) stops their servers first, as quitting the interface does.
@Suite(.serialized, .timeLimit(.minutes(2))) struct CommandSignalTests {
    let folder = TemporaryDirectory()

    /// Running, and not a zombie left for PID 1 to reap.
    private static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let state = stat.split(separator: ")").last?.split(separator: " ").first else { return false }
        return state != "Z"
    }

    @Test(arguments: [["mcp", "list"], ["mcp", "inspect", "hang"], ["doctor"], ["-p", "hi", "--connector", "hang"]], [SIGTERM, SIGINT, SIGHUP])
    func aSignalStopsTheConnectorsItStarted(command: [String], signal: Int32) throws {
        // `-p` finds its model before it starts connectors.
        let model = try ModelChoiceEndToEndTests.server(["qwen"], folder: folder)
        let environment = [
            "XDG_CONFIG_HOME": folder.url.appendingPathComponent("config").path,
            "XDG_STATE_HOME": folder.url.appendingPathComponent("state").path,
            "XDG_DATA_HOME": folder.url.appendingPathComponent("data").path,
            "OPENAI_BASE_URL": "http://127.0.0.1:\(model.port)/v1",
        ]
        let pidFile = folder.url.appendingPathComponent("server.pid")
        // A server that never answers `initialize`: the command waits for it until told to stop.
        let server = "import os, time; open('\(pidFile.path)', 'w').write(str(os.getpid())); time.sleep(999)"
        #expect(try Spawn.run([BuiltBinary.chattui.path, "mcp", "add", "hang", "--", "python3", "-c", server], environment: environment).status == 0)
        let chattui = try Spawn.start([BuiltBinary.chattui.path] + command, environment: environment)
        let deadline = Date().addingTimeInterval(20)
        var serverPID: Int32?
        while serverPID == nil && Date() < deadline {
            serverPID = (try? String(contentsOf: pidFile, encoding: .utf8)).flatMap { Int32($0) }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let pid = try #require(serverPID, "the server started")
        kill(chattui, signal)
        var status: Int32 = 0
        while waitpid(chattui, &status, 0) < 0 && errno == EINTR {}
        #expect(!Self.isAlive(pid), "the server outlived chattui")
        if Self.isAlive(pid) { kill(pid, SIGKILL) }
        _ = model
    }
}
