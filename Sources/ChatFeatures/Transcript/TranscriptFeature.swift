import ConversationModel
import TerminalUI

/// The transcript: the window of messages on screen, whether older ones are loading, and where
/// the view is scrolled. It owns only that; what it reads to scroll (each item's lines, the view's
/// height) comes as a `Context`, and what it needs from the store is asked for as a `Delegate`.
/// Its lines are laid out by `TranscriptLayout` and walked by `TranscriptDocument`.
enum TranscriptFeature {
    typealias State = TranscriptState

    enum Action {
        case scroll(by: Int)
        case scrollPage(up: Bool)
        case scrollToTop
        case scrollToBottom
        /// Show a message from its start (a card took the keys); the newest, by following.
        case reveal(MessageID)
        /// Follow the newest output again, without asking for anything.
        case follow
        /// The top line is fixed at `position` (a `/find` match, a little above it), or the view
        /// follows the end when it is in view from there.
        case anchor(LinePosition)
        /// The item at this index starts in view, unless all of it already is (choosing a message).
        case bringIntoView(item: Int)
        /// This line comes into view, scrolling as little as it takes (a live card's focused control).
        case keepInView(LinePosition)
        /// Every older message is asked for (a `/find` match older than the loaded window).
        case loadAllEarlier
        /// The messages after the one at `index` go (an edited message and its answer, a retried answer).
        case drop(after: Int)
        /// A message was stored: it joins the view if it belongs to the conversation on screen.
        case appended(Message)
        /// A step of the turn was stored: it replaces the copy on screen (a conversation reopened while it streamed), or joins.
        case stored(Message)
        case earlierLoaded([Message], hasEarlier: Bool, scrollToTop: Bool)
        /// Loading from the store failed: nothing is loading any more.
        case loadFailed
    }

    /// What the transcript reads and does not own.
    struct Context {
        var conversation: ConversationID
        /// Rows the transcript has on screen.
        var height: Int
        /// Laid out only when a scroll needs it.
        var measure: () -> any TranscriptMeasure
    }

    enum Delegate: Equatable {
        case loadEarlier(before: MessageID, all: Bool)
        /// The view moved: what came into view may have live views to start.
        case scrolled
        /// The person's message joined the view: it is the newest to recall in the composer.
        case sentByPerson(String)
        /// Messages from this one on were dropped from the view: the store drops them too.
        case dropped(from: MessageID)
    }

    /// How near the oldest loaded message the view may come before older ones are asked for.
    static let prefetchMargin = 30

    static func reduce(_ state: inout State, _ action: Action, context: Context) -> [Delegate] {
        switch action {
        case .scroll(let delta):
            state.scroll = context.measure().scroll(from: state.scroll, by: delta, height: context.height)
            return loadEarlierIfNeeded(&state, all: false) + [.scrolled]
        case .scrollPage(let up):
            return reduce(&state, .scroll(by: (up ? -1 : 1) * max(1, context.height - 2)), context: context)
        case .scrollToTop:
            if state.hasEarlier { return loadEarlierIfNeeded(&state, all: true) }
            state.scroll = .anchored(LinePosition(item: 0, line: 0))
            return [.scrolled]
        case .scrollToBottom:
            state.scroll = .following
            return [.scrolled]
        case .reveal(let id):
            guard let item = state.messages.firstIndex(where: { $0.id == id }) else { return [] }
            // The last message's card follows the end, as it grows; an earlier one goes to the top
            // unless the end is in view from there.
            state.scroll = item == state.messages.count - 1 ? .following
                : context.measure().scroll(toTop: LinePosition(item: item, line: 0), height: context.height)
            return []
        case .follow:
            state.scroll = .following
            return []
        case .anchor(let position):
            state.scroll = context.measure().scroll(toTop: position, height: context.height)
            return []
        case .bringIntoView(let item):
            bringIntoView(item, in: &state, measure: context.measure(), height: context.height)
            return []
        case .keepInView(let line):
            let measure = context.measure()
            let top = measure.top(height: context.height, scroll: state.scroll)
            if line < top {
                state.scroll = measure.scroll(toTop: line, height: context.height)
            } else if line >= measure.moved(top, by: context.height) {
                state.scroll = measure.scroll(toTop: measure.moved(line, by: 1 - context.height), height: context.height)
            } else {
                return []
            }
            return [.scrolled]
        case .loadAllEarlier:
            return loadEarlierIfNeeded(&state, all: true)
        case .drop(let index):
            let dropped = state.messages.index(after: index)
            guard dropped < state.messages.endIndex else { return [] }
            let first = state.messages[dropped].id
            state.messages.removeSubrange(dropped...)
            return [.dropped(from: first)]
        case .appended(let message):
            guard message.conversationID == context.conversation else { return [] }
            state.messages.append(message)
            guard message.role == .user else { return [] }
            state.scroll = .following
            return [.sentByPerson(message.text)]
        case .stored(let message):
            if let index = state.messages.lastIndex(where: { $0.id == message.id }) {
                state.messages[index] = message
            } else {
                state.messages.append(message)
            }
            return []
        case .earlierLoaded(let messages, let hasEarlier, let scrollToTop):
            prepend(messages, hasEarlier: hasEarlier, scrollToTop: scrollToTop, in: &state, conversation: context.conversation)
            return []
        case .loadFailed:
            state.isLoadingEarlier = false
            return []
        }
    }

