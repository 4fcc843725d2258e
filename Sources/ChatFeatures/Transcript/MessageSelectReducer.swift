import ConversationModel
import TerminalUI
import TerminalText

/// Choosing any message to copy (Alt-C, or `/copy` before there is an answer): ↑/↓ move a
/// highlight over the messages with text, the transcript following it; Enter copies the
/// highlighted message's text (OSC 52, as `/export` writes it); Esc leaves.
extension AppReducer {
    /// The messages that have text to copy, oldest first.
    private func copyable(_ state: AppState) -> [MessageID] {
        state.transcript.messages.filter { !Self.copyText(of: $0).isEmpty }.map(\.id)
    }

    static func copyText(of message: Message) -> String {
        ConversationExport.markdown(of: message).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Opens the mode on the newest message with text.
    func selectMessageToCopy(in state: inout AppState) -> [Effect] {
        guard let newest = copyable(state).last else {
            state.flash = Flash(text: "There is no message to copy yet.", isError: true)
            return []
        }
        let closed = reduceComposer(&state, .closeMenu) + reduceCards(&state, .unfocus)
        state.overlay = .selectMessage(MessageSelection(id: newest))
        return closed + showSelected(&state)
    }

    func reduceMessageSelection(_ state: inout AppState, selection: MessageSelection, key: KeyEvent) -> [Effect] {
        switch keymap.command(for: key, in: .selectMessage) {
        case .close:
            state.overlay = nil
        case .menuUp, .menuDown:
            let ids = copyable(state)
            guard let index = ids.firstIndex(of: selection.id) else { return [] }
            let step = keymap.command(for: key, in: .selectMessage) == .menuUp ? -1 : 1
            state.overlay = .selectMessage(MessageSelection(id: ids[min(max(0, index + step), ids.count - 1)]))
            return showSelected(&state)
        case .copyMessage:
            state.overlay = nil
            guard let message = state.transcript.messages.first(where: { $0.id == selection.id }) else { return [] }
            let text = Self.copyText(of: message)
            let what = message.role == .user ? "your message" : message.role == .assistant ? "the answer" : "the message"
            state.flash = Flash(text: "Copied \(what) (\(counted(text.count, "character"))).", isError: false)
            return [.copyToClipboard(text)]
        case .scrollPageUp, .scrollPageDown:
            return scrollTranscriptPage(&state, up: keymap.command(for: key, in: .selectMessage) == .scrollPageUp)
        default:
            break
        }
        return []
    }

    /// Scrolls so the highlighted message starts in view, unless all of it already is.
    private func showSelected(_ state: inout AppState) -> [Effect] {
        guard case .selectMessage(let selection) = state.overlay,
              let item = state.transcript.messages.firstIndex(where: { $0.id == selection.id }) else { return [] }
        return reduceTranscript(&state, .bringIntoView(item: item))
    }
}
