import ConversationModel
import Testing
import ToolCards
@testable import ChatFeatures
@testable import TerminalUI

/// Live cards through the reducer: a result with an MCP Apps view opens it, its text is kept with
/// the message, and keys on the drawn card become input for the view.
@Suite struct LiveCardReducerTests {
    static let card = CardAddress(message: 10, block: 0)

    static func boardResult() -> Message {
        let view = ResultAttachment(kind: .view, uri: "ui://live/board", mimeType: LiveViewKind.mimeType, note: "Live view: starts when its card is shown or focused; showing the result.")
        let presentation = ToolPresentation(tool: "live__release_board", connector: "live", title: "release_board",
                                            arguments: .object([:]), isReadOnly: false, attachments: [view])
        let result = ToolResult(callID: "c", content: "{\"open\": 3}", isError: false, structured: .object(["open": .number(3)]), presentation: presentation)
        return Message(id: 10, conversationID: 1, role: .tool, status: .complete, createdAt: Fixtures.date, blocks: [TurnHistory.resultBlock(result)])
    }

    static let text = LiveViewText(outline: HTMLOutline(html: "<h1>Release board</h1><p>[1] Title: [___]</p>"),
                                   controls: [.init(kind: .textbox, label: "Title"), .init(kind: .button, label: "File issue")])

    func committed() -> Harness {
        var harness = Harness(width: 80, height: 30, messages: Fixtures.conversation)
        harness.send(.turn(.committed(Self.boardResult())))
        return harness
    }

    @Test func aCommittedResultWithAViewOpensItOnce() {
        var harness = committed()
        let effects = harness.takeEffects()
        guard case .openLiveView(let request)? = effects.first else { Issue.record("no openLiveView in \(effects)"); return }
        #expect(request.card == Self.card && request.connector == "live" && request.uri == "ui://live/board")
        #expect(request.result["structuredContent"] == .object(["open": .number(3)]))
        harness.send(.turn(.committed(Self.boardResult())))
        #expect(harness.takeEffects().isEmpty, "a view already opening is not opened twice")
    }

    @Test func theDrawnTextIsKeptWithTheMessageAndKeysGoToTheView() {
        var harness = committed()
        _ = harness.takeEffects()
        harness.send(.liveView(.redrawn(Self.card, Self.text)))
        guard case .updateMessage(let stored)? = harness.takeEffects().first,
              let result = stored.blocks[0].decoded(ToolResult.self) else { Issue.record("the message was not stored again"); return }
        #expect(result.presentation?.attachments.first?.note == nil)
        #expect(harness.lines().joined(separator: "\n").contains("Release board"))

        harness.press(.tab)
        #expect(harness.state.inputMode == .liveCard)
        harness.press(.tab)
        harness.press(KeyEvent.char("2"))
        harness.press(.enter)
        harness.press(KeyEvent.char(" "))
        harness.press(.ctrl("r"))
        // A digit is a control's number (the card has two, so 2 cannot grow into 2x: it is taken at once).
        #expect(harness.takeEffects() == [.liveViewInput(Self.card, .nextControl), .liveViewInput(Self.card, .focus(2)),
                                          .liveViewInput(Self.card, .key(.enter)), .liveViewInput(Self.card, .typed(" ")),
                                          .liveViewInput(Self.card, .reload)])
        harness.press(.escape)
        #expect(harness.state.cards.focused == nil)
    }

    @Test func aFailureSaysWhyAndTheCardKeepsItsOwnKeys() {
        var harness = committed()
        _ = harness.takeEffects()
        harness.send(.liveView(.failed(Self.card, "no browser at /nonexistent: install Debian's chromium")))
        #expect(harness.lines().joined(separator: "\n").contains("install Debian's chromium"))
        harness.press(.tab)
        #expect(harness.state.inputMode == .cards)
    }

    /// The view is told whether its message went through: into an empty composer it does; over a
    /// draft it asks, and a no tells the view it did not.
    @Test func aViewsMessageLandsInTheComposerAndTheViewIsTold() {
        var harness = committed()
        _ = harness.takeEffects()
        harness.send(.liveView(.message("Summarise the release board", request: "m1")))
        #expect(harness.state.composer.field.text == "Summarise the release board")
        #expect(harness.takeEffects().contains(.answerViewRequest("m1", accepted: true)))
        harness.send(.liveView(.message("Another", request: "m2")))
        harness.press(KeyEvent(.escape))
        #expect(harness.takeEffects() == [.answerViewRequest("m2", accepted: false)])
        #expect(harness.state.composer.field.text == "Summarise the release board", "the draft stays")
    }
}

