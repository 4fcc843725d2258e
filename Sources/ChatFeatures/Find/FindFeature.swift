import ConversationModel
import TerminalUI

/// `/find`'s bar: the query, the store's matches and which one is shown. It owns only `FindBar`;
/// searching the store, scrolling to a match and closing the layer are the root's, asked as `Delegate`s.
enum FindFeature {
    typealias State = FindBar

    enum Action: Equatable {
        case key(KeyEvent)
        case paste(String)
        /// The store's matches for `query`: dropped unless it is still the query typed.
        case searched(query: String, matches: [MessageID])
    }

    enum Delegate: Equatable {
        case close
        /// The query changed and is not blank: the store is asked again.
        case search(String)
        /// The current match changed: the transcript shows it.
        case showCurrentMatch
        case scrollPage(up: Bool)
    }

    static func reduce(_ bar: inout State, _ action: Action, keymap: Keymap) -> [Delegate] {
        switch action {
        case .key(let key):
            return reduce(&bar, key: key, keymap: keymap)
        case .paste(let text):
            var query = bar.query
            query.insertOnOneLine(text)
            return edited(&bar, query: query)
        case .searched(let query, let matches):
            guard bar.query.text == query else { return [] }
            bar.matches = matches
            // The newest match first, as the person is usually at the bottom.
            bar.current = matches.isEmpty ? nil : matches.count - 1
            return [.showCurrentMatch]
        }
    }

    private static func reduce(_ bar: inout State, key: KeyEvent, keymap: Keymap) -> [Delegate] {
        let command = keymap.command(for: key, in: .find)
        switch command {
        case .close:
            return [.close]
        case .findNext, .findPrevious:
            guard let matches = bar.matches, !matches.isEmpty else { return [] }
            let step = command == .findNext ? 1 : -1
            bar.current = ((bar.current ?? 0) + step + matches.count) % matches.count
            return [.showCurrentMatch]
        case .scrollPageUp, .scrollPageDown:
            return [.scrollPage(up: command == .scrollPageUp)]
        default:
            var query = bar.query
            _ = query.handle(key, keymap: keymap, mode: .prompt)
            return edited(&bar, query: query)
        }
    }

    /// A cursor move is kept as it is; a change of the text starts a new search.
    private static func edited(_ bar: inout State, query: TextField) -> [Delegate] {
        guard query.text != bar.query.text else {
            bar.query = query
            return []
        }
        bar = FindBar(query: query)
        let trimmed = query.text.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? [] : [.search(query.text)]
    }
}

/// `/find`: what is searched for, the matching messages of the whole conversation, and which is shown.
public struct FindBar: Equatable, Sendable {
    var query = TextField()
    /// Messages containing the text, oldest first; nil until the store answered.
    var matches: [MessageID]?
    var current: Int?
    var currentMatch: MessageID? { current.flatMap { index in matches?.indices.contains(index) == true ? matches?[index] : nil } }
}
