import Foundation
import MCP
import Testing
import TestSupport
@testable import MCPClient

@Suite struct ToolNamespaceTests {
    private func tool(_ name: String, _ annotations: Tool.Annotations = nil, meta: [String: Value]? = nil) -> Tool {
        var tool = Tool(name: name, description: nil, inputSchema: .object(["type": "object"]), annotations: annotations)
        if let meta { tool._meta = Metadata(additionalFields: meta) }
        return tool
    }

    @Test func idsAreNamespacedSanitisedAndShort() {
        let ids = ToolNamespace.assign([
            ("linear", tool("create_issue")), ("my files", tool("read.file")), ("x", tool(String(repeating: "long", count: 30))),
        ]).map(\.id)
        #expect(ids.contains("linear__create_issue"))
        #expect(ids.contains("my_files__read_file"))
        #expect(ids.allSatisfy { $0.count <= 64 && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") } })
    }

    @Test func collisionsGetDistinctStableIdsWhateverTheOrder() {
        let first = ToolNamespace.assign([("a b", tool("t")), ("a_b", tool("t")), ("a.b", tool("t"))])
        let second = ToolNamespace.assign([("a.b", tool("t")), ("a_b", tool("t")), ("a b", tool("t"))])
        #expect(Set(first.map(\.id)).count == 3)
        #expect(first.filter(\.isRenamedForClash).count == 2)
        #expect(Dictionary(uniqueKeysWithValues: first.map { ($0.connector, $0.id) }) == Dictionary(uniqueKeysWithValues: second.map { ($0.connector, $0.id) }))
        let long = String(repeating: "n", count: 80)
        let cut = ToolNamespace.assign([("c", tool(long + "1")), ("c", tool(long + "2"))]).map(\.id)
        #expect(cut[0] != cut[1] && cut.allSatisfy { $0.count <= 64 })
    }

    @Test func annotationsDefaultAsTheSpecificationSays() {
        let plain = ToolNamespace.assign([("c", tool("t"))])[0]
        #expect(!plain.isReadOnly && plain.isDestructive && !plain.isIdempotent && plain.isOpenWorld)
        let reader = ToolNamespace.assign([("c", tool("r", Tool.Annotations(readOnlyHint: true)))])[0]
        #expect(reader.isReadOnly && !reader.isDestructive)
    }

    @Test func uiMetadataIsRead() {
        let app = ToolNamespace.assign([("c", tool("a", meta: ["ui": .object(["resourceUri": "ui://c/view", "visibility": .array(["app"])])]))])[0]
        #expect(app.uiResourceURI == "ui://c/view")
        #expect(!app.isVisibleToModel)
        let legacy = ToolNamespace.assign([("c", tool("b", meta: ["ui/resourceUri": "ui://c/old"]))])[0]
        #expect(legacy.uiResourceURI == "ui://c/old")
        #expect(legacy.isVisibleToModel)
    }
}

@Suite struct BackoffTests {
    @Test func growsOneAndAHalfTimesToThirtySeconds() {
        #expect(Backoff.delay(attempt: 0) == .seconds(1))
        #expect(Backoff.delay(attempt: 1) == .milliseconds(1500))
        #expect(Backoff.delay(attempt: 2) == .milliseconds(2250))
        #expect(Backoff.delay(attempt: 20) == .seconds(30))
    }
}

