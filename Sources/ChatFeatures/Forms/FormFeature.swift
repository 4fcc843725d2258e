import ConnectorMenu
import ConversationModel
import TerminalUI

/// A schema form over the transcript: its fields, the one focused, and a problem with the whole form.
/// Whoever opened it (a prompt, the custom-connector and registry-install forms, a card's call or
/// `/task`, a connector's question) is named by `purpose` and handles what the form answers.
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
        self.init(purpose: purpose, title: title, note: note, form: ArgumentForm(schema: schema, arguments: arguments))
    }

    init(purpose: Purpose, title: String, note: String?, form: ArgumentForm) {
        self.purpose = purpose
        self.title = title
        self.note = note
        fields = FormFields(form: form)
    }

    /// Only a connector's question may be declined (answered "no"), not just cancelled.
    var declines: Bool {
        if case .elicitation = purpose { return true }
        return false
    }
}

/// The form layer's keys: moving between fields, editing them, submitting, cancelling. It owns only
/// the form; what a filled-in form does is its opener's, asked as a `Delegate`.
public enum FormFeature {
    public typealias State = FormPanel

    public enum Action: Equatable, Sendable {
        case key(KeyEvent)
        /// Pasted text goes into the focused field (a choice field takes none).
        case paste(String)
        /// The opener refused what was submitted: the form stays, saying why, on the field at fault.
        case refused(String, field: Int?)
    }

    /// What the form answers; at most one per action.
    public enum Delegate: Equatable, Sendable {
        case submitted(JSONValue)
        case cancelled
        /// The person said no to a connector's question (`declines`).
        case declined
    }

    static let bindings: [InputMode: [KeyBinding]] = [
        .form: [
            KeyBinding(key: KeyEvent(.tab), command: .nextField, hint: "next field"),
            KeyBinding(key: KeyEvent(.backTab), command: .previousField, hint: nil),
            KeyBinding(key: KeyEvent(.down), command: .nextField, hint: nil),
            KeyBinding(key: KeyEvent(.up), command: .previousField, hint: nil),
            KeyBinding(key: .ctrl("s"), command: .submitForm, hint: "submit"),
            KeyBinding(key: .ctrl("d"), command: .declineForm, hint: nil),
            KeyBinding(key: KeyEvent(.enter), command: .menuAccept, hint: nil),
            KeyBinding(key: KeyEvent(.escape), command: .close, hint: "cancel"),
        ],
    ]

    static func reduce(_ form: inout State, _ action: Action, keymap: Keymap) -> [Delegate] {
        switch action {
        case .refused(let problem, let field):
            form.problem = problem
            if let field { form.fields.focus = field }
            return []
        case .key(let key):
            return reduce(&form, key: key, keymap: keymap)
        case .paste(let text):
            form.fields.paste(text)
            form.problem = nil
            return []
        }
    }

    private static func reduce(_ form: inout State, key: KeyEvent, keymap: Keymap) -> [Delegate] {
        switch keymap.command(for: key, in: .form) {
        case .close: return [.cancelled]
        case .declineForm where form.declines: return [.declined]
        case .declineForm:
            // Only a connector's question declines; elsewhere the key edits, as in every text field.
            form.fields.edit(key, keymap: keymap, mode: .prompt)
            form.problem = nil
        case .nextField: form.fields.move(forward: true)
        case .previousField: form.fields.move(forward: false)
        case .menuAccept where !form.fields.isOnLastField: form.fields.move(forward: true)
        case .menuAccept, .submitForm:
            form.problem = nil
            // A refused submit marks every problem and focuses the first; the form stays.
            guard let arguments = form.fields.submit() else { return [] }
            return [.submitted(arguments)]
        default:
            form.fields.edit(key, keymap: keymap, mode: .form)
            form.problem = nil
        }
        return []
    }
}
