import ConversationModel
import Foundation
import MCPClient
import Synchronization
import Testing
import TestSupport
import ModelProviders
@testable import ChatFeatures
@testable import ChatTUI
@testable import LiveSession
@testable import TerminalBackend

/// The session's adapters against a real SDK-built server.
@Suite(.timeLimit(.minutes(1))) struct ConnectorToolHostTests {
    let folder = TemporaryDirectory()

    func peer() -> ServerConfiguration {
        ServerConfiguration(name: "peer", transport: .stdio(
            command: TurnEndToEndTests.root.appendingPathComponent(".venv/bin/python").path,
            arguments: [TurnEndToEndTests.root.appendingPathComponent("Tests/MCPClientTests/Peers/peer_server.py").path],
            environment: ["PEER_MARKER_DIR": folder.url.path], workingDirectory: nil))
    }

    @Test func appOnlyToolsAreNeverOfferedAndAnnotationsDecideAsking() async throws {
        let manager = ConnectorManager(configurations: [peer()], logDirectory: folder.url)
        await manager.start()
        #expect(await manager.settled()["peer"]?.isReady == true)
        let host = ConnectorToolHost(manager: manager)
        let tools = await host.tools()
        let byID = Dictionary(uniqueKeysWithValues: tools.map { ($0.id, $0) })
        #expect(byID["peer__refresh_view"] == nil, "visibility [app] keeps it from the model")
        #expect(byID["peer__lookup"]?.isReadOnly == true)
        #expect(byID["peer__echo"]?.isReadOnly == false)
        #expect(byID["peer__echo"]?.isDestructive == true, "the specification's default for a tool that says nothing")
        #expect((byID["peer__echo"]?.tokenCost ?? 0) > 0)

        let progress = Mutex<[Double]>([])
        let result = await host.call(ToolCall(id: "c", name: "peer__slow", arguments: .object(["seconds": .number(0.3)]))) { done, _, _ in
            progress.withLock { $0.append(done) }
        }
        #expect(result.content == "done" && !result.isError && result.structured == .object(["result": .string("done")]))
        #expect(result.presentation?.title == "slow" && result.presentation?.connector == "peer")
        #expect(result.presentation?.arguments == .object(["seconds": .number(0.3)]))
        #expect(result.presentation?.outputSchema?["properties"]?["result"]?["title"] == .string("Result"), "the card labels fields from the output schema")
        #expect(!progress.withLock { $0 }.isEmpty)
        let failed = await host.call(ToolCall(id: "d", name: "peer__nope", arguments: .object([:]))) { _, _, _ in }
        #expect(failed.isError)
        await manager.shutdown()
    }

    @Test func modelSetupReadsTheConfigFileAndReportsMistakesByLine() throws {
        let config = folder.url.appendingPathComponent("cfg")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try """
            model = "local/qwen"
            ask_every_call = true
            step_limit = 7

            [providers.local]
            kind = "openai"
            base_url = "http://127.0.0.1:8080/v1"
            models = ["qwen", "llama"]
            context_window = 8000
            api_key_env = "LOCAL_KEY"

            [providers.broken]
            kind = "gemini"
            base_url = "http://x"
            """.write(to: config.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        let setup = ModelSetup.load(configDirectory: config, environment: ["LOCAL_KEY": "secret"])
        #expect(setup.providers.map(\.name) == ["local"])
        #expect(setup.providers.first?.apiKey == "secret")
        #expect(setup.problems.count == 1 && setup.problems[0].contains("broken"))
        let models = ModelResolver(setup: setup)
        #expect(models.resolveFromConfiguration(nil)?.description == "local/qwen")
        #expect(models.resolveFromConfiguration("local/llama")?.description == "local/llama")
        #expect(models.resolveFromConfiguration("llama")?.description == "local/llama", "a bare name goes to the only provider")
        #expect(models.resolveFromConfiguration("gone/x") == nil, "a conversation's model whose provider is gone is not swapped for another")
        let conversation = Conversation(id: 1, title: "t", titleIsCustom: false, createdAt: Date(), updatedAt: Date(), draft: "")
        let local = try #require(setup.providers.first)
        let settings = setup.settings(for: ResolvedModel(choice: ModelChoice(provider: "local", model: "qwen"), provider: local),
                                      conversation: conversation, uses: [:])
        #expect(settings.toolBudget == 800 && settings.stepLimit == 7 && settings.askForEveryCall && !settings.nativeToolSearch)

        try "model = [".write(to: config.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        let broken = ModelSetup.load(configDirectory: config, environment: [:])
        #expect(broken.problems.first?.contains("config.toml:1") == true)
        #expect(broken.providers.isEmpty)
        #expect(broken.askEveryCall, "settings that cannot be read might have asked for caution: every call asks")
    }
}
