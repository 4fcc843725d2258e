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
        let message = state.transcript.messages[last]
        let effects = reduceComposer(&state, .edit(message.text, message: message.id))
        let keys = keymap.phrase([(.send, "sends it in place of the old one and its answer"), (.clearOrQuit, "gives up")], in: .composer, separator: ". ")
        state.flash = Flash(text: "Editing your last message: \(keys).", isError: false)
        return effects
    }

    /// `/retry`: drops the last turn's answer and asks the model again.
    func retryLastTurn(in state: inout AppState) -> [Effect] {
        guard state.modelName != nil else {
            state.flash = Flash(text: "No model is configured, so there is nothing to retry with. /model chooses one.", isError: true)
            return []
        }
        guard let last = lastUserMessage(in: &state, doing: "retry") else { return [] }
        let effects = reduceTranscript(&state, .drop(after: last)) + reduceTurn(&state, .start(state.conversation.id))
        return effects + reduceTranscript(&state, .follow) + [.startTurn(state.conversation.id)]
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
