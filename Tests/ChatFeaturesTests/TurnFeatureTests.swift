import Testing
import ConversationModel
import TestSupport
@testable import ChatFeatures
@testable import TerminalUI

/// `TurnFeature.reduce` on the turn alone: how it follows its events, and what it asks of the app.
@Suite struct TurnFeatureTests {
    typealias Feature = TurnFeature

    private func context(onScreen: ConversationID = 1, quitArmed: Bool = false) -> Feature.Context {
        Feature.Context(keymap: .standard, conversationOnScreen: onScreen, quitArmed: quitArmed)
    }

    private func answer(_ id: MessageID, in conversation: ConversationID = 1) -> Message {
        Message(id: id, conversationID: conversation, role: .assistant, status: .complete, createdAt: Fixtures.date, blocks: [.text("Done.")])
    }

    @Test func streamedTextGathersUntilTheAnswerIsStoredAndShownOnlyWhereItBelongs() {
        var turn: Feature.State = TurnState(conversationID: 1)
        _ = Feature.reduce(&turn, .event(.textDelta("Do")), context: context())
        _ = Feature.reduce(&turn, .event(.textDelta("ne.")), context: context())
        _ = Feature.reduce(&turn, .event(.toolStarted(ToolCall(id: "c1", name: "notes__add", arguments: .object([:])))), context: context())
        #expect(turn?.streamingText == "Done." && turn?.activity.count == 1)
        #expect(Feature.reduce(&turn, .event(.committed(answer(5))), context: context()) == [.show(answer(5))])
        #expect(turn?.streamingText == "" && turn?.activity.isEmpty == true)
        #expect(Feature.reduce(&turn, .event(.committed(answer(6, in: 2))), context: context()).isEmpty,
                "a turn running in another conversation does not write into the one on screen")
    }

    @Test func aCallsProgressIsFollowedAndItsEndReleasesItsApprovalCard() {
        var turn: Feature.State = TurnState(conversationID: 1)
        _ = Feature.reduce(&turn, .event(.toolStarted(ToolCall(id: "c1", name: "notes__add", arguments: .object([:])))), context: context())
        _ = Feature.reduce(&turn, .event(.toolProgress(callID: "c1", done: 1, total: 4, message: "uploading")), context: context())
        #expect(turn?.activity.first?.done == 1 && turn?.activity.first?.message == "uploading")
        let finished = Feature.reduce(&turn, .event(.toolFinished(ToolResult(callID: "c1", content: "no", isError: true))), context: context())
        #expect(finished == [.callFinished(callID: "c1")])
        #expect(turn?.activity.first?.isFinished == true && turn?.activity.first?.isError == true)
        #expect(Feature.reduce(&turn, .event(.toolFinished(ToolResult(callID: "gone", content: "", isError: false))), context: context())
            == [.callFinished(callID: "gone")], "a card waiting for a call the turn no longer shows still goes")
    }

    @Test func whatTheToolsCostIsToldOnlyForTheConversationOnScreen() {
        var turn: Feature.State = TurnState(conversationID: 1)
        _ = Feature.reduce(&turn, .event(.waitingForConnectors(["notes"])), context: context())
        #expect(turn?.waitingFor == ["notes"])
        #expect(Feature.reduce(&turn, .event(.toolsLoaded(upFront: 3, deferred: 0, tokens: 420)), context: context()) == [.toolTokens(420)])
        #expect(turn?.waitingFor.isEmpty == true)
        #expect(Feature.reduce(&turn, .event(.toolsLoaded(upFront: 3, deferred: 0, tokens: 420)), context: context(onScreen: 2)).isEmpty)
    }

    @Test func theClockStartsTheTurnAndItsCalls() {
        var turn: Feature.State = TurnState(conversationID: 1)
        #expect(turn?.needsTime == true)
        let now = ContinuousClock.now
        #expect(Feature.reduce(&turn, .clock(now), context: context()).isEmpty)
        #expect(turn?.startedAt == now && turn?.needsTime == false)
        var none: Feature.State = nil
        #expect(Feature.reduce(&none, .clock(now), context: context()).isEmpty && none == nil)
    }

    @Test func aStoppedTurnEndsItsQuestionsThenSaysSoAndThatAnotherCtrlCQuits() {
        var turn: Feature.State = TurnState(conversationID: 1, isCancelling: true)
        let asked = Feature.reduce(&turn, .ended(.cancelled), context: context(quitArmed: true))
        #expect(turn == nil)
        #expect(asked == [.cancelQuestions(reason: "the turn ended"), .flash("Stopped. What had arrived is kept. Ctrl-C again quits.", isError: false)])
        var cancelled: Feature.State = TurnState(conversationID: 1)
        #expect(Feature.reduce(&cancelled, .ended(.cancelled), context: context()).last == .flash("The turn was cancelled.", isError: false))
    }

    @Test func aFailedTurnSaysWhyAsAnError() {
        var turn: Feature.State = TurnState(conversationID: 1)
        #expect(Feature.reduce(&turn, .ended(.failed("The provider refused.")), context: context())
            == [.cancelQuestions(reason: "the turn ended"), .flash("The provider refused.", isError: true)])
        var done: Feature.State = TurnState(conversationID: 1)
        #expect(Feature.reduce(&done, .ended(.completed), context: context()) == [.cancelQuestions(reason: "the turn ended")])
    }

    @Test func aTurnStartsInItsConversationAndIsAbandonedWhenSendingFailsFirst() {
        var turn: Feature.State = nil
        #expect(Feature.reduce(&turn, .start(2), context: context()).isEmpty)
        #expect(turn == TurnState(conversationID: 2))
        #expect(Feature.reduce(&turn, .abandon, context: context()).isEmpty, "no outcome to tell: the message is back in the composer")
        #expect(turn == nil)
    }

    @Test func stoppingMarksTheTurnUntilItsEndIsReported() {
        var turn: Feature.State = TurnState(conversationID: 1)
        #expect(Feature.reduce(&turn, .stop, context: context()).isEmpty)
        #expect(turn?.isCancelling == true)
        var none: Feature.State = nil
        _ = Feature.reduce(&none, .stop, context: context())
        #expect(none == nil, "no turn, nothing to stop")
    }
}
