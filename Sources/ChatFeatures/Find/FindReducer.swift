import ConversationModel
import TerminalUI

/// `/find` (Ctrl-F): typing searches the whole conversation in the store; Enter, Ctrl-G and ↓ go to
/// the next match, ↑ to the previous; the transcript scrolls to each, loading older messages when needed.
extension AppReducer {
    func openFind(_ query: String, in state: inout AppState) -> [Effect] {
        let closed = reduceComposer(&state, .closeMenu) + reduceCards(&state, .unfocus)
        state.overlay = .find(FindBar(query: TextField(query)))
        return closed + (query.isEmpty ? [] : [.searchConversation(state.conversation.id, query: query)])
    }

    func reduceFind(_ state: inout AppState, bar: FindBar, key: KeyEvent) -> [Effect] {
        reduceFind(&state, bar: bar, .key(key))
    }

    func pasteIntoFind(_ text: String, bar: FindBar, in state: inout AppState) -> [Effect] {
        reduceFind(&state, bar: bar, .paste(text))
    }

    /// The store's answer, for the bar if it is still open.
    func conversationSearched(query: String, matches: [MessageID], in state: inout AppState) -> [Effect] {
        guard case .find(let bar) = state.overlay else { return [] }
        return reduceFind(&state, bar: bar, .searched(query: query, matches: matches))
    }

    /// Hands the bar its action and does what it asks; the bar is written back only when it changed.
    private func reduceFind(_ state: inout AppState, bar: FindBar, _ action: FindFeature.Action) -> [Effect] {
        var edited = bar
        let delegates = FindFeature.reduce(&edited, action, keymap: keymap)
        if edited != bar { state.overlay = .find(edited) }
        return delegates.flatMap { delegate -> [Effect] in
            switch delegate {
            case .close:
                state.overlay = nil
                return []
            case .search(let query): return [.searchConversation(state.conversation.id, query: query)]
            case .showCurrentMatch: return showCurrentMatch(&state)
            case .scrollPage(let up): return scrollTranscriptPage(&state, up: up)
            }
        }
    }

    /// Scrolls to the current match's first matching line, or asks for the older messages holding it.
    func showCurrentMatch(_ state: inout AppState) -> [Effect] {
        guard case .find(let bar) = state.overlay, let id = bar.currentMatch else { return [] }
        guard let item = state.transcript.messages.firstIndex(where: { $0.id == id }) else {
            guard let oldest = state.transcript.messages.first, id < oldest.id else { return [] }
            return reduceTranscript(&state, .loadAllEarlier)
        }
        let lines = TranscriptDocument(state: state, layout: layout).lines(item)
        let query = bar.query.text.trimmingCharacters(in: .whitespaces)
        let line = lines.firstIndex { $0.plainText.range(of: query, options: .caseInsensitive) != nil } ?? 0
        // A little of what comes before the match stays in view.
        return reduceTranscript(&state, .anchor(LinePosition(item: item, line: max(0, line - 2))))
    }
}
