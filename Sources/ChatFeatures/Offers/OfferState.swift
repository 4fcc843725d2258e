import Foundation
import ConnectorMenu
import ConversationModel
import TerminalUI

/// A connector's MCP prompt, offered in the slash menu as `/connector:prompt`.
public struct PromptEntry: Equatable, Sendable {
    public struct Argument: Equatable, Sendable {
        var name: String
        var description: String?
        var isRequired: Bool

        public init(name: String, description: String? = nil, isRequired: Bool) {
            self.name = name
            self.description = description
            self.isRequired = isRequired
        }
    }

    public var connector: String
    public var name: String
    var title: String?
    var description: String?
    var arguments: [Argument]

    public var command: String { "\(connector):\(name)" }

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
    var description: String?

    public init(connector: String, uri: String, name: String, mimeType: String? = nil, description: String? = nil) {
        self.connector = connector
        self.uri = uri
        self.name = name
        self.mimeType = mimeType
        self.description = description
    }
}

/// What the ready connectors offer besides tools.
public struct ConnectorOffers: Equatable, Sendable {
    var prompts: [PromptEntry] = []
    var resources: [ResourceEntry] = []
}

/// A form over the transcript: a prompt's arguments, or a custom connector.
public struct FormPanel: Equatable, Sendable {
    enum Purpose: Equatable, Sendable {
        case prompt(PromptEntry)
        case customConnector
        /// Installing a registry entry (its name) as a custom connector.
        case registryInstall(String)
        /// A connector asks the person (elicitation); the id is the request's.
        case elicitation(String, url: String?)
        /// A tool the person calls: a card's action or `/task`.
        case toolCall(PersonCall)
    }

    var purpose: Purpose
    var title: String
    /// Shown above the fields (the custom-connector warning, a prompt's description).
    var note: String?
    var fields: FormFields
    /// A problem with the whole form (a name already taken, say); fields show their own.
    var problem: String?

    init(purpose: Purpose, title: String, note: String?, schema: JSONValue, arguments: JSONValue = .object([:])) {
        self.purpose = purpose
        self.title = title
        self.note = note
        fields = FormFields(schema: schema, arguments: arguments)
    }

    static func elicitation(_ request: ElicitationRequest, keymap: Keymap) -> FormPanel {
        var note = "\(request.connector) asks: \(request.message)"
        if let url = request.url {
            let domain = URL(string: url)?.host ?? "an address without a domain"
            note += "\n\nIt wants you to open a page on \(domain):\n\(url)\n\n\(keymap.key(for: .menuAccept, in: .form) ?? "Submitting") opens it (without a display, shows it to open yourself); chattui never fetches it. "
                + keymap.phrase([(.declineForm, "declines"), (.close, "cancels")], in: .form, separator: ", ") + "."
        }
        var form = FormPanel(purpose: .elicitation(request.id, url: request.url), title: "\(request.connector) asks", note: note, schema: request.schema)
        if form.fields.form.asksForSecrets {
            form.note = note + "\n\n\(request.connector), not chattui, asks for a secret: chattui never needs your password or keys. "
                + "Give it only if you trust \(request.connector) with it."
        }
        return form
    }

    static func prompt(_ prompt: PromptEntry) -> FormPanel {
        FormPanel(purpose: .prompt(prompt), title: "/" + prompt.command, note: prompt.description, schema: prompt.schema)
    }

    /// Name, then a URL (https, or http on this machine) or a command line; then the advanced fields.
    static func customConnector(keymap: Keymap) -> FormPanel { FormPanel(
        purpose: .customConnector, title: "Add custom connector",
        note: "Custom connectors are not verified by anyone: add only servers you trust. It is on in this conversation, and every call it makes asks until you trust it"
            + (keymap.key(for: .trust, in: .connectorDetails).map { " (\($0) in its details)." } ?? "."),
        schema: .object([
            "type": .string("object"),
            "properties": .object([
                "1 name": .object(["type": .string("string"), "description": .string("Letters, digits, - and _")]),
                "2 url or command": .object(["type": .string("string"), "description": .string("https://… (http only on 127.0.0.1), or a command line for a local server")]),
                "3 headers": .object(["type": .string("string"), "description": .string("Advanced: extra headers, “Name: value; Other: value”")]),
                "4 oauth client id": .object(["type": .string("string"), "description": .string("Advanced: when the server wants a registered client")]),
                "5 oauth client secret": .object(["type": .string("string"), "description": .string("Advanced: stored in connectors.json (mode 0600)")]),
            ]),
            "required": .array([.string("1 name"), .string("2 url or command")]),
        ]))
    }
}

/// `@` in the composer: the enabled connectors' resources, filtered as the person types.
public struct ResourcePicker: Equatable, Sendable {
    var search = TextField()
    var matches: [ResourceEntry] = []
    var list = SelectionList(count: 0)
}
