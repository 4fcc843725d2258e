import Foundation
import Testing
import TestSupport

/// Which model answers, decided once for the interface, `-p`, `/model` and `doctor`: the real
/// binary against a local OpenAI-compatible server (`Peers/openai_server.py`) on loopback.
@Suite(.serialized) struct ModelChoiceEndToEndTests {
    static let peers = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Peers")

    /// A server listing `models`; `call` makes every answer a call of that tool.
    static func server(_ models: [String], call: String? = nil, folder: TemporaryDirectory) throws -> LocalServer {
        let port = freeLocalPort()
        return try LocalServer(["/usr/bin/python3", peers.appendingPathComponent("openai_server.py").path, String(port),
                                folder.url.appendingPathComponent("requests.jsonl").path] + models
                                + (call.map { ["--call", $0] } ?? []), port: port)
    }

    /// config.toml with two providers on `server`: `local` names gemma in its configuration, `other` names nothing.
    static func twoProviders(_ server: LocalServer, extra: String = "") -> String {
        """
        \(extra)
        [providers.local]
        base_url = "http://127.0.0.1:\(server.port)/v1"
        models = ["gemma"]

        [providers.other]
        base_url = "http://127.0.0.1:\(server.port)/v1"
        """
    }

    // MARK: the interface

    @Test(.timeLimit(.minutes(2))) func onlyALocalServersAddressAnswersWithTheModelItLists() throws {
        let folder = TemporaryDirectory()
        let server = try Self.server(["qwen"], folder: folder)
        let session = try TmuxSession(environment: ["OPENAI_BASE_URL": "http://127.0.0.1:\(server.port)/v1"])
        try session.waitFor("the listed model in the header") { $0.contains("openai/qwen") }
        try session.type("hello there")
        try session.send("Enter")
        let screen = try session.waitFor("the answer") { $0.contains("qwen heard: hello there") }
        #expect(!screen.contains("No model is configured"))
    }

