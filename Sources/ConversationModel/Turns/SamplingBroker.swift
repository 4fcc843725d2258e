import Foundation

/// A connector asking the conversation's model for a completion (MCP sampling).
public struct SamplingRequest: Sendable, Equatable {
    public var connector: String
    public var system: String?
    public var messages: [ChatMessage]
    public var maxTokens: Int

    public init(connector: String, system: String?, messages: [ChatMessage], maxTokens: Int) {
        self.connector = connector
        self.system = system
        self.messages = messages
        self.maxTokens = maxTokens
    }

    /// The request's text as the person reviews and may edit it: the messages in order, labelled.
    var reviewText: String {
        messages.map { message in
            let text = message.parts.compactMap { if case .text(let text) = $0 { text } else { nil } }.joined(separator: "\n")
            return messages.count == 1 ? text : "\(message.role.rawValue): \(text)"
        }.joined(separator: "\n\n")
    }
}

/// Why a sampling request was not answered.
public enum SamplingRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    case denied(String?)
    case failed(String)

    public var description: String {
        switch self {
        case .denied(let reason): return "The person declined the sampling request" + (reason.map { ": \($0)" } ?? ".")
        case .failed(let reason): return reason
        }
    }
}

/// Puts a connector's sampling request before the person, as an approval card whose
/// fields are the request (so it can be edited), then asks the conversation's model.
public struct SamplingBroker: Sendable {
    let provider: any ModelProvider
    let model: String
    let approvals: any ApprovalGate

    public init(provider: any ModelProvider, model: String, approvals: any ApprovalGate) {
        self.provider = provider
        self.model = model
        self.approvals = approvals
    }

    /// The tool-like identity the card shows and "always allow" remembers: `connector__sampling`.
    public static func grantID(for connector: String) -> String { "\(connector)__sampling" }

    /// Answers the request, asking the person first unless `alwaysAllowed`; returns the text and why the model stopped.
    /// `onAlwaysAllow` is called when the person allows this connector's requests for the rest of the conversation.
    public func answer(_ request: SamplingRequest, alwaysAllowed: Bool,
                       onAlwaysAllow: @Sendable () -> Void = {}) async throws(SamplingRefusal) -> (text: String, stop: StopReason) {
        var messages = request.messages
        var system = request.system
        var maxTokens = request.maxTokens
        if !alwaysAllowed {
            let original = request.reviewText
            let arguments: JSONValue = .object([
                "request": .string(original), "system": .string(request.system ?? ""), "max_tokens": .number(Double(request.maxTokens)),
            ])
            let card = CatalogTool(
                definition: ToolDefinition(name: Self.grantID(for: request.connector),
                                           description: "\(request.connector) asks the model to write a reply",
                                           inputSchema: Self.schema),
                connector: request.connector, title: "sampling", isReadOnly: false, isDestructive: false, tokenCost: 0)
            let decision = await approvals.decide(ApprovalRequest(call: ToolCall(id: "sampling-\(UUID().uuidString)", name: card.id, arguments: arguments), tool: card))
            let edited: JSONValue
            switch decision {
            case .deny(let reason): throw .denied(reason.flatMap { $0.isEmpty ? nil : $0 })
            case .allowOnce(let values): edited = values
            case .allowAlways(let values):
                edited = values
                onAlwaysAllow()
            }
            if let text = edited["request"]?.stringValue, text != original { messages = [ChatMessage(role: .user, parts: [.text(text)])] }
            system = edited["system"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            maxTokens = edited["max_tokens"]?.numberValue.map { max(1, Int($0)) } ?? maxTokens
        }
        var text = ""
        var stop = StopReason.endTurn
        do {
            for try await event in provider.stream(ModelRequest(model: model, system: system, messages: messages, maxTokens: maxTokens)) {
                switch event {
                case .text(let piece): text += piece
                case .stop(let reason): stop = reason
                default: break
                }
            }
        } catch {
            throw .failed("The model could not answer: \((error as? ModelError)?.description ?? "\(error)")")
        }
        return (text, stop)
    }

    static let schema: JSONValue = .object([
        "type": .string("object"),
        "properties": .object([
            "request": .object(["type": .string("string"), "description": .string("What the connector asks the model")]),
            "system": .object(["type": .string("string"), "description": .string("The connector's system prompt")]),
            "max_tokens": .object(["type": .string("integer"), "description": .string("Longest reply, in tokens")]),
        ]),
        "required": .array([.string("request"), .string("max_tokens")]),
    ])
}
