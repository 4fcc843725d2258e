import ConversationModel
import Foundation
import HTTPStreaming

/// The Anthropic Messages API, streamed.
struct AnthropicProvider: ModelProvider {
    let settings: ProviderSettings
    var exchange = HTTPExchange()
    static let apiVersion = "2023-06-01"
    /// The beta that enables the tool search tool and `defer_loading`.
    static let toolSearchBeta = "advanced-tool-use-2025-11-20"
    static let toolSearchTool: JSONValue = .object(["type": .string("tool_search_tool_bm25_20251119"), "name": .string("tool_search_tool_bm25")])

    func stream(_ request: ModelRequest) -> AsyncThrowingStream<ModelStreamEvent, any Error> {
        let body = Self.body(for: request)
        let url = settings.baseURL.appending(endpoint: "/v1/messages")
        var extra = headers
        if request.nativeToolSearch { extra["anthropic-beta"] = Self.toolSearchBeta }
        return exchange.modelStream(url: url, headers: extra, body: body, decoder: AnthropicStreamDecoder())
    }

    var headers: [String: String] {
        var headers = settings.extraHeaders
        headers["content-type"] = "application/json"
        headers["accept"] = "text/event-stream"
        headers["anthropic-version"] = Self.apiVersion
        if let key = settings.apiKey { headers["x-api-key"] = key }
        return headers
    }

    func listModels() async throws -> [String] {
        let json = try await HTTPExchange.getJSON(url: settings.baseURL.appending(endpoint: "/v1/models"), headers: headers)
        return json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
    }

    static func body(for request: ModelRequest) -> Data {
        var body: [String: JSONValue] = [
            "model": .string(request.model),
            "max_tokens": .number(Double(request.maxTokens)),
            "stream": .bool(true),
            "messages": .array(request.messages.map(message)),
        ]
        if let system = request.system { body["system"] = .string(system) }
        var tools: [JSONValue] = request.tools.map { tool in
            var entry: [String: JSONValue] = [
                "name": .string(tool.name), "description": .string(tool.description), "input_schema": tool.inputSchema,
            ]
            if tool.deferLoading { entry["defer_loading"] = .bool(true) }
            return .object(entry)
        }
        if request.nativeToolSearch { tools.append(toolSearchTool) }
        if !tools.isEmpty { body["tools"] = .array(tools) }
        return Data(JSONValue.object(body).jsonText.utf8)
    }

    static func message(_ message: ChatMessage) -> JSONValue {
        let content: [JSONValue] = message.parts.map { part in
            switch part {
            case .text(let text):
                return .object(["type": .string("text"), "text": .string(text)])
            case .toolCall(let call):
                let input: JSONValue = call.arguments.objectValue != nil ? call.arguments : .object([:])
                return .object(["type": .string("tool_use"), "id": .string(call.id), "name": .string(call.name), "input": input])
            case .toolResult(let result):
                return .object([
                    "type": .string("tool_result"), "tool_use_id": .string(result.callID),
                    "content": .string(result.content), "is_error": .bool(result.isError),
                ])
            case .providerBlock(let raw):
                return raw
            }
        }
        return .object(["role": .string(message.role.rawValue), "content": .array(content)])
    }
}

/// Reads the body as Server-Sent Events and feeds them to a decoder until it says the answer is complete.
func consumeEvents<Decoder: StreamDecoder>(_ events: AsyncThrowingStream<HTTPStreamEvent, any Error>.AsyncIterator, decoder: inout Decoder,
                                           continuation: AsyncThrowingStream<ModelStreamEvent, any Error>.Continuation) async throws {
    var events = events
    var parser = ServerSentEventParser()
    do {
        while let event = try await events.next() {
            guard case .body(let bytes) = event else { continue }
            for sse in parser.feed(bytes) {
                for output in try decoder.decode(sse) { continuation.yield(output) }
                if decoder.isComplete { return }
            }
        }
    } catch let error as CurlRequest.Failure {
        for output in decoder.finish() { continuation.yield(output) }
        throw ModelError.interrupted("the connection failed: \(error.description)")
    }
    for output in decoder.finish() { continuation.yield(output) }
    if !decoder.isComplete { throw ModelError.interrupted("the connection closed before the answer was complete") }
}

