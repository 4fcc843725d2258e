import ConversationModel
import Foundation
import Testing
@testable import ChatFeatures
@testable import TerminalUI

/// Ctrl-C around a turn, the waiting spinner's clock, `/quit`'s draft, `/new`'s tool cost,
/// and the escape sequences ncurses leaves undecoded.
@Suite struct TurnKeysReducerTests {
    func answering(typed: String = "") -> Harness {
        var harness = Harness(width: 72, height: 24, messages: Fixtures.conversation, modelName: "anthropic/claude-sonnet-4-5")
        harness.type("Think")
        harness.press(.enter)
        harness.type(typed)
        _ = harness.takeEffects()
        return harness
    }

    func status(_ harness: Harness) -> String {
        harness.lines().first { $0.contains("Assistant") && ($0.contains("answering") || $0.contains("stopping")) } ?? ""
    }

    @Test func ctrlCWhileAnsweringStopsTheAnswerAndASecondQuits() {
        var harness = answering()
        harness.press(.ctrl("c"))
        #expect(harness.takeEffects() == [.cancelTurn])
        #expect(!harness.state.isQuitting, "the app stays")
        harness.send(.turnEnded(.cancelled))
        #expect(harness.state.flash?.text == "Stopped. What had arrived is kept. Ctrl-C again quits.")
        harness.press(.ctrl("c"))
        #expect(harness.state.isQuitting)
    }

    @Test func ctrlCKeepsTheMessageWhileStoppingAndAnotherKeyDisarmsIt() {
        var harness = answering(typed: "next")
        harness.press(.ctrl("c"))
        #expect(harness.takeEffects() == [.cancelTurn])
        #expect(harness.state.composer.field.text == "next")
        harness.send(.turnEnded(.cancelled))
        harness.press(.right)
        harness.press(.ctrl("c"))
        #expect(!harness.state.isQuitting, "not twice in a row: it clears the message")
        #expect(harness.state.composer.field.text == "")
        #expect(harness.state.flash?.text.contains("Ctrl-C again quits") == true)
        harness.press(.ctrl("y"))
        #expect(harness.state.composer.field.text == "next", "Ctrl-Y brings it back")
        harness.press(.ctrl("c"))
        harness.press(.ctrl("c"))
        #expect(harness.state.isQuitting)
    }

    @Test func ctrlCWhileStillStoppingClearsTheMessageThenWaits() {
        var harness = answering(typed: "next")
        harness.press(.escape)
        #expect(harness.takeEffects() == [.cancelTurn])
        harness.press(.ctrl("c"))
        #expect(harness.state.composer.field.text == "", "the answer is already stopping: the message is cleared")
        #expect(harness.takeEffects().allSatisfy { if case .cancelTurn = $0 { false } else { true } })
        harness.press(.right)
        harness.press(.ctrl("c"))
        #expect(!harness.state.isQuitting, "a turn is still running")
        #expect(harness.state.flash?.text == "Still stopping the answer. Ctrl-C again quits.")
        harness.press(.ctrl("c"))
        #expect(harness.state.isQuitting)
    }

    @Test func ctrlCWithNothingToStopOrClearQuits() {
        var harness = Harness()
        harness.press(.ctrl("c"))
        #expect(harness.state.isQuitting)
    }

    @Test func ctrlCOnAnApprovalCardStopsTheTurnAndASecondQuits() {
        var harness = answering()
        harness.send(.approvalNeeded(TurnReducerTests.request()))
        harness.drawQuestion()
        harness.press(.ctrl("c"))
        #expect(harness.takeEffects().contains(.cancelTurn))
        #expect(!harness.state.isQuitting)
        harness.press(.ctrl("c"))
        #expect(harness.state.isQuitting)
    }

    @Test func quitSavesTheEmptyDraft() {
        var harness = Harness()
        harness.type("/quit")
        _ = harness.takeEffects()
        harness.press(.enter)
        #expect(harness.state.isQuitting)
        #expect(harness.takeEffects() == [.saveDraft(1, "")], "“/quit” does not come back as the next draft")
    }

