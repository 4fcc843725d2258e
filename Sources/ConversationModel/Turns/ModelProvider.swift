import Foundation

/// A tool as offered to a model: its namespaced id, what it does, and its input schema.
public struct ToolDefinition: Sendable, Equatable {
    public var name: String
    public var description: String
    public var inputSchema: JSONValue
    /// Sent but not loaded until the provider's own tool search finds it.
    public var deferLoading: Bool

    public init(name: String, description: String, inputSchema: JSONValue, deferLoading: Bool = false) {
        self.name = name
        self.description = description
        self.inputSchema = inputSchema
        self.deferLoading = deferLoading
    }
}

/// A call the model asked for. `arguments` is `.null` when the model's JSON did not parse;
/// `argumentsError` then says why, and the call is answered with that error.
public struct ToolCall: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var arguments: JSONValue
    public var argumentsError: String?

    public init(id: String, name: String, arguments: JSONValue, argumentsError: String? = nil) {
        self.id = id
        self.name = name
        self.arguments = arguments
        self.argumentsError = argumentsError
    }
}

/// What a tool call gave back, as the model will read it.
public struct ToolResult: Sendable, Equatable, Codable {
    public var callID: String
    public var content: String
    public var isError: Bool
    /// The tool's `structuredContent`, kept for cards.
    public var structured: JSONValue?
    /// What the result's card shows besides the text; never sent to a model.
    public var presentation: ToolPresentation?

    public init(callID: String, content: String, isError: Bool, structured: JSONValue? = nil, presentation: ToolPresentation? = nil) {
        self.callID = callID
        self.content = content
        self.isError = isError
        self.structured = structured
        self.presentation = presentation
    }
}

/// The call behind a result and what came with it, as its card shows them.
public struct ToolPresentation: Sendable, Equatable, Codable {
    /// The namespaced tool id, to call it again.
    public var tool: String
    public var connector: String
    public var title: String
    public var arguments: JSONValue
    public var outputSchema: JSONValue?
    public var isReadOnly: Bool
    /// The person called it (from a card or `/task`), not a model.
    public var byPerson: Bool
    public var attachments: [ResultAttachment]

    public init(tool: String, connector: String, title: String, arguments: JSONValue, outputSchema: JSONValue? = nil,
                isReadOnly: Bool, byPerson: Bool = false, attachments: [ResultAttachment] = []) {
        self.tool = tool
        self.connector = connector
        self.title = title
        self.arguments = arguments
        self.outputSchema = outputSchema
        self.isReadOnly = isReadOnly
        self.byPerson = byPerson
        self.attachments = attachments
    }
}

/// A result's content beyond text: links, embedded resources, media and UI views.
public struct ResultAttachment: Sendable, Equatable, Codable {
    /// How a model reads content it cannot see: the card shows the thing itself instead.
    public enum Placeholder {
        public static func view(_ uri: String) -> String { "[interactive view \(uri), shown to the person]" }
        public static func image(_ mimeType: String) -> String { "[image \(mimeType)]" }
        public static func audio(_ mimeType: String) -> String { "[audio \(mimeType)]" }
        public static func resource(_ uri: String) -> String { "[resource \(uri)]" }
        public static func link(_ name: String, _ uri: String) -> String { "[link \(name): \(uri)]" }
    }

    public enum Kind: String, Sendable, Codable { case link, resource, image, audio, view }
    public var kind: Kind
    public var uri: String?
    public var name: String?
    public var mimeType: String?
    /// A text resource's text (capped).
    public var text: String?
    public var byteCount: Int?
    /// Media as base64 (capped), to open or save.
    public var data: String?
    /// A view's static structure, as the card module encodes it.
    public var outline: JSONValue?
    /// Why a view could not be shown, or what of it was left out.
    public var note: String?

    public init(kind: Kind, uri: String? = nil, name: String? = nil, mimeType: String? = nil, text: String? = nil,
                byteCount: Int? = nil, data: String? = nil, outline: JSONValue? = nil, note: String? = nil) {
        self.kind = kind
        self.uri = uri
        self.name = name
        self.mimeType = mimeType
        self.text = text
        self.byteCount = byteCount
        self.data = data
        self.outline = outline
        self.note = note
    }
}

/// A message in the form providers take.
public struct ChatMessage: Sendable, Equatable {
    public enum Role: String, Sendable { case user, assistant }
    public enum Part: Sendable, Equatable {
        case text(String)
        case toolCall(ToolCall)
        case toolResult(ToolResult)
        /// A block only its provider understands (Anthropic's server-side tool search),
        /// kept verbatim and sent back to that provider in later requests.
        case providerBlock(JSONValue)
    }

    public var role: Role
    public var parts: [Part]

    public init(role: Role, parts: [Part]) {
        self.role = role
        self.parts = parts
    }
}

/// One request to a model.
public struct ModelRequest: Sendable, Equatable {
    public var model: String
    public var system: String?
    public var messages: [ChatMessage]
    public var tools: [ToolDefinition]
    public var maxTokens: Int
    /// Let the provider search the tools sent with `deferLoading` itself (Anthropic's tool search tool).
    public var nativeToolSearch: Bool

    public init(model: String, system: String? = nil, messages: [ChatMessage], tools: [ToolDefinition] = [], maxTokens: Int = 8192,
                nativeToolSearch: Bool = false) {
        self.nativeToolSearch = nativeToolSearch
        self.model = model
        self.system = system
        self.messages = messages
        self.tools = tools
        self.maxTokens = maxTokens
    }
}

/// Why the model stopped.
public enum StopReason: String, Sendable, Equatable {
    case endTurn = "end_turn", toolUse = "tool_use", maxTokens = "max_tokens", stopSequence = "stop_sequence", refusal, pause = "pause_turn", other
}

/// What a streamed response delivers, in order.
public enum ModelStreamEvent: Sendable, Equatable {
    case text(String)
    /// A complete tool call (its input arrived whole).
    case toolCall(ToolCall)
    /// A provider-side block to keep in the history as it came (see `ChatMessage.Part.providerBlock`).
    case providerBlock(JSONValue)
    case usage(inputTokens: Int?, outputTokens: Int?)
    case stop(StopReason)
    /// The request failed in a way worth trying again; it will be, after `delay`.
    case retrying(attempt: Int, delay: Duration, reason: String)
}

/// Why a model request failed.
public enum ModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The provider refused the request; `message` is its own words.
    case rejected(status: Int, message: String)
    /// No answer: connection refused, DNS, TLS, timeout.
    case network(String)
    /// The stream stopped before the model finished.
    case interrupted(String)
    /// The provider sent something that is not its documented format.
    case malformed(String)
    case notConfigured(String)

    public var description: String {
        switch self {
        case .rejected(let status, let message): return "The model provider refused the request (HTTP \(status)): \(message)"
        case .network(let reason): return "Could not reach the model provider: \(reason)"
        case .interrupted(let reason): return "The answer was interrupted: \(reason)"
        case .malformed(let reason): return "The model provider sent something unexpected: \(reason)"
        case .notConfigured(let reason): return reason
        }
    }
}

/// A language model API. Cancelling the task that iterates the stream aborts the request.
public protocol ModelProvider: Sendable {
    func stream(_ request: ModelRequest) -> AsyncThrowingStream<ModelStreamEvent, any Error>
    /// The models the provider says it has, where it can say.
    func listModels() async throws -> [String]
}

extension ModelProvider {
    public func listModels() async throws -> [String] { [] }
}
