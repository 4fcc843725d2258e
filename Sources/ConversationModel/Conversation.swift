import Foundation

public typealias ConversationID = Int64
public typealias MessageID = Int64

/// A conversation: its title, when it changed, and the composer draft the person left in it.
public struct Conversation: Equatable, Sendable {
    public var id: ConversationID
    public var title: String
    /// False until someone renames it; until then the first message names it.
    public var titleIsCustom: Bool
    public var createdAt: Date
    public var updatedAt: Date
    public var draft: String
    /// `provider/model` answering here; nil for the configured default.
    public var model: String?
    public var toolAccess: ToolAccessMode = .auto

    public init(id: ConversationID, title: String, titleIsCustom: Bool, createdAt: Date, updatedAt: Date, draft: String) {
        self.id = id
        self.title = title
        self.titleIsCustom = titleIsCustom
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.draft = draft
    }

    public static let defaultTitle = "New conversation"
}

/// A row of the conversation list, with where a search matched.
public struct ConversationSummary: Equatable, Sendable {
    public var id: ConversationID
    public var title: String
    public var updatedAt: Date
    public var messageCount: Int
    /// Text around the first message that matched a content search.
    public var matchSnippet: String?

    public init(id: ConversationID, title: String, updatedAt: Date, messageCount: Int, matchSnippet: String? = nil) {
        self.id = id
        self.title = title
        self.updatedAt = updatedAt
        self.messageCount = messageCount
        self.matchSnippet = matchSnippet
    }
}

/// Who a message is from.
public enum Role: String, Sendable, Codable {
    case user, assistant, notice
    /// Results of the tool calls in the assistant message before it.
    case tool
}

/// Whether a message arrived whole.
public enum MessageStatus: String, Sendable, Codable {
    case complete, streaming, interrupted
}

/// A message: an ordered list of content blocks.
public struct Message: Equatable, Sendable, Identifiable {
    public var id: MessageID
    public var conversationID: ConversationID
    public var role: Role
    public var status: MessageStatus
    public var createdAt: Date
    public var blocks: [ContentBlock]

    public init(id: MessageID, conversationID: ConversationID, role: Role, status: MessageStatus, createdAt: Date, blocks: [ContentBlock]) {
        self.id = id
        self.conversationID = conversationID
        self.role = role
        self.status = status
        self.createdAt = createdAt
        self.blocks = blocks
    }

    /// The message's readable text: its text and notice blocks joined.
    public var text: String {
        blocks.filter { $0.kind == .text || $0.kind == .notice }.map(\.text).joined(separator: "\n\n")
    }
}

/// One block of a message. The kind is an open set of names, so later
/// features add kinds (tool calls, cards, ...) without a new schema, and an
/// older build shows a block it does not know by its text instead of failing.
public struct ContentBlock: Equatable, Sendable {
    public struct Kind: RawRepresentable, Hashable, Sendable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let text = Kind(rawValue: "text")
        public static let toolCall = Kind(rawValue: "tool_call")
        public static let toolResult = Kind(rawValue: "tool_result")
        /// A call sent to its connector whose result has not arrived; its payload is the
        /// result to tell the model if chattui stops first (outcome unknown).
        public static let toolStarted = Kind(rawValue: "tool_started")
        public static let card = Kind(rawValue: "card")
        public static let notice = Kind(rawValue: "notice")
        /// A provider's own block (server-side tool search), kept to send back to it.
        public static let providerBlock = Kind(rawValue: "provider_block")
        /// A connector's resource attached to the person's message; `text` is its content.
        public static let resource = Kind(rawValue: "resource")
    }

    public var kind: Kind
    /// Human-readable text: what is shown and searched.
    public var text: String
    /// Kind-specific structured data (JSON), if any.
    public var payload: Data?

    public init(kind: Kind, text: String, payload: Data? = nil) {
        self.kind = kind
        self.text = text
        self.payload = payload
    }

    public static func text(_ text: String) -> ContentBlock { ContentBlock(kind: .text, text: text) }
    public static func notice(_ text: String) -> ContentBlock { ContentBlock(kind: .notice, text: text) }
}

/// A connector's state in one conversation.
public enum ConnectorUse: String, Sendable, Codable, CaseIterable {
    case on, onDemand = "on_demand", off
}