@Suite(.timeLimit(.minutes(2))) struct ConnectorManagerTests {
    let folder = TemporaryDirectory()

    @Test func connectsConcurrentlyAndReportsEachState() async throws {
        let broken = ServerConfiguration(name: "broken", transport: .stdio(command: "no-such-server", arguments: [], environment: [:], workingDirectory: nil))
        let time = ServerConfiguration(name: "time", transport: .stdio(
            command: Peers.venvBin.appendingPathComponent("mcp-server-time").path, arguments: [], environment: [:], workingDirectory: nil))
        let seen = Recorder()
        let manager = ConnectorManager(configurations: [broken, time, Peers.peer(folder)], logDirectory: folder.url) { name, state in
            seen.record("\(name): \(state)")
        }
        await manager.start()
        let states = await manager.settled()
        #expect(states["time"]?.isReady == true)
        #expect(states["peer"]?.isReady == true)
        guard case .failed(let reason, let log)? = states["broken"] else { Issue.record("broken should fail"); return }
        #expect(reason.contains("command not found"))
        #expect(log.hasSuffix("broken.log"))
        #expect(seen.lines.contains("time: connecting"))

        let ids = await manager.tools().map(\.id)
        #expect(ids.contains("time__get_current_time"))
        #expect(ids.contains("peer__echo"))
        let echoed = try await manager.callTool(id: "peer__echo", arguments: ["text": "hi"])
        #expect(Peers.text(echoed) == "hi")
        await #expect(throws: ConnectorManager.CallError.self) { _ = try await manager.callTool(id: "nope__x", arguments: nil) }
        await manager.shutdown()
    }

    @Test func aDroppedConnectionReconnectsWithBackoff() async throws {
        let seen = Recorder()
        let manager = ConnectorManager(configurations: [Peers.peer(folder)], logDirectory: folder.url) { name, state in
            seen.record("\(state)")
        }
        await manager.start()
        _ = await manager.settled()
        _ = try? await manager.callTool(id: "peer__crash", arguments: [:])
        try await waitFor { seen.lines.contains { $0.hasPrefix("reconnecting") && $0.contains("attempt 1") } }
        try await waitFor { seen.lines.last?.hasPrefix("ready") == true && seen.lines.count >= 3 }
        #expect(Peers.text(try await manager.callTool(id: "peer__echo", arguments: ["text": "back"])) == "back", "\(seen.lines)")
        await manager.shutdown()
    }
}

final class Recorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [String] = []
    func record(_ line: String) { lock.withLock { recorded.append(line) } }
    var lines: [String] { lock.withLock { recorded } }
}

/// Sampling requests from a real SDK server reach the handler, and the connection keeps
/// working while the handler waits (the vendored SDK's patch 3).
@Suite(.timeLimit(.minutes(1))) struct SamplingTests {
    let folder = TemporaryDirectory()

    @Test func aToolThatSamplesGetsTheHandlersAnswer() async throws {
        let asked = Counter()
        let released = Counter()
        // The peer asks with `ctx.session.create_message`, a request of its own: the handshake era's way.
        let manager = ConnectorManager(configurations: [Peers.peer(folder)], logDirectory: folder.url, client: Peers.handshakeOnly, sampling: { connector, parameters in
            asked.increment()
            #expect(connector == "peer")
            #expect(parameters.systemPrompt == "Answer in one word.")
            #expect(parameters.maxTokens == 64)
            // Held until the test has used the connection for something else.
            for _ in 0..<250 where released.value == 0 { try await Task.sleep(for: .milliseconds(20)) }
            #expect(released.value == 1, "the echo was answered while this handler waited")
            return CreateSamplingMessage.Result(model: "test-model", stopReason: .endTurn, role: .assistant, content: .single(.text("Paris")))
        })
        await manager.start()
        _ = await manager.settled()
        let call = Task { try await manager.callTool(id: "peer__ask_model", arguments: ["question": "Capital of France?"]) }
        try await Task.sleep(for: .milliseconds(200))
        // While the handler waits, the same connection still answers.
        #expect(Peers.text(try await manager.callTool(id: "peer__echo", arguments: ["text": "meanwhile"])) == "meanwhile")
        released.increment()
        let answer = Peers.text(try await call.value)
        #expect(answer == "the model said: Paris (test-model, endTurn)")
        #expect(asked.value == 1)
        await manager.shutdown()
    }

    @Test func withoutAHandlerTheServerHearsThatSamplingIsUnavailable() async throws {
        let manager = ConnectorManager(configurations: [Peers.peer(folder)], logDirectory: folder.url, client: Peers.handshakeOnly)
        await manager.start()
        _ = await manager.settled()
        let text = Peers.text(try await manager.callTool(id: "peer__ask_model", arguments: ["question": "hi"]))
        #expect(text.hasPrefix("sampling failed:"))
        await manager.shutdown()
    }
}