    private static func prepend(_ messages: [Message], hasEarlier: Bool, scrollToTop: Bool, in state: inout State, conversation: ConversationID) {
        state.isLoadingEarlier = false
        guard let first = messages.first, first.conversationID == conversation else { return }
        state.messages.insert(contentsOf: messages, at: 0)
        state.hasEarlier = hasEarlier
        if scrollToTop {
            state.scroll = .anchored(LinePosition(item: 0, line: 0))
        } else if case .anchored(var position) = state.scroll {
            position.item += messages.count
            state.scroll = .anchored(position)
        }
    }

    private static func bringIntoView(_ item: Int, in state: inout State, measure: any TranscriptMeasure, height: Int) {
        let top = measure.top(height: height, scroll: state.scroll)
        let start = LinePosition(item: item, line: 0)
        let end = measure.moved(start, by: measure.lineCount(item))
        if start >= top && end <= measure.moved(top, by: height) { return }
        state.scroll = measure.scroll(toTop: start, height: height)
    }

    private static func loadEarlierIfNeeded(_ state: inout State, all: Bool) -> [Delegate] {
        guard state.hasEarlier, !state.isLoadingEarlier, let oldest = state.messages.first else { return [] }
        if !all {
            guard case .anchored(let position) = state.scroll, position.item < prefetchMargin else { return [] }
        }
        state.isLoadingEarlier = true
        return [.loadEarlier(before: oldest.id, all: all)]
    }
}

/// The messages in view and where the view is scrolled.
public struct TranscriptState: Equatable, Sendable {
    /// A window of the conversation's newest messages, oldest first.
    public var messages: [Message] = []
    /// Whether older messages exist in the store beyond `messages`.
    var hasEarlier = false
    var isLoadingEarlier = false
    var scroll: TranscriptScroll = .following
}

/// Where the transcript view sits: following the newest line, or with its
/// top line fixed at a message and a line within it (so new output does not
/// move what the person is reading).
public enum TranscriptScroll: Equatable, Sendable {
    case following
    case anchored(LinePosition)
}

public struct LinePosition: Equatable, Sendable, Comparable {
    /// An index into the transcript's items (messages, then the footer).
    var item: Int
    var line: Int

    public static func < (lhs: LinePosition, rhs: LinePosition) -> Bool {
        (lhs.item, lhs.line) < (rhs.item, rhs.line)
    }
}


/// What scrolling reads of the transcript: how many items it has (messages, the turn, the footer)
/// and how many lines each takes at this width. `TranscriptDocument` lays them out; a test counts.
protocol TranscriptMeasure {
    var itemCount: Int { get }
    func lineCount(_ item: Int) -> Int
}

extension TranscriptMeasure {
    private var end: LinePosition { LinePosition(item: itemCount - 1, line: lineCount(itemCount - 1)) }

    /// The top line when following the newest output in a view of `height` rows.
    func followingTop(height: Int) -> LinePosition {
        moved(end, by: -height)
    }

    /// The top line in a view of `height` rows scrolled to `scroll`.
    func top(height: Int, scroll: TranscriptScroll) -> LinePosition {
        switch scroll {
        case .following: return followingTop(height: height)
        case .anchored(let position): return clamped(position)
        }
    }

    /// `position` moved by `delta` lines (negative is up), kept inside the document.
    func moved(_ position: LinePosition, by delta: Int) -> LinePosition {
        var position = clamped(position)
        position.line += delta
        while position.line < 0 {
            guard position.item > 0 else { return LinePosition(item: 0, line: 0) }
            position.item -= 1
            position.line += lineCount(position.item)
        }
        while position.item < itemCount - 1 {
            let count = lineCount(position.item)
            guard position.line >= count else { break }
            position.line -= count
            position.item += 1
        }
        return LinePosition(item: position.item, line: min(position.line, lineCount(position.item)))
    }

    private func clamped(_ position: LinePosition) -> LinePosition {
        let item = min(max(0, position.item), itemCount - 1)
        return LinePosition(item: item, line: min(max(0, position.line), lineCount(item)))
    }

    /// Where scrolling from `scroll` by `delta` lands: anchored, or following once the end is in view.
    func scroll(from scroll: TranscriptScroll, by delta: Int, height: Int) -> TranscriptScroll {
        self.scroll(toTop: moved(top(height: height, scroll: scroll), by: delta), height: height)
    }

    /// The scroll with `position` as the top line, or following when the end would be in view from
    /// there: anchored that low, the view would run past the end into blank rows, saying "more below".
    func scroll(toTop position: LinePosition, height: Int) -> TranscriptScroll {
        position >= followingTop(height: height) ? .following : .anchored(position)
    }
}
