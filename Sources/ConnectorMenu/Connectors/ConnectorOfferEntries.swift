import ConversationModel

/// A connector's MCP prompt, offered in the slash menu as `/connector:prompt`.
public struct PromptEntry: Equatable, Sendable {
    public struct Argument: Equatable, Sendable {
        public var name: String
        public var description: String?
        public var isRequired: Bool

        public init(name: String, description: String? = nil, isRequired: Bool) {
            self.name = name
            self.description = description
            self.isRequired = isRequired
        }
    }

    public var connector: String
    public var name: String
    public var title: String?
    public var description: String?
    public var arguments: [Argument]

    public var command: String { "\(connector):\(name)" }

    /// The arguments as a JSON Schema of strings, so the form engine can show them.
    public var schema: JSONValue {
        .object([
            "type": .string("object"),
            "properties": .object(Dictionary(uniqueKeysWithValues: arguments.map { argument in
                (argument.name, JSONValue.object(["type": .string("string"), "description": argument.description.map(JSONValue.string) ?? .null]))
            })),
            "required": .array(arguments.filter(\.isRequired).map { .string($0.name) }),
        ])
    }

    public init(connector: String, name: String, title: String? = nil, description: String? = nil, arguments: [Argument]) {
        self.connector = connector
        self.name = name
        self.title = title
        self.description = description
        self.arguments = arguments
    }
}

/// A connector's resource, to attach to a message with `@`.
public struct ResourceEntry: Equatable, Sendable {
    public var connector: String
    public var uri: String
    public var name: String
    public var mimeType: String?
    public var description: String?

    public init(connector: String, uri: String, name: String, mimeType: String? = nil, description: String? = nil) {
        self.connector = connector
        self.uri = uri
        self.name = name
        self.mimeType = mimeType
        self.description = description
    }
}
