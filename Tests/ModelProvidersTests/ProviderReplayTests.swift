import ConversationModel
import Foundation
import Testing
import TestSupport
@testable import ModelProviders

/// Both providers against recorded streams in each API's documented format,
/// replayed byte for byte (in 7-byte fragments) by a local server.
@Suite(.timeLimit(.minutes(1))) struct ProviderReplayTests {
    static let recordings = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Recordings")
    let folder = TemporaryDirectory()

    /// Starts a replay server for the recordings; returns it and the file its requests are logged to.
    func replay(_ names: [String]) throws -> (LocalServer, URL) {
        let port = freeLocalPort()
        let log = folder.url.appendingPathComponent("requests-\(port).jsonl")
        let server = try LocalServer(["/usr/bin/python3", Self.recordings.appendingPathComponent("replay_server.py").path, String(port), log.path]
                                        + names.map { Self.recordings.appendingPathComponent($0 + ".http").path }, port: port)
        return (server, log)
    }

    func provider(_ kind: ProviderSettings.Kind, port: Int, fastRetries: Bool = true) -> any ModelProvider {
        let base = kind == .anthropic ? "http://127.0.0.1:\(port)" : "http://127.0.0.1:\(port)/v1"
        let settings = ProviderSettings(name: kind.rawValue, kind: kind, baseURL: URL(string: base)!, apiKey: "test-key")
        var exchange = HTTPExchange()
        if fastRetries { exchange.firstDelay = .milliseconds(10) }
        switch kind {
        case .anthropic: return AnthropicProvider(settings: settings, exchange: exchange)
        case .openai: return OpenAIProvider(settings: settings, exchange: exchange)
        }
    }

    static let request = ModelRequest(
        model: "test-model", system: "Be brief.",
        messages: [ChatMessage(role: .user, parts: [.text("Hi")])],
        tools: [ToolDefinition(name: "time__get_current_time", description: "Current time",
                               inputSchema: .object(["type": .string("object"), "properties": .object([:])]))])

    /// Every event, and the error the stream ended with.
    func collect(_ provider: any ModelProvider) async -> ([ModelStreamEvent], ModelError?) {
        var events: [ModelStreamEvent] = []
        do {
            for try await event in provider.stream(Self.request) { events.append(event) }
            return (events, nil)
        } catch {
            return (events, error as? ModelError ?? .network("\(error)"))
        }
    }

    func text(_ events: [ModelStreamEvent]) -> String {
        events.map { if case .text(let text) = $0 { text } else { "" } }.joined()
    }

    func calls(_ events: [ModelStreamEvent]) -> [ToolCall] {
        events.compactMap { if case .toolCall(let call) = $0 { call } else { nil } }
    }

    func requests(_ log: URL) throws -> [JSONValue] {
        try String(contentsOf: log, encoding: .utf8).split(separator: "\n").compactMap { JSONValue.parse(String($0)) }
    }

    @Test func anthropicStreamsText() async throws {
        let (server, log) = try replay(["anthropic_text"])
        let (events, error) = await collect(provider(.anthropic, port: server.port))
        #expect(error == nil)
        #expect(text(events) == "Hello, wörld 日本!")
        #expect(events.contains(.stop(.endTurn)))
        #expect(events.contains(.usage(inputTokens: nil, outputTokens: 15)))
        let sent = try #require(try requests(log).first)
        #expect(sent["path"]?.stringValue == "/v1/messages")
        #expect(sent["headers"]?["x-api-key"]?.stringValue == "test-key")
        #expect(sent["headers"]?["anthropic-version"]?.stringValue == AnthropicProvider.apiVersion)
        let body = try #require(JSONValue.parse(sent["body"]?.stringValue ?? ""))
        #expect(body["stream"] == .bool(true))
        #expect(body["system"] == .string("Be brief."))
        #expect(body["tools"]?.arrayValue?.first?["input_schema"]?["type"] == .string("object"))
    }

    /// json-schema-2020-12-preservation and json-schema-ref-no-deref on the model's side: a tool's
    /// input schema reaches both APIs exactly as the connector wrote it.
    @Test(arguments: [ProviderSettings.Kind.anthropic, .openai]) func toolSchemasGoAsWritten(kind: ProviderSettings.Kind) async throws {
        let schema = JSONValue.parse("""
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
             "$defs": {"Address": {"$anchor": "address", "type": "object", "properties": {"city": {"type": "string"}},
                                   "additionalProperties": false}},
             "properties": {"to": {"$ref": "#/$defs/Address"}, "via": {"$ref": "#address"},
                            "note": {"anyOf": [{"type": "string"}, {"type": "null"}]}},
             "allOf": [{"required": ["to"]}], "additionalProperties": false}
            """)!
        let (server, log) = try replay([kind == .anthropic ? "anthropic_text" : "openai_text"])
        var shipping = Self.request
        shipping.tools = [ToolDefinition(name: "post__ship", description: "Ship a parcel", inputSchema: schema)]
        for try await _ in provider(kind, port: server.port).stream(shipping) {}
        let request = try #require(try requests(log).first)
        let sent = try #require(JSONValue.parse(request["body"]?.stringValue ?? ""))
        let tool = try #require(sent["tools"]?.arrayValue?.first)
        #expect((kind == .anthropic ? tool["input_schema"] : tool["function"]?["parameters"]) == schema)
    }

    @Test func anthropicAssemblesFragmentedToolInput() async throws {
        let (server, _) = try replay(["anthropic_tool_use"])
        let (events, error) = await collect(provider(.anthropic, port: server.port))
        #expect(error == nil)
        #expect(text(events) == "Let me check the time.")
        #expect(calls(events) == [
            ToolCall(id: "toolu_01T1x1fJ34qAmk2tNTrN7Up6", name: "time__get_current_time", arguments: .object(["timezone": .string("Europe/Paris")])),
            ToolCall(id: "toolu_02", name: "time__list_zones", arguments: .object([:])),
        ])
        #expect(events.last == .stop(.toolUse))
    }

    @Test func anthropicErrorEventKeepsWhatArrived() async throws {
        let (server, _) = try replay(["anthropic_error_event"])
        let (events, error) = await collect(provider(.anthropic, port: server.port))
        #expect(text(events) == "Partial answer")
        #expect(error == .interrupted("overloaded_error: Overloaded"))
    }

    @Test(arguments: [ProviderSettings.Kind.anthropic, .openai])
    func aDroppedStreamKeepsWhatArrivedAndSaysSo(kind: ProviderSettings.Kind) async throws {
        let (server, _) = try replay([kind == .anthropic ? "anthropic_dropped" : "openai_dropped"])
        let (events, error) = await collect(provider(kind, port: server.port))
        #expect(text(events) == (kind == .anthropic ? "The first half" : "Half an answer"))
        #expect(error == .interrupted("the connection closed before the answer was complete"))
    }

    @Test func rateLimitsAreRetriedHonouringRetryAfter() async throws {
        let (server, log) = try replay(["anthropic_429", "anthropic_529", "anthropic_text"])
        let began = ContinuousClock.now
        let (events, error) = await collect(provider(.anthropic, port: server.port))
        #expect(error == nil)
        #expect(text(events) == "Hello, wörld 日本!")
        let retries = events.compactMap { if case .retrying(let attempt, let delay, let reason) = $0 { (attempt, delay, reason) } else { nil } }
        #expect(retries.count == 2)
        #expect(retries.first?.1 == .seconds(1), "the 429's retry-after")
        #expect(retries.first?.2.contains("per-minute rate limit") == true)
        #expect(retries.last?.1 == .milliseconds(20), "no retry-after: the backoff's second step")
        #expect(ContinuousClock.now - began >= .seconds(1))
        #expect(try requests(log).count == 3)
    }

    @Test func aBadRequestShowsTheProvidersMessage() async throws {
        let (server, log) = try replay(["anthropic_400"])
        let (_, error) = await collect(provider(.anthropic, port: server.port))
        #expect(error == .rejected(status: 400, message: "max_tokens: 100000 > 64000, which is the maximum allowed number of output tokens for claude-sonnet-4-5"))
        #expect(try requests(log).count == 1, "a 400 is not retried")
    }

    @Test func openAIStreamsText() async throws {
        let (server, log) = try replay(["openai_text"])
        let (events, error) = await collect(provider(.openai, port: server.port))
        #expect(error == nil)
        #expect(text(events) == "Hello, wörld 日本!")
        #expect(events.contains(.stop(.endTurn)))
        #expect(events.contains(.usage(inputTokens: 12, outputTokens: 6)))
        let sent = try #require(try requests(log).first)
        #expect(sent["path"]?.stringValue == "/v1/chat/completions")
        #expect(sent["headers"]?["authorization"]?.stringValue == "Bearer test-key")
        let body = try #require(JSONValue.parse(sent["body"]?.stringValue ?? ""))
        #expect(body["messages"]?.arrayValue?.first == .object(["role": .string("system"), "content": .string("Be brief.")]))
        #expect(body["tools"]?.arrayValue?.first?["function"]?["name"] == .string("time__get_current_time"))
    }

    @Test func openAIAssemblesToolCallDeltas() async throws {
        let (server, _) = try replay(["openai_tool_calls"])
        let (events, error) = await collect(provider(.openai, port: server.port))
        #expect(error == nil)
        #expect(calls(events) == [
            ToolCall(id: "call_abc", name: "time__get_current_time", arguments: .object(["timezone": .string("Asia/Tokyo")])),
            ToolCall(id: "call_def", name: "git__git_status", arguments: .object(["repo_path": .string("/tmp")])),
        ])
        #expect(events.last == .stop(.toolUse))
    }

    @Test func openAIUnauthorizedShowsTheMessageAndA503IsRetried() async throws {
        let (server, log) = try replay(["openai_503", "openai_401"])
        let (events, error) = await collect(provider(.openai, port: server.port))
        #expect(events.count == 1, "one retry after the 503")
        #expect(error == .rejected(status: 401, message: "Incorrect API key provided: sk-wrong. You can find your API key at https://platform.openai.com/account/api-keys."))
        #expect(try requests(log).count == 2)
    }

    @Test func nothingListeningIsANetworkError() async throws {
        let (_, error) = await collect(provider(.anthropic, port: freeLocalPort()))
        guard case .network? = error else { Issue.record("expected a network error, got \(String(describing: error))"); return }
    }

    @Test func historyWithToolUseIsSentInEachFormat() throws {
        let call = ToolCall(id: "c1", name: "t__x", arguments: .object(["a": .number(1)]))
        let messages = [
            ChatMessage(role: .user, parts: [.text("go")]),
            ChatMessage(role: .assistant, parts: [.text("ok"), .toolCall(call)]),
            ChatMessage(role: .user, parts: [.toolResult(ToolResult(callID: "c1", content: "done", isError: false)), .text("thanks")]),
        ]
        let request = ModelRequest(model: "m", messages: messages)
        let anthropic = try #require(JSONValue.parse(String(decoding: AnthropicProvider.body(for: request), as: UTF8.self)))
        let sentAnthropic = try #require(anthropic["messages"]?.arrayValue)
        #expect(sentAnthropic[1]["content"]?.arrayValue?[1] == .object(["type": .string("tool_use"), "id": .string("c1"), "name": .string("t__x"), "input": .object(["a": .number(1)])]))
        #expect(sentAnthropic[2]["content"]?.arrayValue?[0]["type"] == .string("tool_result"))
        let openAI = try #require(JSONValue.parse(String(decoding: OpenAIProvider.body(for: request), as: UTF8.self)))
        let sentOpenAI = try #require(openAI["messages"]?.arrayValue)
        #expect(sentOpenAI.map { $0["role"]?.stringValue } == ["user", "assistant", "tool", "user"])
        #expect(sentOpenAI[1]["tool_calls"]?.arrayValue?.first?["function"]?["arguments"] == .string("{\"a\":1}"))
        #expect(sentOpenAI[2]["tool_call_id"] == .string("c1"))
    }

    @Test func anthropicNativeToolSearchKeepsServerBlocksAndMarksDeferredTools() async throws {
        let (server, log) = try replay(["anthropic_tool_search"])
        var request = Self.request
        request.nativeToolSearch = true
        request.tools.append(ToolDefinition(name: "tracker__create_issue", description: "Create an issue",
                                            inputSchema: .object(["type": .string("object")]), deferLoading: true))
        var events: [ModelStreamEvent] = []
        for try await event in provider(.anthropic, port: server.port).stream(request) { events.append(event) }
        let blocks = events.compactMap { if case .providerBlock(let block) = $0 { block } else { nil } }
        #expect(blocks.map { $0["type"]?.stringValue } == ["server_tool_use", "tool_search_tool_result"])
        #expect(blocks.first?["input"] == .object(["query": .string("create issue")]))
        #expect(calls(events) == [ToolCall(id: "toolu_50", name: "tracker__create_issue", arguments: .object(["title": .string("Login fails")]))])
        let sent = try #require(try requests(log).first)
        #expect(sent["headers"]?["anthropic-beta"]?.stringValue == AnthropicProvider.toolSearchBeta)
        let tools = try #require(JSONValue.parse(sent["body"]?.stringValue ?? "")?["tools"]?.arrayValue)
        #expect(tools.last == AnthropicProvider.toolSearchTool)
        #expect(tools.first { $0["name"] == .string("tracker__create_issue") }?["defer_loading"] == .bool(true))
        #expect(tools.first { $0["name"] == .string("time__get_current_time") }?["defer_loading"] == nil)

        // The server's blocks go back verbatim in the assistant's turn.
        let echoed = AnthropicProvider.message(ChatMessage(role: .assistant, parts: blocks.map { .providerBlock($0) }))
        #expect(echoed["content"]?.arrayValue == blocks)
    }
}
