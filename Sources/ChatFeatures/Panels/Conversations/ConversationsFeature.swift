import Foundation
import ConnectorMenu
import ConversationModel
import TerminalText
import TerminalUI

/// `/conversations`: search every conversation, open, rename or delete one. It owns only the panel;
/// which conversation is open, the store and the questions over the panel are the app's, asked as
/// `Delegate`s.
public struct ConversationsPanel: Equatable, Sendable {
    enum Mode: Equatable, Sendable {
        case browsing
        case renaming(TextField)
    }

    var search = TextField()
    var results: [ConversationSummary] = []
    var list = SelectionList(count: 0)
    var mode: Mode = .browsing
    var selected: ConversationSummary? { results.indices.contains(list.selected) ? results[list.selected] : nil }

    /// The keymap layer the panel's keys are read in: its own while browsing, a text field's while renaming.
    var inputMode: InputMode { mode == .browsing ? .conversations : .prompt }
}

public enum ConversationsFeature {
    public typealias State = ConversationsPanel

    public enum Action: Equatable, Sendable {
        case key(KeyEvent)
        /// The store's answer to a search; one for an older query is stale and ignored.
        case listed(query: String, results: [ConversationSummary])
        /// The person said yes to deleting it.
        case deleted(ConversationSummary)
    }

    /// What the panel asks of the app, in order.
    public enum Delegate: Equatable, Sendable {
        case close
        case open(ConversationID)
        case rename(ConversationID, String)
        case delete(ConversationID)
        /// Ask first: a yes comes back as `.deleted`.
        case confirmDelete(ConversationSummary, question: String)
        /// List the conversations matching this (all of them for "").
        case search(String)
        case flash(String)
    }

    static let bindings: [InputMode: [KeyBinding]] = [
        .conversations: [
            KeyBinding(key: .ctrl("r"), command: .listRename, hint: "rename"),
            KeyBinding(key: .ctrl("d"), command: .listDelete, hint: "delete"),
            KeyBinding(key: KeyEvent(.delete, shift: false), command: .listDelete, hint: nil),
        ],
    ]

    static func reduce(_ panel: inout State, _ action: Action, keymap: Keymap) -> [Delegate] {
        switch action {
        case .key(let key):
            let command = keymap.command(for: key, in: panel.inputMode)
            switch panel.mode {
            case .renaming(let field): return rename(&panel, field: field, key: key, command: command, keymap: keymap)
            case .browsing: return browse(&panel, key: key, command: command, keymap: keymap)
            }
        case .listed(let query, let results):
            guard panel.search.text == query else { return [] }
            let previouslySelected = panel.selected?.id
            panel.results = results
            panel.list.reset(count: results.count, selected: results.firstIndex { $0.id == previouslySelected } ?? 0)
            return []
        case .deleted(let doomed):
            panel.results.removeAll { $0.id == doomed.id }
            panel.list.reset(count: panel.results.count, selected: panel.list.selected)
            return [.flash("Deleted “\(doomed.title)”"), .delete(doomed.id), .search(panel.search.text)]
        }
    }

    private static func rename(_ panel: inout State, field: TextField, key: KeyEvent, command: KeyCommand?, keymap: Keymap) -> [Delegate] {
        var field = field
        switch command {
        case .close:
            panel.mode = .browsing
        case .menuAccept:
            let title = field.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !title.isEmpty, let target = panel.selected else { return [] }
            panel.mode = .browsing
            panel.results[panel.list.selected].title = title
            return [.rename(target.id, title)]
        default:
            _ = field.handle(key, keymap: keymap, mode: .prompt)
            panel.mode = .renaming(field)
        }
        return []
    }

    private static func browse(_ panel: inout State, key: KeyEvent, command: KeyCommand?, keymap: Keymap) -> [Delegate] {
        switch command {
        case .menuUp: panel.list.move(by: -1)
        case .menuDown: panel.list.move(by: 1)
        case .scrollPageUp: panel.list.move(by: -10, wraps: false)
        case .scrollPageDown: panel.list.move(by: 10, wraps: false)
        case .close: return [.close]
        case .menuAccept:
            guard let chosen = panel.selected else { return [] }
            return [.close, .open(chosen.id)]
        case .listRename:
            if let selected = panel.selected { panel.mode = .renaming(TextField(selected.title)) }
        case .listDelete:
            if let doomed = panel.selected {
                let title = DisplayWidth.truncate(Sanitizer.clean(doomed.title, keepNewlines: false), to: 40)
                return [.confirmDelete(doomed, question: "Delete “\(title)” and all its messages? y deletes, any other key keeps it.")]
            }
        default:
            let before = panel.search.text
            _ = panel.search.handle(key, keymap: keymap, mode: .prompt)
            if panel.search.text != before { return [.search(panel.search.text)] }
        }
        return []
    }
}
