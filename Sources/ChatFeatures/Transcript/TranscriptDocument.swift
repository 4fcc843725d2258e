import TerminalText

/// The transcript as a sequence of items (each message, then the footer) and
/// their lines, with the arithmetic of scrolling over them. It lays out only
/// the items it walks past, so a long conversation costs what is on screen.
public struct TranscriptDocument {
    let state: AppState
    let layout: TranscriptLayout
    /// The turn in progress, laid out once per document: scrolling arithmetic asks for it often.
    private let liveLines: [StyledLine]?

    init(state: AppState, layout: TranscriptLayout) {
        self.state = state
        self.layout = layout
        if let turn = state.visibleTurn {
            liveLines = TurnLines.live(turn, questions: state.questions, layout: layout, width: state.width)
        } else if let running = state.cards.running {
            liveLines = [StyledLine(), TurnLines.activity(running, width: state.width - TranscriptLayout.indent - 1)
                .prefixed(with: [Span(String(repeating: " ", count: TranscriptLayout.indent), scope: "text")]),
                StyledLine([Span(String(repeating: " ", count: TranscriptLayout.indent)
                    + (layout.keymap.key(for: .close, in: .cards).map { "\($0) on a card cancels it" } ?? ""), scope: "message.meta")]), StyledLine()]
        } else {
            liveLines = nil
        }
    }

    /// Messages, then the turn being answered or the person's call running (if any), then the footer.
    var itemCount: Int { state.transcript.messages.count + (liveLines == nil ? 1 : 2) }

    func lines(_ item: Int) -> [StyledLine] {
        let messages = state.transcript.messages
        if item < messages.count { return layout.lines(for: messages[item], width: state.width, cards: state.cards.display(of: messages[item].id)) }
        if item == messages.count, let liveLines { return liveLines }
        return TranscriptLayout.footer(isEmpty: messages.isEmpty && liveLines == nil, modelName: state.modelName, width: state.width)
    }

    private var end: LinePosition { LinePosition(item: itemCount - 1, line: lines(itemCount - 1).count) }

    /// The top line when following the newest output in a view of `height` rows.
    func followingTop(height: Int) -> LinePosition {
        moved(end, by: -height)
    }

    /// The current top line in a view of `height` rows.
    func top(height: Int) -> LinePosition {
        switch state.transcript.scroll {
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
            position.line += lines(position.item).count
        }
        while position.item < itemCount - 1 {
            let count = lines(position.item).count
            guard position.line >= count else { break }
            position.line -= count
            position.item += 1
        }
        return LinePosition(item: position.item, line: min(position.line, lines(position.item).count))
    }

    private func clamped(_ position: LinePosition) -> LinePosition {
        let item = min(max(0, position.item), itemCount - 1)
        return LinePosition(item: item, line: min(max(0, position.line), lines(item).count))
    }

    /// Where scrolling by `delta` lands: anchored, or following once the end is in view.
    func scroll(by delta: Int, height: Int) -> TranscriptScroll {
        scroll(toTop: moved(top(height: height), by: delta), height: height)
    }

    /// The scroll with `position` as the top line, or following when the end would be in view from
    /// there: anchored that low, the view would run past the end into blank rows, saying "more below".
    func scroll(toTop position: LinePosition, height: Int) -> TranscriptScroll {
        position >= followingTop(height: height) ? .following : .anchored(position)
    }

    /// The lines visible in a view of `height` rows (fewer when the document is shorter).
    func visibleLines(height: Int) -> [StyledLine] {
        visibleRows(height: height).map(\.line)
    }

    /// The visible lines, each with the item it belongs to.
    func visibleRows(height: Int) -> [(item: Int, line: StyledLine)] {
        let start = top(height: height)
        var output: [(item: Int, line: StyledLine)] = []
        var item = start.item
        var line = start.line
        while output.count < height && item < itemCount {
            let itemLines = lines(item)
            if line < itemLines.count {
                output += itemLines[line..<min(itemLines.count, line + height - output.count)].map { (item, $0) }
            }
            item += 1
            line = 0
        }
        return output
    }
}
