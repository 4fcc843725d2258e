import Foundation
import ConnectorMenu
import ConversationModel
import TerminalUI

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

    /// The custom-connector form; `CustomConnector` (in ConnectorMenu) says what it asks and checks the answers.
    static func customConnector(keymap: Keymap) -> FormPanel {
        FormPanel(purpose: .customConnector, title: CustomConnector.formTitle, note: CustomConnector.formNote(keymap: keymap), schema: CustomConnector.formSchema)
    }
}

/// `@` in the composer: the enabled connectors' resources, filtered as the person types.
public struct ResourcePicker: Equatable, Sendable {
    var search = TextField()
    var matches: [ResourceEntry] = []
    var list = SelectionList(count: 0)
}
