import ConversationModel
import TerminalUI

/// The root's side of `/conversations` (`ConversationsFeature`): it hands the panel its keys and the
/// store's answers, and does what it asks: open, rename or delete one, ask first, search again.
extension AppReducer {
    func reduceConversations(_ state: inout AppState, panel: ConversationsPanel, key: KeyEvent) -> [Effect] {
        reduceConversations(&state, panel: panel, .key(key))
    }

    func reduceConversations(_ state: inout AppState, panel: ConversationsPanel, _ action: ConversationsFeature.Action) -> [Effect] {
        var panel = panel
        let delegates = ConversationsFeature.reduce(&panel, action, keymap: keymap)
        state.overlay = .conversations(panel)
        return delegates.flatMap { conversationsAsked($0, in: &state) }
    }

    /// A yes to deleting a conversation, with the conversations panel on top again.
    func deleteConversation(_ doomed: ConversationSummary, in state: inout AppState) -> [Effect] {
        guard case .conversations(let panel)? = state.overlay else { return [] }
        return reduceConversations(&state, panel: panel, .deleted(doomed))
    }

    private func conversationsAsked(_ delegate: ConversationsFeature.Delegate, in state: inout AppState) -> [Effect] {
        switch delegate {
        case .close:
            state.overlay = nil
        case .open(let id):
            return id == state.conversation.id ? [] : [.openConversation(id)]
        case .rename(let id, let title):
            if id == state.conversation.id {
                state.conversation.title = title
                state.conversation.titleIsCustom = true
            }
            return [.renameConversation(id, title)]
        case .delete(let id):
            return [.deleteConversation(id, isOpen: id == state.conversation.id)]
        case .confirmDelete(let doomed, let question):
            state.push(.confirm(Confirmation(title: "Delete conversation", question: question, onYes: .deleteConversation(doomed))))
        case .search(let query):
            return [.listConversations(query: query)]
        case .flash(let text):
            state.flash = Flash(text: text, isError: false)
        }
        return []
    }
}