    @Test func openingAConversationForgetsTheLastOnesToolCost() {
        var harness = answering()
        harness.send(.turn(.toolsLoaded(upFront: 3, deferred: 0, tokens: 1200)))
        #expect(harness.state.toolTokens == 1200)
        let next = Conversation(id: 2, title: "New conversation", titleIsCustom: false, createdAt: Fixtures.date, updatedAt: Fixtures.date, draft: "")
        harness.send(.conversationOpened(ConversationSnapshot(conversation: next, messages: [], hasEarlier: false, inputHistory: [], connectorUses: [:])))
        #expect(harness.state.toolTokens == nil)
        harness.send(.turn(.toolsLoaded(upFront: 3, deferred: 0, tokens: 1200)))
        #expect(harness.state.toolTokens == nil, "the turn still running belongs to the other conversation")
        #expect(!harness.lines()[0].contains("tok"))
    }

    @Test func aWaitingTurnGetsTheTimeAndShowsASpinnerAndSecondsAfterOne() {
        let start = ContinuousClock.now
        var idle = Harness()
        #expect(idle.state.nextClockTick(now: start) == nil, "nothing waits: the loop sleeps")
        idle.type("hello")
        #expect(idle.state.nextClockTick(now: start) == nil)

        var harness = answering()
        #expect(harness.state.nextClockTick(now: start) == start, "a turn that was never told the time is due at once")
        #expect(status(harness).contains("answering… Esc stops"))
        harness.send(.clockAdvanced(to: start))
        #expect(harness.state.nextClockTick(now: start) == start + TurnState.tick)
        harness.send(.clockAdvanced(to: start + .milliseconds(900)))
        #expect(status(harness).contains("answering… Esc stops"), "under a second: no spinner yet")
        harness.send(.clockAdvanced(to: start + .milliseconds(1500)))
        let early = status(harness)
        #expect(early.contains("answering… 1s · Esc stops"))
        harness.send(.clockAdvanced(to: start + .milliseconds(7750)))
        let late = status(harness)
        #expect(late.contains("answering… 7s · Esc stops"))
        #expect(early.first { TurnLines.spinner.contains($0) } != late.first { TurnLines.spinner.contains($0) }, "the spinner turns")
        harness.send(.turnEnded(.completed))
        #expect(harness.state.nextClockTick(now: start) == nil)
    }

    @Test func aRunningToolCountsItsOwnSecondsAndAnApprovalStopsTheTicks() {
        let start = ContinuousClock.now
        var harness = answering()
        harness.send(.clockAdvanced(to: start))
        harness.send(.turn(.toolStarted(ToolCall(id: "c1", name: "tracker__search", arguments: .object([:])))))
        #expect(harness.state.nextClockTick(now: start + .seconds(3)) == start + .seconds(3), "a new call is told the time at once")
        harness.send(.clockAdvanced(to: start + .seconds(3)))
        harness.send(.clockAdvanced(to: start + .milliseconds(5200)))
        #expect(harness.lines().contains { $0.contains("tracker · search  running 2s") })
        harness.send(.approvalNeeded(TurnReducerTests.request()))
        #expect(harness.state.nextClockTick(now: start) == nil, "waiting for the person: only the grace, once drawn, wakes the loop")
    }

    @Test func escapeSequencesNcursesDoesNotKnow() {
        #expect(EscapeSequence.key(introducer: "[", body: "4~") == KeyEvent(.end))
        #expect(EscapeSequence.key(introducer: "[", body: "8~") == KeyEvent(.end))
        #expect(EscapeSequence.key(introducer: "[", body: "1~") == KeyEvent(.home))
        #expect(EscapeSequence.key(introducer: "[", body: "7~") == KeyEvent(.home))
        #expect(EscapeSequence.key(introducer: "[", body: "H") == KeyEvent(.home))
        #expect(EscapeSequence.key(introducer: "O", body: "F") == KeyEvent(.end))
        #expect(EscapeSequence.key(introducer: "[", body: "1;5F") == KeyEvent(.end, control: true))
        #expect(EscapeSequence.key(introducer: "[", body: "99~") == nil)
        #expect(EscapeSequence.key(introducer: "[", body: "?1;2c") == nil)
        #expect(EscapeSequence.key(introducer: "O", body: "Z") == nil)
        #expect(EscapeSequence.isFinal("~") && !EscapeSequence.isFinal(";"))
    }
}
