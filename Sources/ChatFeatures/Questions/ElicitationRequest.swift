import ConversationModel
import Foundation
import TerminalUI

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

extension FormPanel {
    /// A connector's question as a form: what it asks, the page it wants opened, and a warning when it asks for a secret.
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
}
