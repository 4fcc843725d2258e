import ConversationModel
import Testing
import ToolCards
@testable import ChatFeatures
@testable import TerminalUI

/// What a live card does with a key before its view has drawn, with a key its table refuses, with
/// Alt-o, and with its stored rows once the live text shows.
@Suite struct LiveCardKeyTableTests {
    typealias Live = LiveCardReducerTests

    /// The board stored before a restart: focusing it starts its view again.
    func storedAndFocused() -> Harness {
        var harness = Harness(width: 80, height: 30, messages: Fixtures.conversation + [Live.boardResult()])
        harness.press(.tab)
        #expect(harness.takeEffects().contains { if case .openLiveView = $0 { true } else { false } }, "focusing the stored card starts its view")
        return harness
    }

    /// While "Starting the view…" shows, a letter is refused and says why: it once opened the plain card's actions.
    @Test func keysOnAStartingCardAreRefusedWithWhy() {
        var harness = storedAndFocused()
        let card = harness.lines().joined(separator: "\n")
        #expect(card.contains(TranscriptLayout.viewStarting) && card.contains("Esc back"), "\(card)")
        #expect(!card.contains("a actions") && !card.contains("expands"), "the plain card's keys are not offered:\n\(card)")
        let status = harness.lines().last ?? ""
        #expect(status.contains("Esc back") && !status.contains("controls") && !status.contains("reload"),
                "the status line offers no key the starting card refuses: \(status)")
        for key in [KeyEvent.char("a"), .char("o"), .char("m"), .char("2"), KeyEvent(.enter), KeyEvent(.tab)] {
            harness.press(key)
            #expect(harness.state.overlay == nil, "\(key.label) did nothing of the plain card's")
            #expect(harness.state.cards.focused == Live.card, "\(key.label) left the card in place")
            #expect(harness.state.flash?.text.contains("still starting") == true, "\(key.label) says why: \(harness.state.flash?.text ?? "nothing")")
        }
        #expect(harness.state.composer.field.text.isEmpty, "m put nothing in the message")
        #expect(harness.takeEffects().isEmpty, "nothing reached the view before it runs")
        // Once drawn, the same keys are the view's.
        harness.send(.liveView(.redrawn(Live.card, Live.text)))
        _ = harness.takeEffects()
        harness.press(.tab)
        #expect(harness.takeEffects() == [.liveViewInput(Live.card, .nextControl)])
        // The way out still works while it starts.
        var starting = storedAndFocused()
        starting.press(.escape)
        #expect(starting.state.cards.focused == nil)
    }

    /// A key the card's table binds to something a live card does not do is the card's, refused: it
    /// never types into the view's focused field.
    @Test func aKeyTheTableRefusesNeverTypesIntoTheView() {
        let keymap = Keymap.standard.rebinding([.init(layer: "live-card", key: "x", command: KeyCommand.toggleCard.name)]).keymap
        var harness = Harness(width: 80, height: 30, messages: Fixtures.conversation)
        let reducer = AppReducer(keymap: keymap, layout: harness.layout)
        func press(_ key: KeyEvent) -> [Effect] { reducer.reduce(&harness.state, .input(.key(key))) }
        _ = reducer.reduce(&harness.state, .turn(.committed(Live.boardResult())))
        _ = reducer.reduce(&harness.state, .liveView(.redrawn(Live.card, Live.text)))
        _ = press(KeyEvent(.tab))
        #expect(press(.char("1")) == [.liveViewInput(Live.card, .focus(1))], "the title box has the focus")
        #expect(press(.char("x")).isEmpty, "x is bound to toggle-card, which a live card does not do")
        #expect(harness.state.flash?.text.contains(KeyCommand.toggleCard.name) == true, "and it says so: \(harness.state.flash?.text ?? "nothing")")
        #expect(press(.char("y")) == [.liveViewInput(Live.card, .typed("y"))], "an unbound letter is typing for the view")
    }

    /// Alt-o lists the links the live view shows (its link controls, by their numbers) with the result's.
    @Test func altOListsTheViewsLinks() {
        var harness = Harness(width: 80, height: 30, messages: Fixtures.conversation)
        harness.send(.turn(.committed(Live.boardResult())))
        let text = LiveViewText(outline: HTMLOutline(html: "<h1>Release board</h1>"),
                                controls: [.init(kind: .button, label: "File issue"),
                                           .init(kind: .link, label: "Release notes", url: "https://example.org/notes")])
        harness.send(.liveView(.redrawn(Live.card, text)))
        harness.press(.tab)
        harness.press(.alt(.character("o")))
        guard case .confirm(let confirmation)? = harness.state.overlay else {
            Issue.record("the view's one link is not offered: \(String(describing: harness.state.overlay)), \(harness.state.flash?.text ?? "")")
            return
        }
        #expect(confirmation.question.contains("https://example.org/notes"), "opening it asks first")
    }

    static func issueResult() -> Message {
        let view = ResultAttachment(kind: .view, uri: "ui://tasks/issue", mimeType: LiveViewKind.mimeType, note: LiveViewKind.notStartedNote)
        let presentation = ToolPresentation(tool: "tasks__create_issue", connector: "tasks", title: "create_issue",
                                            arguments: .object([:]), isReadOnly: false, attachments: [view])
        let issue: JSONValue = .object(["issue": .object(["id": .number(1), "title": .string("Fix the login page"), "status": .string("todo")])])
        let result = ToolResult(callID: "c", content: "Created #1.", isError: false, structured: issue, presentation: presentation)
        return Message(id: 10, conversationID: 1, role: .tool, status: .complete, createdAt: Fixtures.date, blocks: [TurnHistory.resultBlock(result)])
    }

    /// The live text says the issue is done: the stored rows saying todo are not shown beside it.
    @Test func theLiveTextReplacesTheStoredRows() {
        var harness = Harness(width: 80, height: 40, messages: Fixtures.conversation)
        harness.send(.turn(.committed(Self.issueResult())))
        #expect(harness.lines().joined(separator: "\n").contains("todo"), "before the view draws, the result shows")
        harness.send(.liveView(.redrawn(Live.card, LiveViewText(outline: HTMLOutline(html: "<h1>#1 Fix the login page</h1><p>Status: done</p>")))))
        let shown = harness.lines().joined(separator: "\n")
        #expect(shown.contains("Status: done") && shown.contains("Created #1."), "\(shown)")
        #expect(!shown.contains("todo"), "no stale row under the live text:\n\(shown)")
        // A view that fails shows the result again, and says so.
        harness.send(.liveView(.failed(Live.card, "the view's page crashed")))
        #expect(harness.lines().joined(separator: "\n").contains("todo"))
    }
}
