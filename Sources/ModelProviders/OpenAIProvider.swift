import ConversationModel
import Foundation
import HTTPStreaming

/// OpenAI-compatible Chat Completions, streamed: OpenAI, Ollama, llama.cpp's server,
/// vLLM, LM Studio and OpenRouter all speak it.
struct OpenAIProvider: ModelProvider {
    let settings: ProviderSettings
    var exchange = HTTPExchange()

    func stream(_ request: ModelRequest) -> AsyncThrowingStream<ModelStreamEvent, any Error> {
        let body = Self.body(for: request)
        let url = settings.baseURL.appending(endpoint: "/chat/completions")
        return exchange.modelStream(url: url, headers: headers, body: body, decoder: OpenAIStreamDecoder())
    }

    var headers: [String: String] {
        var headers = settings.extraHeaders
        headers["content-type"] = "application/json"
        headers["accept"] = "text/event-stream"
        if let key = settings.apiKey { headers["authorization"] = "Bearer \(key)" }
        return headers
    }

    func listModels() async throws -> [String] {
        let json = try await HTTPExchange.getJSON(url: settings.baseURL.appending(endpoint: "/models"), headers: headers)
        return json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
    }

    static func body(for request: ModelRequest) -> Data {
        var messages: [JSONValue] = []
        if let system = request.system { messages.append(.object(["role": .string("system"), "content": .string(system)])) }
        for message in request.messages { messages += Self.messages(message) }
        var body: [String: JSONValue] = [
            "model": .string(request.model),
            "max_tokens": .number(Double(request.maxTokens)),
            "stream": .bool(true),
            "messages": .array(messages),
        ]
        if !request.tools.isEmpty {
            body["tools"] = .array(request.tools.map { tool in
                .object(["type": .string("function"), "function": .object([
                    "name": .string(tool.name), "description": .string(tool.description), "parameters": tool.inputSchema,
                ])])
            })
        }
        return Data(JSONValue.object(body).jsonText.utf8)
    }

    /// One of ours becomes one or more of theirs: tool results are messages of role `tool`.
    static func messages(_ message: ChatMessage) -> [JSONValue] {
        var output: [JSONValue] = []
        var texts: [String] = []
        var calls: [JSONValue] = []
        for part in message.parts {
            switch part {
            case .text(let text): texts.append(text)
            case .toolCall(let call):
                let arguments: JSONValue = call.arguments.objectValue != nil ? call.arguments : .object([:])
                calls.append(.object(["id": .string(call.id), "type": .string("function"), "function": .object([
                    "name": .string(call.name), "arguments": .string(arguments.jsonText),
                ])]))
            case .providerBlock:
                continue  // another provider's own block; nothing here reads it
            case .toolResult(let result):
                output.append(.object(["role": .string("tool"), "tool_call_id": .string(result.callID),
                                       "content": .string(result.isError ? "Error: \(result.content)" : result.content)]))
            }
        }
        switch message.role {
        case .user:
            if !texts.isEmpty { output.append(.object(["role": .string("user"), "content": .string(texts.joined(separator: "\n\n"))])) }
        case .assistant:
            var entry: [String: JSONValue] = ["role": .string("assistant"), "content": texts.isEmpty ? .null : .string(texts.joined(separator: "\n\n"))]
            if !calls.isEmpty { entry["tool_calls"] = .array(calls) }
            output.append(.object(entry))
        }
        return output
    }
}

/// Chat Completions chunks: `choices[0].delta` with `content` and `tool_calls` fragments
/// (keyed by index; the id and name come first, the arguments in pieces), `finish_reason`,
/// `usage`, and `[DONE]`.
struct OpenAIStreamDecoder: StreamDecoder, Sendable {
    private struct PendingCall {
        var id: String?
        var name = ""
        var arguments = ""
    }

    private var calls: [Int: PendingCall] = [:]
    private var finished: StopReason?
    private(set) var isComplete = false

    mutating func decode(_ event: ServerSentEvent) throws -> [ModelStreamEvent] {
        let data = event.data.trimmingCharacters(in: .whitespacesAndNewlines)
        if data == "[DONE]" {
            isComplete = true
            return finish()
        }
        guard let json = JSONValue.parse(data) else { throw ModelError.malformed("a chunk that is not JSON: \(data.prefix(120))") }
        if let error = json["error"] {
            throw ModelError.interrupted(error["message"]?.stringValue ?? error.stringValue ?? "the server reported an error")
        }
        var output: [ModelStreamEvent] = []
        if let usage = json["usage"], usage.objectValue != nil {
            output.append(.usage(inputTokens: usage["prompt_tokens"]?.numberValue.map { Int($0) },
                                 outputTokens: usage["completion_tokens"]?.numberValue.map { Int($0) }))
        }
        guard let choice = json["choices"]?.arrayValue?.first else { return output }
        let delta = choice["delta"]
        if let text = delta?["content"]?.stringValue, !text.isEmpty { output.append(.text(text)) }
        for fragment in delta?["tool_calls"]?.arrayValue ?? [] {
            let index = fragment["index"]?.numberValue.map { Int($0) } ?? calls.count
            var call = calls[index] ?? PendingCall()
            if let id = fragment["id"]?.stringValue, !id.isEmpty { call.id = id }
            if let name = fragment["function"]?["name"]?.stringValue { call.name += name }
            if let arguments = fragment["function"]?["arguments"]?.stringValue { call.arguments += arguments }
            calls[index] = call
        }
        if let reason = choice["finish_reason"]?.stringValue {
            finished = switch reason {
            case "stop": .endTurn
            case "tool_calls", "function_call": .toolUse
            case "length": .maxTokens
            case "content_filter": .refusal
            default: .other
            }
        }
        return output
    }

    /// The gathered calls, then the stop reason. A stream that gave a finish reason is
    /// complete even if the server never sent `[DONE]`.
    mutating func finish() -> [ModelStreamEvent] {
        guard let finished else { return [] }
        isComplete = true
        var output: [ModelStreamEvent] = calls.keys.sorted().map { index in
            let call = calls[index]!
            return .toolCall(AnthropicStreamDecoder.toolCall(id: call.id ?? "call_\(index)", name: call.name, json: call.arguments))
        }
        calls = [:]
        self.finished = nil
        output.append(.stop(finished == .endTurn && !output.isEmpty ? .toolUse : finished))
        return output
    }
}
