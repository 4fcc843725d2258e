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
        var bar = bar
        let command = keymap.command(for: key, in: .find)
        switch command {
        case .close:
            state.overlay = nil
            return []
        case .findNext, .findPrevious:
            guard let matches = bar.matches, !matches.isEmpty else { return [] }
            let step = command == .findNext ? 1 : -1
            bar.current = ((bar.current ?? 0) + step + matches.count) % matches.count
            state.overlay = .find(bar)
            return showCurrentMatch(&state)
        case .scrollPageUp, .scrollPageDown:
            return scrollTranscriptPage(&state, up: command == .scrollPageUp)
        default:
            let before = bar.query.text
            _ = bar.query.handle(key, keymap: keymap, mode: .prompt)
            return queryChanged(bar, from: before, in: &state)
        }
    }

    func pasteIntoFind(_ text: String, bar: FindBar, in state: inout AppState) -> [Effect] {
        var bar = bar
        let before = bar.query.text
        bar.query.insert(text.replacingOccurrences(of: "\n", with: " "))
        return queryChanged(bar, from: before, in: &state)
    }

    private func queryChanged(_ bar: FindBar, from before: String, in state: inout AppState) -> [Effect] {
        var bar = bar
        guard bar.query.text != before else { return [] }
        bar.matches = nil
        bar.current = nil
        state.overlay = .find(bar)
        let query = bar.query.text.trimmingCharacters(in: .whitespaces)
        return query.isEmpty ? [] : [.searchConversation(state.conversation.id, query: bar.query.text)]
    }

    /// The store's answer: the newest match is shown first, as the person is usually at the bottom.
    func conversationSearched(query: String, matches: [MessageID], in state: inout AppState) -> [Effect] {
        guard case .find(var bar) = state.overlay, bar.query.text == query else { return [] }
        bar.matches = matches
        bar.current = matches.isEmpty ? nil : matches.count - 1
        state.overlay = .find(bar)
        return showCurrentMatch(&state)
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
