import Foundation

/// Stored messages as the conversation a model reads, and a turn's steps as blocks to store.
public enum TurnHistory {
    /// The messages a model request carries: the person's text, the model's text and calls,
    /// and tool results (sent as the person's). Notices are the app's own and are left out.
    /// Each result is capped (`ModelResultCap`). Every call gets a result (a call that never ran is answered as such), messages
    /// alternate, and the first is the person's, as every provider requires.
    public static func chatMessages(from messages: [Message]) -> [ChatMessage] {
        var chat: [ChatMessage] = []
        var unanswered: [ToolCall] = []
        func closeUnanswered() {
            guard !unanswered.isEmpty else { return }
            let results = unanswered.map { ChatMessage.Part.toolResult(ToolResult(callID: $0.id, content: "This call was not run: the turn ended first.", isError: true)) }
            append(ChatMessage(role: .user, parts: results))
            unanswered = []
        }
        func append(_ message: ChatMessage) {
            guard !message.parts.isEmpty else { return }
            if let last = chat.last, last.role == message.role {
                // Results go before any text the person added after them.
                chat[chat.count - 1].parts += message.parts
            } else {
                chat.append(message)
            }
        }
        for message in messages {
            switch message.role {
            case .user:
                closeUnanswered()
                append(ChatMessage(role: .user, parts: message.blocks.compactMap(userPart)))
            case .assistant:
                closeUnanswered()
                var parts: [ChatMessage.Part] = []
                for block in message.blocks {
                    if block.kind == .providerBlock, let raw = block.decoded(JSONValue.self) { parts.append(.providerBlock(raw)) }
                    if block.kind == .text, !block.text.isEmpty { parts.append(.text(block.text)) }
                    if block.kind == .toolCall, let call = block.decoded(ToolCall.self) {
                        parts.append(.toolCall(call))
                        unanswered.append(call)
                    }
                }
                append(ChatMessage(role: .assistant, parts: parts))
            case .tool:
                var parts: [ChatMessage.Part] = []
                for block in message.blocks where block.kind == .toolResult {
                    guard let result = block.decoded(ToolResult.self) else { continue }
                    if let presentation = result.presentation, presentation.byPerson {
                        parts.append(.text(personCallText(result, presentation)))
                        continue
                    }
                    guard let index = unanswered.firstIndex(where: { $0.id == result.callID }) else { continue }
                    unanswered.remove(at: index)
                    var sent = result
                    sent.content = ModelResultCap.capped(result.content)
                    parts.append(.toolResult(sent))
                }
                let pending = unanswered
                unanswered = []
                parts += pending.map { .toolResult(ToolResult(callID: $0.id, content: "This call was not run: the turn ended first.", isError: true)) }
                append(ChatMessage(role: .user, parts: parts))
            case .notice:
                continue
            }
        }
        closeUnanswered()
        while let first = chat.first, first.role != .user { chat.removeFirst() }
        return chat
    }

    /// What the model hears of a call that was sent when chattui stopped before its result.
    public static let unknownOutcome = "This call was sent, but chattui stopped before its result arrived: it may have run. Check before calling it again."

    /// A call the person made themselves, told to the model as what happened.
    static func personCallText(_ result: ToolResult, _ presentation: ToolPresentation) -> String {
        "<person-called-tool tool=\"\(presentation.tool)\" arguments='\(presentation.arguments.jsonText)'\(result.isError ? " error=\"true\"" : "")>\n"
            + ModelResultCap.capped(result.content) + "\n</person-called-tool>"
    }

    /// The person's text, and attached resources wrapped so the model knows where they came from.
    static func userPart(_ block: ContentBlock) -> ChatMessage.Part? {
        switch block.kind {
        case .text: return .text(block.text)
        case .resource:
            let origin = block.payload.flatMap { try? JSONDecoder().decode([String: String?].self, from: $0) } ?? [:]
            let uri = (origin["uri"] ?? nil) ?? "unknown"
            let name = (origin["name"] ?? nil) ?? uri
            return .text("<attached-resource name=\"\(name)\" uri=\"\(uri)\">\n\(block.text)\n</attached-resource>")
        default: return nil
        }
    }

    public static func providerBlock(_ raw: JSONValue) -> ContentBlock {
        let kind = raw["type"]?.stringValue ?? "block"
        let summary = raw["input"]?["query"]?.stringValue.map { "searched tools for “\($0)”" } ?? kind
        return ContentBlock(kind: .providerBlock, text: summary, payload: Data(raw.jsonText.utf8))
    }

    public static func callBlock(_ call: ToolCall) -> ContentBlock {
        ContentBlock(kind: .toolCall, text: "\(call.name) \(call.arguments.jsonText)", payload: encode(call))
    }

    public static func resultBlock(_ result: ToolResult) -> ContentBlock {
        ContentBlock(kind: .toolResult, text: result.content, payload: encode(result))
    }

    private static func encode<T: Encodable>(_ value: T) -> Data? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try? encoder.encode(value)
    }
}

extension ContentBlock {
    /// The block's payload decoded as `type`; nil when absent or of another shape.
    public func decoded<T: Decodable>(_ type: T.Type) -> T? {
        payload.flatMap { try? JSONDecoder().decode(type, from: $0) }
    }
}
