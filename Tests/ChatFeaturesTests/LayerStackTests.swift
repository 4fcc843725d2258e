import ConnectorMenu
import ConversationModel
import Foundation
import Testing
@testable import ChatFeatures

/// The screen is the transcript plus a stack of layers: a layer pushed over another keeps the
/// one below as it was, and what a layer says wraps at a narrow width instead of being cut.
@Suite struct LayerStackTests {
    @Test func signInPushesOverTheConnectorsPanelAndEscReturnsToItAsItWas() {
        var harness = Harness(width: 80, height: 20)
        for name in ["alpha", "beta", "linear", "zeta"] {
            var info = ConnectorInfo(name: name, transport: "http", address: "https://\(name).example/mcp")
            info.health = .needsSignIn
            harness.send(.connectorChanged(info))
        }
        harness.press(.ctrl("o"))
        harness.press(.down)
        harness.press(.down)
        harness.press(.enter)
        harness.press(.char("s"))
        #expect(harness.takeEffects() == [.openConnectors(named: ""), .startConnector("linear"), .signIn("linear")], "its details start it; s signs in")
        #expect(harness.state.layers.count == 2, "the card is pushed, the panel kept under it")
        harness.press(.escape)
        #expect(harness.takeEffects() == [.cancelSignIn("linear")])
        guard case .connectors(let panel)? = harness.state.overlay else { Issue.record("the panel is gone"); return }
        #expect(panel.mode == .details("linear"))
        harness.press(.escape)
        guard case .connectors(let list)? = harness.state.overlay else { Issue.record("the panel is gone"); return }
        #expect(list.list.selected == 2, "the selection survives the sign-in")
    }

    /// A confirmation that arrives while a panel is open (an export, a view's call) covers the
    /// panel rather than closing it.
    @Test func aConfirmationIsPushedOverWhatIsOpenAndAnswerRevealsIt() {
        var harness = Harness(width: 80, height: 20)
        harness.type("/help")
        harness.press(.enter)
        harness.press(.down)
        _ = harness.takeEffects()
        guard case .help(let help)? = harness.state.overlay else { Issue.record("no help"); return }
        harness.send(.exportNeedsConfirmation(path: nil, connectors: ["tasks"]))
        #expect(harness.state.layers.count == 2 && harness.state.inputMode == .confirm)
        harness.press(.char("n"))
        #expect(harness.state.overlay == .help(help), "the panel below is as it was")
        harness.send(.exportNeedsConfirmation(path: nil, connectors: ["tasks"]))
        harness.press(.char("y"))
        #expect(harness.takeEffects() == [.exportConversation(1, path: nil, confirmed: true)])
        #expect(harness.state.overlay == .help(help))
    }

    @Test func theApprovalConfirmationAndTheDenyReasonWrapAtFiftyColumns() {
        var harness = Harness(width: 50, height: 24, messages: Fixtures.conversation, modelName: "anthropic/claude-sonnet-4-5")
        harness.type("File it")
        harness.press(.enter)
        harness.send(.approvalNeeded(TurnReducerTests.request()))
        harness.drawQuestion()
        harness.press(.char("a"))
        var screen = harness.lines().joined(separator: " ").replacingOccurrences(of: "│", with: " ")
        var words = screen.split(separator: " ").joined(separator: " ")
        #expect(words.contains("Always allow this destructive tool in this conversation, without asking?"))
        #expect(words.contains("y always allows it · any other key goes back"))
        harness.press(.char("x"))
        harness.press(.char("n"))
        screen = harness.lines().joined(separator: " ").replacingOccurrences(of: "│", with: " ")
        words = screen.split(separator: " ").joined(separator: " ")
        #expect(words.contains("Enter denies and tells the model · Esc goes back"))
    }

    @Test func helpDescriptionsWrapAtFiftyColumns() {
        var harness = Harness(width: 50, height: 40)
        harness.type("/help")
        harness.press(.enter)
        let screen = harness.lines().joined(separator: " ").replacingOccurrences(of: "│", with: " ")
        let words = screen.split(separator: " ").joined(separator: " ")
        #expect(words.contains("Switch, search, rename or delete conversations"))
    }
}