extension LiveCardReducerTests {
    /// A view's call asks even with no turn running (a turn's approvals are dropped once it ended).
    @Test func aViewsCallAsksWithNoTurnRunning() {
        var harness = committed()
        _ = harness.takeEffects()
        let tool = CatalogTool(definition: ToolDefinition(name: "live__file_issue", description: "Files an issue", inputSchema: .object([:])),
                               connector: "live", title: "file_issue", isReadOnly: false, isDestructive: false, tokenCost: 10)
        let request = ApprovalRequest(call: ToolCall(id: "view-1", name: "live__file_issue", arguments: .object([:])), tool: tool)
        harness.send(.liveView(.approvalNeeded(request)))
        #expect(harness.lines().last?.contains("Ctrl-Y allows; any other key refuses") == true,
                "the status line names the key that allows it, not y: \(harness.lines().last ?? "")")
        harness.press(KeyEvent.ctrl("y"))
        #expect(harness.takeEffects() == [.decideApproval(callID: "view-1", .allowOnce(.object([:])))])
        harness.send(.liveView(.approvalNeeded(request)))
        harness.press(KeyEvent(.escape))
        #expect(harness.takeEffects() == [.decideApproval(callID: "view-1", .deny(reason: nil))], "a no answers the view too: it never waits for ever")
    }

    /// A view's question may appear while the person types: a typed y refuses it like any other key and
    /// goes on into the composer; a second question from a view before the first is answered is refused.
    @Test func aTypedYNeverAllowsAViewsCallAndOneQuestionAtATime() {
        var harness = committed()
        _ = harness.takeEffects()
        let tool = CatalogTool(definition: ToolDefinition(name: "live__wipe", description: "", inputSchema: .object([:])),
                               connector: "live", title: "Look up (read-only)", isReadOnly: false, isDestructive: true, tokenCost: 10)
        let first = ApprovalRequest(call: ToolCall(id: "view-1", name: "live__wipe", arguments: .object([:])), tool: tool)
        let second = ApprovalRequest(call: ToolCall(id: "view-2", name: "live__wipe", arguments: .object([:])), tool: tool)
        harness.send(.liveView(.approvalNeeded(first)))
        #expect(harness.lines().joined().contains("live · wipe (“Look up (read-only)”)"), "the tool's own name comes first")
        harness.send(.liveView(.approvalNeeded(second)))
        #expect(harness.takeEffects() == [.decideApproval(callID: "view-2", .deny(reason: nil))])
        harness.type("y")
        #expect(harness.takeEffects().first == .decideApproval(callID: "view-1", .deny(reason: nil)))
        #expect(harness.state.composer.field.text == "y", "the y went on to where it was typed")

        harness.send(.liveView(.openLink("javascript:alert(1)", request: "l1")))
        #expect(harness.state.overlay == nil && harness.state.flash?.text.contains("is not a web address") == true)
        #expect(harness.takeEffects() == [.answerViewRequest("l1", accepted: false)], "the view is told it was not opened")
    }

    /// A view's message or link while another of its questions waits is refused, and the view told so.
    @Test func aViewsRequestsWhileItsQuestionWaitsAreToldNo() {
        var harness = committed()
        _ = harness.takeEffects()
        harness.send(.liveView(.openLink("https://tracker.example/i/7", request: "l1")))
        harness.send(.liveView(.message("clicked", request: "m1")))
        harness.send(.liveView(.openLink("https://evil.example/", request: "l2")))
        #expect(harness.takeEffects() == [.answerViewRequest("m1", accepted: false), .answerViewRequest("l2", accepted: false)])
        harness.press(KeyEvent.ctrl("y"))
        #expect(harness.takeEffects() == [.openLink("https://tracker.example/i/7"), .answerViewRequest("l1", accepted: true)])
    }
}
