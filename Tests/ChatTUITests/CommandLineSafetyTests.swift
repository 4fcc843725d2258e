import Foundation
import HTTPStreaming
import Testing
import TestSupport

/// Outside the interface too, what a model, a server or a configuration file
/// says reaches the terminal only through the sanitiser: `-p`, `mcp`,
/// `doctor` and `mcp login`, each run as a person would.
@Suite(.serialized, .timeLimit(.minutes(2))) struct CommandLineSafetyTests {
    let folder = TemporaryDirectory()
    static let escape = "\u{1B}"
    static let bell = "\u{07}"

    private var environment: [String: String] {
        ["XDG_CONFIG_HOME": folder.url.appendingPathComponent("config").path,
         "XDG_STATE_HOME": folder.url.appendingPathComponent("state").path, "LANG": "C.UTF-8"]
    }

    private func chattui(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Spawn.Result {
        try Spawn.run([BuiltBinary.chattui.path, "--data-dir", folder.url.appendingPathComponent("data").path] + arguments,
                      environment: environment.merging(extra) { $1 })
    }

    private func subcommand(_ arguments: String...) throws -> Spawn.Result {
        try Spawn.run([BuiltBinary.chattui.path] + arguments, environment: environment)
    }

    private func writeConnectors(_ json: String) throws {
        let config = folder.url.appendingPathComponent("config/chattui")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try json.write(to: config.appendingPathComponent("connectors.json"), atomically: true, encoding: .utf8)
    }

    /// A recorded Anthropic answer served on loopback; the server stops when the test drops it.
    private func model(_ recording: String) throws -> (server: LocalServer, environment: [String: String]) {
        let server = try TurnEndToEndTests.model([recording], folder: folder)
        return (server, ["ANTHROPIC_BASE_URL": "http://127.0.0.1:\(server.port)", "ANTHROPIC_API_KEY": "test"])
    }

    @Test func printModeSanitisesAModelServersErrorText() throws {
        let model = try model("anthropic_400_escapes")
        let result = try chattui(["-p", "hello"], environment: model.environment)
        #expect(result.status == 1)
        #expect(result.output.contains("bad request from a hostile server"), "\(result.output)")
        #expect(!result.output.contains(Self.escape) && !result.output.contains(Self.bell), "\(result.output.debugDescription)")
    }

    /// On a terminal the answer is sanitised; into a pipe it goes as the model wrote it.
    @Test func printModeSanitisesTheAnswerOnATerminalOnly() throws {
        let model = try model("anthropic_text_escapes")
        let environment = model.environment
        let data = folder.url.appendingPathComponent("data").path
        let command = ([BuiltBinary.chattui.path, "--data-dir", data, "-p", "hello"]).map { "'\($0)'" }.joined(separator: " ")
        let onTerminal = try Spawn.run(["script", "-qec", command, "/dev/null"], environment: self.environment.merging(environment) { $1 })
        #expect(onTerminal.output.contains("Hello wörld"), "\(onTerminal.output.debugDescription)")
        #expect(!onTerminal.output.contains(Self.escape + "]"), "\(onTerminal.output.debugDescription)")

        let piped = try chattui(["-p", "hello"], environment: environment)
        #expect(piped.output.contains("Hello\(Self.escape)]0;PWNED-ANSWER\(Self.bell)"), "\(piped.output.debugDescription)")
    }

    @Test func mcpGetListAndDoctorSanitiseTheConfiguration() throws {
        // A name with escapes is left out (and said so, sanitised); the command line's escapes are shown neutralised.
        try writeConnectors(#"{"mcpServers": {"evil": {"command": "no-such\u001b]0;PWNED-COMMAND\u0007", "#
                            + #""args": ["\u001b]52;c;UFdORUQ=\u0007", "\u001b[2J"]}, "#
                            + #""evil\u001b]0;PWNED-NAME\u0007": {"command": "no-such"}}}"#)
        for result in [try subcommand("mcp", "get", "evil"), try subcommand("mcp", "list"), try subcommand("doctor"),
                       try subcommand("mcp", "inspect", "evil")] {
            #expect(result.output.contains("no-such"), "\(result.output)")
            #expect(!result.output.contains(Self.escape) && !result.output.contains(Self.bell), "\(result.output.debugDescription)")
        }
    }

    /// A server's name, version and instructions with line breaks of every kind print on their own line each:
    /// no value can start a line that reads as chattui's own.
    @Test func mcpInspectKeepsEachServerValueOnItsLine() throws {
        let python = TurnEndToEndTests.root.appendingPathComponent(".venv/bin/python").path
        let script = TurnEndToEndTests.root.appendingPathComponent("Tests/ChatTUITests/Peers/forging_name_server.py").path
        try writeConnectors(#"{"mcpServers": {"forge": {"command": "\#(python)", "args": ["\#(script)"]}}}"#)
        let result = try subcommand("mcp", "inspect", "forge")
        #expect(result.status == 0, "\(result.output)")
        for breaking in ["\r", "\u{85}", "\u{2028}", "\u{2029}"] {
            #expect(!result.output.unicodeScalars.contains(breaking.unicodeScalars.first!), "\(result.output.debugDescription)")
        }
        let lines = result.output.split(separator: "\n")
        let forged = lines.filter { $0.contains("Trust") }
        #expect(forged.count == 2 && forged.allSatisfy { $0.hasPrefix("forge: helper ") || $0.hasPrefix("  Instructions: hi ") },
                "\(result.output.debugDescription)")
        #expect(lines.first?.hasPrefix("forge: helper Trust") == true, "\(result.output.debugDescription)")
    }

    /// The authorization server's `error_description` comes back through the browser's redirect.
    @Test func mcpLoginSanitisesTheServersErrorDescription() async throws {
        let port = freeLocalPort()
        let script = TurnEndToEndTests.root.appendingPathComponent("Tests/MCPClientTests/Peers/oauth_server.py").path
        let oauth = try LocalServer([TurnEndToEndTests.root.appendingPathComponent(".venv/bin/python").path, script, String(port)], port: port)
        try writeConnectors(#"{"mcpServers": {"secure": {"type": "http", "url": "http://127.0.0.1:\#(oauth.port)/mcp"}}}"#)
        let redirectPort = freeLocalPort()
        let output = folder.url.appendingPathComponent("login.out")
        let pid = try Spawn.start([BuiltBinary.chattui.path, "mcp", "login", "secure", "--no-browser", "--port", String(redirectPort)],
                                  environment: environment, output: output.path)
        // The listener takes one connection, so it is not probed: the prompt says it is listening.
        let deadline = Date().addingTimeInterval(30)
        while !((try? String(contentsOf: output, encoding: .utf8)) ?? "").contains("Waiting for the browser") && Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        let description = "%1B%5D0%3BPWNED-OAUTH%07%1B%5D52%3Bc%3BUFdORUQ%3D%07access%20was%20denied"
        _ = try? await CurlRequest.fetch("GET", URL(string: "http://127.0.0.1:\(redirectPort)/callback?error=access_denied&error_description=\(description)")!)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let printed = try String(contentsOf: output, encoding: .utf8)
        #expect(status != 0)
        #expect(printed.contains("access was denied"), "\(printed)")
        #expect(!printed.contains(Self.escape) && !printed.contains(Self.bell), "\(printed.debugDescription)")
    }
}
