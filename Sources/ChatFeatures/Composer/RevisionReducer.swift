import ConversationModel
import TerminalUI
import TerminalText

/// `/copy`, `/edit` and `/retry`: the last answer copied, the last message edited, the last turn asked again.
/// Editing and retrying replace what they revise: the store keeps one line of history, so what the model
/// is sent next is exactly what the transcript shows.
extension AppReducer {
    /// `/copy`: the last answer's text, as `/export` writes it, onto the terminal's clipboard; with no answer yet, choose a message.
    func copyLastAnswer(in state: inout AppState) -> [Effect] {
        guard let answer = state.transcript.messages.last(where: { $0.role == .assistant && $0.blocks.contains { $0.kind == .text && !$0.text.isEmpty } }) else {
            // No answer yet: choose another message to copy instead.
            return selectMessageToCopy(in: &state)
        }
        let text = Self.copyText(of: answer)
        state.flash = Flash(text: "Copied the last answer (\(counted(text.count, "character"))).", isError: false)
        return [.copyToClipboard(text)]
    }

    /// `/edit` (Alt-↑): the last message back in the composer; sending replaces it and its answer.
    func editLastMessage(in state: inout AppState) -> [Effect] {
        guard let last = lastUserMessage(in: &state, doing: "edit") else { return [] }
        let before = state.composer.field.text
        state.composer.field = TextField(SlashEscape.composerText(for: state.transcript.messages[last].text))
        state.composer.editing = state.transcript.messages[last].id
        state.composer.historyIndex = nil
        let keys = keymap.phrase([(.send, "sends it in place of the old one and its answer"), (.clearOrQuit, "gives up")], in: .composer, separator: ". ")
        state.flash = Flash(text: "Editing your last message: \(keys).", isError: false)
        return state.composer.field.text == before ? [] : [.saveDraft(state.conversation.id, state.composer.field.text)]
    }

    /// `/retry`: drops the last turn's answer and asks the model again.
    func retryLastTurn(in state: inout AppState) -> [Effect] {
        guard state.modelName != nil else {
            state.flash = Flash(text: "No model is configured, so there is nothing to retry with. /model chooses one.", isError: true)
            return []
        }
        guard let last = lastUserMessage(in: &state, doing: "retry") else { return [] }
        let effects = dropMessages(after: last, in: &state)
        state.turn = TurnState(conversationID: state.conversation.id)
        state.transcript.scroll = .following
        return effects + [.startTurn(state.conversation.id)]
    }

    /// When sending an edited message: drops the message it replaces and everything after it.
    func dropEditedMessage(in state: inout AppState) -> [Effect] {
        guard let editing = state.composer.editing else { return [] }
        state.composer.editing = nil
        guard let index = state.transcript.messages.firstIndex(where: { $0.id == editing }) else { return [] }
        if let recalled = state.composer.history.firstIndex(of: state.transcript.messages[index].text) {
            state.composer.history.remove(at: recalled)
        }
        return dropMessages(after: index - 1, in: &state)
    }

    private func dropMessages(after index: Int, in state: inout AppState) -> [Effect] {
        let dropped = state.transcript.messages.index(after: index)
        guard dropped < state.transcript.messages.endIndex else { return [] }
        let first = state.transcript.messages[dropped].id
        state.transcript.messages.removeSubrange(dropped...)
        state.cards.focused = nil
        return [.deleteMessages(state.conversation.id, from: first)]
    }

    /// The index of the person's last message, or nil with the reason shown.
    private func lastUserMessage(in state: inout AppState, doing verb: String) -> Int? {
        if state.turn != nil {
            state.flash = Flash(text: "The model is still answering." + (keymap.key(for: .cancelTurn, in: .composer).map { " \($0) stops it, then /\(verb)." } ?? ""), isError: true)
            return nil
        }
        guard let index = state.transcript.messages.lastIndex(where: { $0.role == .user }) else {
            state.flash = Flash(text: state.transcript.hasEarlier ? "Your last message is too far back to \(verb) here." : "There is no message to \(verb) yet.", isError: true)
            return nil
        }
        return index
    }
}
