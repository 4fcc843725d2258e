import ConnectorMenu
import ConversationModel

/// A connector's MCP prompt, offered in the slash menu as `/connector:prompt`.
struct PromptEntry: Equatable, Sendable {
    struct Argument: Equatable, Sendable {
        var name: String
        var description: String?
        var isRequired: Bool
    }

    var connector: String
    var name: String
    var title: String?
    var description: String?
    var arguments: [Argument]

    var command: String { "\(connector):\(name)" }

    /// The arguments as a JSON Schema of strings, so the form engine can show them.
    var schema: JSONValue {
        .object([
            "type": .string("object"),
            "properties": .object(Dictionary(uniqueKeysWithValues: arguments.map { argument in
                (argument.name, JSONValue.object(["type": .string("string"), "description": argument.description.map(JSONValue.string) ?? .null]))
            })),
            "required": .array(arguments.filter(\.isRequired).map { .string($0.name) }),
        ])
    }
}

/// A connector's resource, to attach to a message with `@`.
struct ResourceEntry: Equatable, Sendable {
    var connector: String
    var uri: String
    var name: String
    var mimeType: String?
    var description: String?
}

/// What the ready connectors offer besides tools.
struct ConnectorOffers: Equatable, Sendable {
    var prompts: [PromptEntry] = []
    var resources: [ResourceEntry] = []
}

/// The form for a prompt's arguments.
struct PromptForm: Equatable, Sendable {
    var prompt: PromptEntry
    var form: ArgumentForm
    var values: [TextField]
    var focus = 0
    var problem: String?

    init(prompt: PromptEntry) {
        self.prompt = prompt
        form = ArgumentForm(schema: prompt.schema, arguments: .object([:]))
        values = form.fields.map { _ in TextField() }
    }
}

/// `@` in the composer: the enabled connectors' resources, filtered as the person types.
struct ResourcePicker: Equatable, Sendable {
    var search = TextField()
    var matches: [ResourceEntry] = []
    var list = SelectionList(count: 0)
}
