import ConversationModel
import Testing
import TerminalUI
@testable import ChatFeatures

/// A call a live view made: Esc leaves the card and says it still runs; Esc again stops it.
@Suite struct ViewCallReducerTests {
    static let card = LiveCardReducerTests.card

    func drawnAndFocused() -> Harness {
        var harness = Harness(width: 80, height: 30, messages: Fixtures.conversation)
        harness.send(.turn(.committed(LiveCardReducerTests.boardResult())))
        harness.send(.liveView(.redrawn(Self.card, LiveCardReducerTests.text)))
        harness.press(.tab)
        _ = harness.takeEffects()
        return harness
    }

    @Test func aSecondEscStopsTheCallAndOnlyWhileItRuns() {
        var harness = drawnAndFocused()
        harness.send(.liveView(.callStarted(Self.card)))
        harness.press(.escape)
        #expect(harness.state.cards.focused == nil)
        #expect(harness.state.flash?.text.contains("Esc again stops it") == true)
        #expect(harness.takeEffects().isEmpty, "leaving the card stops nothing")
        harness.press(.escape)
        #expect(harness.takeEffects() == [.cancelViewCalls(Self.card)])

        harness.send(.liveView(.callEnded(Self.card)))
        harness.press(.escape)
        #expect(harness.takeEffects().isEmpty, "with no call running Esc stops nothing")
    }

    @Test func callsOfAnotherConversationsCardsAreLeftAlone() {
        var harness = drawnAndFocused()
        harness.press(.escape)
        harness.send(.liveView(.callStarted(CardAddress(message: 999, block: 0))))
        harness.press(.escape)
        #expect(harness.takeEffects().isEmpty)
    }

    /// A focused live card keeps Tab for its controls, yet the other cards stay reachable: Alt-↑ and
    /// Alt-↓ move between cards as ↑/↓ do on a plain one, and the card says so (not "Enter collapses").
    @Test func aLiveCardLetsTheKeysReachTheOtherCards() {
        let plain = ToolResult(callID: "p", content: "Sunny", isError: false)
        let earlier = Message(id: 9, conversationID: 1, role: .tool, status: .complete, createdAt: Fixtures.date.addingTimeInterval(-60),
                              blocks: [TurnHistory.resultBlock(plain)])
        var harness = Harness(width: 80, height: 30, messages: [earlier, LiveCardReducerTests.boardResult()])
        harness.press(.tab)
        #expect(harness.state.cards.focused == Self.card)
        harness.send(.liveView(.redrawn(Self.card, LiveCardReducerTests.text)))
        let screen = harness.lines().joined(separator: "\n")
        #expect(screen.contains("Alt-↑ / Alt-↓ other cards") && !screen.contains("collapses"), "\(screen)")
        harness.press(KeyEvent.alt(.up))
        #expect(harness.state.cards.focused == CardAddress(message: 9, block: 0), "Alt-↑ left the live card for the one above")
        harness.press(KeyEvent.alt(.down))
        #expect(harness.state.cards.focused == Self.card)
    }

    /// At 50 columns the live card's hint is cut, yet the way out stays in it.
    @Test func aNarrowLiveCardStillSaysHowToLeave() {
        var harness = Harness(width: 50, height: 20, messages: [LiveCardReducerTests.boardResult()])
        harness.press(.tab)
        harness.send(.liveView(.redrawn(Self.card, LiveCardReducerTests.text)))
        let screen = harness.lines().joined(separator: "\n")
        #expect(screen.contains("Esc back"), "\(screen)")
    }

    /// A paste while a live card has the keys goes to the view's focused field, not into the composer out of sight.
    @Test func aPasteOnALiveCardGoesToTheView() {
        var harness = drawnAndFocused()
        harness.send(.input(.paste("line one\r\nline two 漢字")))
        #expect(harness.takeEffects() == [.liveViewInput(Self.card, .pasted("line one\nline two 漢字"))])
        #expect(harness.state.composer.field.text.isEmpty)
    }
}