/// Turns one provider's events into `ModelStreamEvent`s.
protocol StreamDecoder {
    mutating func decode(_ event: ServerSentEvent) throws -> [ModelStreamEvent]
    /// Whatever a stream that ended can still deliver.
    mutating func finish() -> [ModelStreamEvent]
    var isComplete: Bool { get }
}

/// The Messages API's streaming events: message_start, content_block_start/delta/stop,
/// message_delta, message_stop, ping and error.
struct AnthropicStreamDecoder: StreamDecoder, Sendable {
    private struct PendingCall {
        var id: String
        var name: String
        var json = ""
    }

    private var calls: [Int: PendingCall] = [:]
    /// Blocks the server handles itself (its tool search), kept as they came; `input` streams like a tool's.
    private var serverBlocks: [Int: (block: [String: JSONValue], json: String)] = [:]
    private(set) var isComplete = false

    mutating func decode(_ event: ServerSentEvent) throws -> [ModelStreamEvent] {
        guard let json = JSONValue.parse(event.data) else {
            throw ModelError.malformed("an event that is not JSON: \(event.data.prefix(120))")
        }
        let type = json["type"]?.stringValue ?? event.event ?? ""
        let index = json["index"]?.numberValue.map { Int($0) } ?? 0
        switch type {
        case "message_start":
            let usage = json["message"]?["usage"]
            return [.usage(inputTokens: usage?["input_tokens"]?.numberValue.map { Int($0) }, outputTokens: nil)]
        case "content_block_start":
            guard let block = json["content_block"] else { return [] }
            switch block["type"]?.stringValue {
            case "tool_use":
                calls[index] = PendingCall(id: block["id"]?.stringValue ?? "call_\(index)", name: block["name"]?.stringValue ?? "")
            case "text", "thinking", "redacted_thinking", nil:
                break
            default:
                serverBlocks[index] = (block.objectValue ?? [:], "")
            }
            if block["type"]?.stringValue == "text", let text = block["text"]?.stringValue, !text.isEmpty { return [.text(text)] }
            return []
        case "content_block_delta":
            guard let delta = json["delta"] else { return [] }
            switch delta["type"]?.stringValue {
            case "text_delta": return delta["text"]?.stringValue.map { [.text($0)] } ?? []
            case "input_json_delta":
                let piece = delta["partial_json"]?.stringValue ?? ""
                calls[index]?.json += piece
                serverBlocks[index]?.json += piece
            default: break
            }
            return []
        case "content_block_stop":
            if var server = serverBlocks.removeValue(forKey: index) {
                if !server.json.isEmpty, let input = JSONValue.parse(server.json) { server.block["input"] = input }
                return [.providerBlock(.object(server.block))]
            }
            guard let call = calls.removeValue(forKey: index) else { return [] }
            return [.toolCall(Self.toolCall(id: call.id, name: call.name, json: call.json))]
        case "message_delta":
            var output: [ModelStreamEvent] = []
            if let tokens = json["usage"]?["output_tokens"]?.numberValue { output.append(.usage(inputTokens: nil, outputTokens: Int(tokens))) }
            if let reason = json["delta"]?["stop_reason"]?.stringValue { output.append(.stop(StopReason(rawValue: reason) ?? .other)) }
            return output
        case "message_stop":
            isComplete = true
            return []
        case "error":
            let error = json["error"]
            let kind = error?["type"]?.stringValue ?? "error"
            throw ModelError.interrupted("\(kind): \(error?["message"]?.stringValue ?? "no details")")
        default:
            return []  // ping, and event types added after this was written
        }
    }

    mutating func finish() -> [ModelStreamEvent] { [] }

    /// A call whose input is the JSON streamed for it; empty input means no arguments.
    static func toolCall(id: String, name: String, json: String) -> ToolCall {
        let trimmed = json.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return ToolCall(id: id, name: name, arguments: .object([:])) }
        guard let arguments = JSONValue.parse(trimmed), arguments.objectValue != nil else {
            return ToolCall(id: id, name: name, arguments: .null, argumentsError: "not a JSON object: \(trimmed.prefix(200))")
        }
        return ToolCall(id: id, name: name, arguments: arguments)
    }
}