    @Test(.timeLimit(.minutes(2))) func modelCommandTakesABareNameAndSaysWhichChoicesAnAmbiguousOneHas() throws {
        let folder = TemporaryDirectory()
        let server = try Self.server(["qwen", "gemma"], folder: folder)
        let session = try TmuxSession { data in
            let config = data.appendingPathComponent("config/chattui")
            try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
            try Self.twoProviders(server).write(to: config.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        }
        try session.waitFor("the configured default in the header") { $0.contains("local/gemma") }
        try session.type("/model qwen")
        try session.send("Enter")
        try session.waitFor("the choices") { $0.contains("local/qwen") && $0.contains("other/qwen") }
        try session.type("/model gemma")
        try session.send("Enter")
        try session.waitFor("This conversation now uses local/gemma")
        try session.type("/model other/qwen")
        try session.send("Enter")
        try session.waitFor("This conversation now uses other/qwen")
        try session.type("which one?")
        try session.send("Enter")
        try session.waitFor("qwen heard: which one?")
    }

    // MARK: doctor

    @Test(.timeLimit(.minutes(1))) func doctorNamesTheModelEveryMessageUsesOrWhyNone() throws {
        let folder = TemporaryDirectory()
        let server = try Self.server(["qwen", "gemma"], folder: folder)
        let local = try ChattuiRun(folder: folder, environment: ["OPENAI_BASE_URL": "http://127.0.0.1:\(server.port)/v1"])
            .run(["doctor"])
        #expect(local.status == 0, "\(local.output)")
        #expect(local.output.contains("messages use openai/qwen"), "\(local.output)")

        // A registry nobody answers is optional: marked "!", and the last line is not "All good.".
        let noRegistry = try ChattuiRun(folder: folder, environment: ["OPENAI_BASE_URL": "http://127.0.0.1:\(server.port)/v1"],
                                        config: "registry = \"http://127.0.0.1:\(freeLocalPort())\"\n").run(["doctor"])
        #expect(noRegistry.status == 0, "\(noRegistry.output)")
        #expect(noRegistry.output.contains("  ! http://127.0.0.1:"), "\(noRegistry.output)")
        #expect(!noRegistry.output.contains("All good.") && noRegistry.output.contains("No problems; one optional part (marked !) does not work here."),
                "\(noRegistry.output)")

        let ambiguous = try ChattuiRun(folder: folder, config: Self.twoProviders(server, extra: #"model = "qwen""#)).run(["doctor"])
        #expect(ambiguous.status != 0)
        #expect(ambiguous.output.contains("local/qwen") && ambiguous.output.contains("other/qwen"), "\(ambiguous.output)")
    }

    // MARK: -p

    @Test(.timeLimit(.minutes(1))) func printModeResolvesABareModelName() throws {
        let folder = TemporaryDirectory()
        let server = try Self.server(["qwen"], folder: folder)
        let run = try ChattuiRun(folder: folder, environment: ["OPENAI_BASE_URL": "http://127.0.0.1:\(server.port)/v1"])
        let answered = try run.run(["-p", "hi", "--model", "qwen"])
        #expect(answered.status == 0, "\(answered.output) \(run.stderr)")
        #expect(answered.output.contains("qwen heard: hi"))

        let two = try ChattuiRun(folder: folder, config: Self.twoProviders(server))
        let configured = try two.run(["-p", "hi", "--model", "gemma"])
        #expect(configured.status != 0, "gemma is named by local's configuration, so local is asked; the server lacks it")
        #expect(two.stderr.contains("model 'gemma' not found"), "\(two.stderr)")
        let listed = try two.run(["-p", "hi", "--model", "qwen"])
        #expect(listed.status != 0)
        #expect(two.stderr.contains("local/qwen") && two.stderr.contains("other/qwen"), "\(two.stderr)")
        #expect(!listed.output.contains("heard"), "nothing is sent")
    }

    @Test(.timeLimit(.minutes(1))) func printModeReadsThePromptFromStandardInputAndRefusesAnEmptyOne() throws {
        let folder = TemporaryDirectory()
        let server = try Self.server(["qwen"], folder: folder)
        let run = try ChattuiRun(folder: folder, environment: ["OPENAI_BASE_URL": "http://127.0.0.1:\(server.port)/v1"])
        let piped = try run.run(["-p", "-"], input: "from a pipe\n")
        #expect(piped.status == 0, "\(run.stderr)")
        #expect(piped.output.contains("qwen heard: from a pipe"))

        for (arguments, input) in [(["-p", ""], nil), (["-p", "  \n"], nil), (["-p", "-"], "")] as [([String], String?)] {
            let refused = try run.run(arguments, input: input)
            #expect(refused.status != 0, "\(arguments)")
            #expect(run.stderr.contains("prompt is empty"), "\(arguments): \(run.stderr)")
        }
        let requests = (try? String(contentsOf: folder.url.appendingPathComponent("requests.jsonl"), encoding: .utf8)) ?? ""
        #expect(requests.components(separatedBy: "chat/completions").count == 2, "only the piped prompt was sent")
    }

    @Test(.timeLimit(.minutes(1))) func printModeFailsWhenANamedConnectorDidNotStart() throws {
        let folder = TemporaryDirectory()
        let server = try Self.server(["qwen"], folder: folder)
        let run = try ChattuiRun(folder: folder, environment: ["OPENAI_BASE_URL": "http://127.0.0.1:\(server.port)/v1"],
                                 connectors: #"{"mcpServers": {"broken": {"command": "/nonexistent/server"}}}"#)
        let result = try run.run(["-p", "hi", "--connector", "broken"])
        #expect(result.status != 0)
        #expect(run.stderr.contains("broken"), "\(run.stderr)")
        #expect(!result.output.contains("heard"), "no turn runs without a connector the person asked for")
    }

    @Test(.timeLimit(.minutes(1))) func printModeFailsWhenTheTurnStopsAtTheStepLimit() throws {
        let folder = TemporaryDirectory()
        let server = try Self.server(["qwen"], call: "files__list_roots", folder: folder)
        let files = #"{"mcpServers": {"files": {"command": "\#(BuiltBinary.chattui.path)", "args": ["serve", "files", "--root", "\#(folder.url.path)"]}}}"#
        let run = try ChattuiRun(folder: folder, environment: ["OPENAI_BASE_URL": "http://127.0.0.1:\(server.port)/v1"],
                                 config: "step_limit = 2", connectors: files)
        let result = try run.run(["-p", "look around", "--connector", "files", "--allow", "files"])
        #expect(result.status != 0, "\(run.stderr)")
        #expect(run.stderr.contains("stopped after 2 steps"), "\(run.stderr)")
    }
}

/// `chattui` run to completion with its own config folder, no model variables but the ones given,
/// standard input from `input`, and standard error kept apart in `stderr`.
struct ChattuiRun {
    let folder: URL
    let environment: [String: String]

    init(folder: TemporaryDirectory, environment: [String: String] = [:], config: String? = nil, connectors: String? = nil) throws {
        self.folder = folder.url.appendingPathComponent("run-\(UUID().uuidString.prefix(8))")
        self.environment = environment
        let configFolder = self.folder.appendingPathComponent("config/chattui")
        try FileManager.default.createDirectory(at: configFolder, withIntermediateDirectories: true)
        if let config { try config.write(to: configFolder.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8) }
        if let connectors { try connectors.write(to: configFolder.appendingPathComponent("connectors.json"), atomically: true, encoding: .utf8) }
    }

    var stderr: String { (try? String(contentsOf: folder.appendingPathComponent("stderr.txt"), encoding: .utf8)) ?? "" }

    /// Returns stdout and the exit status.
    func run(_ arguments: [String], input: String? = nil) throws -> Spawn.Result {
        func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let unset = "unset ANTHROPIC_API_KEY ANTHROPIC_BASE_URL OPENAI_API_KEY OPENAI_BASE_URL OPENAI_MODEL CHATTUI_MODEL"
        let variables = ["LANG": "C.UTF-8", "TERM": "xterm-256color", "XDG_CONFIG_HOME": folder.appendingPathComponent("config").path,
                         "XDG_STATE_HOME": folder.appendingPathComponent("state").path]
            .merging(environment) { $1 }.sorted { $0.key < $1.key }.map { "export \($0.key)=\(quoted($0.value))" }
        let command = ([BuiltBinary.chattui.path, "--data-dir", folder.appendingPathComponent("data").path] + arguments).map(quoted)
            .joined(separator: " ")
        let stdin = input.map { "printf %s \(quoted($0)) | " } ?? ""
        let script = ([unset] + variables + ["cd \(quoted(folder.path))", "\(stdin)\(command) 2>stderr.txt"]).joined(separator: "\n")
        return try Spawn.run(["/bin/sh", "-c", script])
    }
}
