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
        let noURL = try chattui("mcp", "add", "--transport", "http", "r", "ftp://example.com")
        #expect(noURL.status != 0 && noURL.output.contains("http(s) URL"))
        let noCommand = try chattui("mcp", "add", "c")
        #expect(noCommand.status != 0 && noCommand.output.contains("after --"))
        let unknown = try chattui("mcp", "inspect", "nope")
        #expect(unknown.status != 0 && unknown.output.contains("No connector named \"nope\""))
    }
}
