import ConnectorMenu
import ConversationModel
import Foundation
import Testing
@testable import ChatFeatures

/// Questions wait for a deliberate answer: keys typed before a question was drawn plus the
/// grace stay in the composer, they queue oldest first, and none is left unanswered.
@Suite struct QuestionReducerTests {
    static let schema = JSONValue.parse(#"{"type":"object","properties":{"note":{"type":"string"}}}"#)!

    static func elicitation(_ id: String, from connector: String = "tracker") -> Action {
        .elicitationNeeded(ElicitationRequest(id: id, connector: connector, message: "Question \(id)", schema: schema))
    }

    func started() -> Harness {
        var harness = Harness(width: 72, height: 24, messages: Fixtures.conversation, modelName: "anthropic/claude-sonnet-4-5")
        harness.type("File it")
        harness.press(.enter)
        _ = harness.takeEffects()
        return harness
    }

    @Test func keysBeforeTheCardWasDrawnPlusTheGraceStayInTheComposer() {
        var harness = started()
        harness.send(.approvalNeeded(TurnReducerTests.request()))
        harness.type("ya")
        let drawn = ContinuousClock.now
        harness.send(.questionDrawn(at: drawn))
        harness.type("y")
        harness.send(.clockAdvanced(to: drawn + .milliseconds(399)))
        harness.type("a")
        #expect(harness.state.composer.field.text == "yaya", "the person was typing their next message")
        #expect(!harness.takeEffects().contains { if case .decideApproval = $0 { true } else { false } })
        #expect(harness.lines().contains { $0.contains("A moment: what you type still goes to your message") })

        harness.send(.clockAdvanced(to: drawn + QuestionQueue.grace))
        harness.press(.char("a"))
        #expect(harness.takeEffects().isEmpty, "always allowing a destructive tool asks once more")
        #expect(harness.lines().contains { $0.contains("Always allow this destructive tool") })
        harness.press(.char("a"))
        #expect(harness.takeEffects().isEmpty, "any key but y goes back to the choices")
        #expect(harness.state.questions.approvals.first?.focus == .choices)
        harness.press(.char("a"))
        harness.press(.char("y"))
        #expect(harness.takeEffects() == [.decideApproval(callID: "c1", .allowAlways(TurnReducerTests.request().call.arguments))])
        #expect(harness.state.composer.field.text == "yaya")
    }

    @Test func questionsQueueOldestFirstWithACountAndEachWaitsOutItsGrace() {
        var harness = Harness(width: 80, height: 30)
        for id in ["q1", "q2", "q3"] { harness.send(Self.elicitation(id)) }
        harness.drawQuestion()
        let screen = harness.lines().joined(separator: "\n")
        #expect(screen.contains("tracker asks · 2 more waiting") && screen.contains("Question q1"))
        harness.press(.escape)
        #expect(harness.takeEffects() == [.answerElicitation(id: "q1", .cancel)])
        harness.type("hi")
        #expect(harness.state.composer.field.text == "hi", "the next question has not been drawn yet")
        _ = harness.takeEffects()
        harness.drawQuestion()
        #expect(harness.lines().contains { $0.contains("tracker asks · 1 more waiting") })
        harness.press(.ctrl("d"))
        #expect(harness.takeEffects() == [.answerElicitation(id: "q2", .decline)])
        harness.drawQuestion()
        harness.type("ok")
        harness.press(.ctrl("s"))
        #expect(harness.takeEffects() == [.answerElicitation(id: "q3", .accept(.object(["note": .string("ok")])))])
        #expect(harness.state.questions.isEmpty)
        #expect(harness.state.composer.field.text == "hi")
    }

    @Test func aPanelOverTheCardHidesItAndItsGraceStartsAgain() {
        var harness = started()
        harness.send(.approvalNeeded(TurnReducerTests.request()))
        harness.drawQuestion()
        harness.send(.exportNeedsConfirmation(path: nil, connectors: ["tracker"]))
        #expect(harness.state.visibleQuestion == nil)
        harness.press(.char("n"))
        #expect(harness.state.overlay == nil, "the panel had the key")
        harness.press(.char("y"))
        #expect(harness.takeEffects() == [.saveDraft(1, "y")], "the card was covered: it waits to be drawn again")
        harness.drawQuestion()
        harness.press(.char("y"))
        #expect(harness.takeEffects() == [.decideApproval(callID: "c1", .allowOnce(TurnReducerTests.request().call.arguments))])
    }

    @Test func aServerThatLeavesOrATurnThatStopsGetsCancelForWhatItAsked() {
        var harness = started()
        harness.send(.approvalNeeded(TurnReducerTests.request()))
        harness.send(Self.elicitation("t1"))
        harness.send(Self.elicitation("o1", from: "other"))
        var failed = ConnectorInfo(name: "tracker", transport: "stdio", address: "tracker-server")
        failed.health = .failed
        harness.send(.connectorChanged(failed))
        #expect(harness.takeEffects() == [.decideApproval(callID: "c1", .deny(reason: "Not answered: tracker disconnected.")),
                                          .answerElicitation(id: "t1", .cancel)])
        #expect(harness.state.questions.waiting.count == 1)
        harness.send(.turnEnded(.completed))
        #expect(harness.takeEffects() == [.answerElicitation(id: "o1", .cancel)])
        #expect(harness.state.questions.isEmpty)
    }
}
