import ConversationModel

/// A connector asking the person for input (MCP elicitation), as the interface shows it.
public struct ElicitationRequest: Equatable, Sendable {
    public var id: String
    public var connector: String
    public var message: String
    /// The fields asked for, as JSON Schema; empty for a URL to visit.
    public var schema: JSONValue
    /// URL mode: where the server wants the person to go.
    public var url: String?

    public init(id: String, connector: String, message: String, schema: JSONValue, url: String? = nil) {
        self.id = id
        self.connector = connector
        self.message = message
        self.schema = schema
        self.url = url
    }
}
