import ConversationModel
import Testing
import ToolCards
@testable import ChatFeatures
@testable import TerminalUI

/// Numbers on a live card, typed as in lynx and w3m: one numbering for controls and links, and
/// numbers past 9 reached by their digits, with no busy wait (the run loop is woken only while a
/// number waits for its next digit).
@Suite struct LiveCardNumberTests {
    static let card = LiveCardReducerTests.card

    /// A board with `controls` numbered controls, the first a text box, and a result that links one page.
    static func drawn(controls: Int, focused: Int? = nil) -> Harness {
        var harness = Harness(width: 80, height: 40, messages: Fixtures.conversation)
        var message = LiveCardReducerTests.boardResult()
        var result = message.blocks[0].decoded(ToolResult.self)!
        result.content = "{\"open\": 3} See https://example.org/notes"
        message.blocks[0] = TurnHistory.resultBlock(result)
        harness.send(.turn(.committed(message)))
        let kinds: [LiveViewText.Control] = (1...controls).map { $0 == 1 ? .init(kind: .textbox, label: "Title") : .init(kind: .button, label: "B\($0)") }
        var outline = HTMLOutline(html: "<h1>Board</h1>")
        outline.numberedControls = controls
        harness.send(.liveView(.redrawn(card, LiveViewText(outline: outline, controls: kinds, focusedControl: focused))))
        harness.press(.tab)
        _ = harness.takeEffects()
        return harness
    }

    /// A tall card's control below the fold comes into view when the view's focus moves to it.
    @Test func theFocusedControlIsScrolledIntoView() {
        var harness = Harness(width: 80, height: 20, messages: Fixtures.conversation)
        harness.send(.turn(.committed(LiveCardReducerTests.boardResult())))
        func board(focused: Int?) -> LiveViewText {
            var outline = HTMLOutline(html: "<h1>Board</h1>")
            outline.blocks += (1...30).map { .paragraph([HTMLOutline.Inline("Row \($0) of the board")]) }
            outline.blocks.append(.field([HTMLOutline.Inline("[1]Title:", focused == 1 ? .focusedControl : .control)]))
            outline.numberedControls = 1
            return LiveViewText(outline: outline, controls: [.init(kind: .textbox, label: "Title")], focusedControl: focused)
        }
        harness.send(.turn(.committed(Fixtures.message(11, .assistant, "Here is the board."))))
        harness.send(.liveView(.redrawn(Self.card, board(focused: nil))))
        harness.press(.tab)
        #expect(!harness.lines().joined(separator: "\n").contains("[1]Title:"), "the control starts below the fold")
        harness.send(.liveView(.redrawn(Self.card, board(focused: 1))))
        #expect(harness.lines().joined(separator: "\n").contains("[1]Title:"), "focused, it is on screen:\n\(harness.lines().joined(separator: "\n"))")
    }

    @Test func twoDigitsTypedQuicklyFocusControlTwelve() {
        var harness = Self.drawn(controls: 12)
        let start = ContinuousClock.now
        harness.press(KeyEvent.char("1"))
        #expect(harness.takeEffects().isEmpty, "1 may be the start of 10, 11 or 12: it waits")
        #expect(harness.lines().joined().contains("another digit for 10–13, Enter for 1"), "the card says what it waits for:\n\(harness.lines().joined(separator: "\n"))")
        harness.send(.clockAdvanced(to: start))
        harness.press(KeyEvent.char("2"))
        #expect(harness.takeEffects() == [.liveViewInput(Self.card, .focus(12))])
        #expect(harness.state.nextClockTick(now: start) == nil, "nothing waits: the loop sleeps")
    }

    @Test func aLoneDigitIsTakenAfterThePauseWithOneWakeUp() {
        var harness = Self.drawn(controls: 12)
        let start = ContinuousClock.now
        #expect(harness.state.nextClockTick(now: start) == nil, "an idle card wakes nothing")
        harness.press(KeyEvent.char("1"))
        #expect(harness.state.nextClockTick(now: start) == start, "the loop is asked for the time at once")
        harness.send(.clockAdvanced(to: start))
        #expect(harness.state.nextClockTick(now: start) == start + TypedNumber.pause, "then wakes once, when the pause ends")
        harness.send(.clockAdvanced(to: start + .milliseconds(100)))
        #expect(harness.takeEffects().isEmpty)
        harness.send(.clockAdvanced(to: start + TypedNumber.pause))
        #expect(harness.takeEffects() == [.liveViewInput(Self.card, .focus(1))])
        #expect(harness.state.nextClockTick(now: start + TypedNumber.pause) == nil)
    }

    @Test func enterTakesTheNumberAtOnceAndIsNotPressed() {
        var harness = Self.drawn(controls: 12)
        harness.press(KeyEvent.char("1"))
        harness.press(.enter)
        #expect(harness.takeEffects() == [.liveViewInput(Self.card, .focus(1))])
        // Its text box now has the focus: digits are text.
        harness.press(KeyEvent.char("7"))
        #expect(harness.takeEffects() == [.liveViewInput(Self.card, .typed("7"))])
    }

    @Test func aNumberThatCannotGrowIsTakenAtOnceAndEscForgetsAWaitingOne() {
        var harness = Self.drawn(controls: 12)
        harness.press(KeyEvent.char("3"))
        #expect(harness.takeEffects() == [.liveViewInput(Self.card, .focus(3))])
        harness.press(KeyEvent.char("1"))
        harness.press(.escape)
        #expect(harness.takeEffects().isEmpty && harness.state.cards.typedNumber == nil && harness.state.cards.focused == nil)
    }

    /// The result's link comes after the view's controls: [13], never a second [1].
    @Test func linksAreNumberedAfterTheControlsAndTheirNumberAsksToOpen() {
        var harness = Self.drawn(controls: 12)
        let screen = harness.lines().joined(separator: "\n")
        #expect(screen.contains("[13] https://example.org/notes") && !screen.contains("[1] https://example.org/notes"), "\(screen)")
        harness.press(KeyEvent.char("1"))
        harness.press(KeyEvent.char("3"))
        #expect(harness.lines().joined().contains("Open a page on example.org?"))
        harness.press(.escape)
        harness.press(KeyEvent.char("1"))
        harness.press(KeyEvent.char("4"))
        #expect(harness.state.flash?.text == "This card has no [14]; its numbers go from 1 to 13.")
    }

    /// A stored card's view starting again (after a restart) says so until it draws.
    @Test func aViewStartingSaysSoUntilItDraws() {
        var harness = Harness(width: 80, height: 30, messages: Fixtures.conversation)
        var message = LiveCardReducerTests.boardResult()
        var result = message.blocks[0].decoded(ToolResult.self)!
        result.presentation?.attachments[0].outline = HTMLOutline(html: "<h1>Board</h1>").json
        message.blocks[0] = TurnHistory.resultBlock(result)
        harness.send(.turn(.committed(message)))
        let starting = harness.lines().joined(separator: "\n")
        #expect(starting.contains(TranscriptLayout.viewStarting) && !starting.contains("starts when its card is shown"),
                "the card says it is starting, in place of the note for a view not started:\n\(starting)")
        harness.send(.liveView(.redrawn(Self.card, LiveViewText(outline: HTMLOutline(html: "<h1>Board</h1>"), controls: [.init(kind: .button, label: "Go")]))))
        #expect(!harness.lines().joined(separator: "\n").contains(TranscriptLayout.viewStarting))
    }
}
