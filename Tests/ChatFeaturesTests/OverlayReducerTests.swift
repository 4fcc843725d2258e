import Testing
import ConversationModel
@testable import ChatFeatures
@testable import TerminalUI

@Suite struct ConversationsPanelTests {
    private let results = [
        ConversationSummary(id: 1, title: "Test conversation", updatedAt: Fixtures.date, messageCount: 3),
        ConversationSummary(id: 2, title: "Trip", updatedAt: Fixtures.date, messageCount: 5),
    ]

    private func openPanel() -> Harness {
        var harness = Harness(messages: Fixtures.conversation)
        harness.type("/conversations")
        harness.press(.enter)
        #expect(harness.takeEffects().contains(.listConversations(query: "")))
        harness.send(.conversationsListed(query: "", results))
        return harness
    }

    @Test func listsAndSwitches() {
        var harness = openPanel()
        harness.press(.down)
        harness.press(.enter)
        #expect(harness.takeEffects() == [.openConversation(2)])
        #expect(harness.state.overlay == nil)
    }

    @Test func typingSearches() {
        var harness = openPanel()
        harness.type("tr")
        #expect(harness.takeEffects() == [.listConversations(query: "t"), .listConversations(query: "tr")])
        harness.send(.conversationsListed(query: "t", [results[0]]))
        guard case .conversations(let stale) = harness.state.overlay else { Issue.record("panel closed"); return }
        #expect(stale.results == results, "an answer to an older query is ignored")
        harness.send(.conversationsListed(query: "tr", [results[1]]))
        guard case .conversations(let panel) = harness.state.overlay else { Issue.record("panel closed"); return }
        #expect(panel.results.map(\.id) == [2])
    }

    /// The question is a confirmation layer over the panel: a no shows the panel as it was.
    @Test func deletingAsksFirst() {
        var harness = openPanel()
        harness.press(.down)
        harness.press(.ctrl("d"))
        #expect(harness.state.layers.count == 2 && harness.state.inputMode == .confirm)
        #expect(harness.lines().joined().contains("and all its messages? y deletes"))
        harness.press(.char("n"))
        #expect(harness.takeEffects().isEmpty)
        guard case .conversations(let kept)? = harness.state.overlay else { Issue.record("the panel is gone"); return }
        #expect(kept.list.selected == 1 && kept.results.count == 2 && harness.state.layers.count == 1)
        harness.press(.ctrl("d"))
        harness.press(.char("y"))
        #expect(harness.takeEffects() == [.deleteConversation(2, isOpen: false), .listConversations(query: "")])
        guard case .conversations(let panel)? = harness.state.overlay else { Issue.record("the panel is gone"); return }
        #expect(panel.results.map(\.id) == [1])
    }

    @Test func renamingTheOpenConversationUpdatesTheHeader() {
        var harness = openPanel()
        harness.press(.ctrl("r"))
        harness.press(.ctrl("u"))
        harness.type("Renamed")
        harness.press(.enter)
        #expect(harness.takeEffects() == [.renameConversation(1, "Renamed")])
        #expect(harness.state.conversation.title == "Renamed")
        harness.press(.escape)
        #expect(harness.state.overlay == nil)
    }
}

@Suite struct ThemePickerTests {
    @Test func previewsAsYouMoveAndRevertsOnEscape() {
        var harness = Harness()
        harness.type("/theme")
        harness.press(.enter)
        harness.press(.down)
        #expect(harness.state.themeName == "high-contrast")
        harness.press(.escape)
        #expect(harness.state.themeName == "dark")
    }

    @Test func enterKeepsAndSavesTheTheme() {
        var harness = Harness()
        harness.type("/theme")
        harness.press(.enter)
        harness.press(.up)
        _ = harness.takeEffects()
        harness.press(.enter)
        #expect(harness.state.themeName == "light")
        #expect(harness.takeEffects() == [.saveTheme("light")])
    }
}

@Suite struct RenameAndHelpTests {
    @Test func renameWithoutATitleAsksForOne() {
        var harness = Harness()
        harness.type("/rename")
        harness.press(.enter)
        guard case .rename(let field, _) = harness.state.overlay else { Issue.record("no prompt"); return }
        #expect(field.text == "Test conversation")
        harness.press(.ctrl("u"))
        harness.press(.enter)
        guard case .rename(_, let error) = harness.state.overlay else { Issue.record("prompt closed"); return }
        #expect(error != nil)
        harness.type("Better")
        _ = harness.takeEffects()
        harness.press(.enter)
        #expect(harness.takeEffects() == [.renameConversation(1, "Better")])
    }

    @Test func helpScrollsNoFurtherThanItsEnd() {
        var harness = Harness(width: 60, height: 14)
        harness.type("/help")
        harness.press(.enter)
        for _ in 0..<100 { harness.press(.pageDown) }  // The help lists every mode's keys: far longer than 200 lines.
        guard case .help(let bottom) = harness.state.overlay else { Issue.record("help closed"); return }
        #expect(bottom.top > 0)
        #expect(harness.lines().joined().contains("The mouse wheel scrolls the transcript"))
        harness.press(.up)
        guard case .help(let oneUp) = harness.state.overlay else { Issue.record("help closed"); return }
        #expect(oneUp.top == bottom.top - 1)
    }

    @Test func helpListsEveryCommandAndClosesWithEscape() {
        var harness = Harness(width: 80, height: 40)
        harness.type("/help")
        harness.press(.enter)
        let text = harness.lines().joined(separator: "\n")
        for entry in CommandTable.slash { #expect(text.contains("/" + entry.command.name)) }
        harness.press(.escape)
        #expect(harness.state.overlay == nil)
    }
}

@Suite struct TranscriptScrollTests {
    @Test func pageUpAnchorsAndNewMessagesDoNotMoveTheView() {
        var harness = Harness(messages: Fixtures.many(40))
        harness.press(.pageUp)
        guard case .anchored(let anchor) = harness.state.transcript.scroll else { Issue.record("not anchored"); return }
        let before = harness.lines()
        harness.send(.messageAppended(Fixtures.message(41, .assistant, "new output")))
        #expect(harness.state.transcript.scroll == .anchored(anchor))
        #expect(harness.lines()[1..<8] == before[1..<8])
        harness.press(KeyEvent(.end, control: true))
        #expect(harness.state.transcript.scroll == .following)
        #expect(harness.lines().contains { $0.contains("new output") })
    }

    @Test func pageDownBackToTheEndFollowsAgain() {
        var harness = Harness(messages: Fixtures.many(40))
        harness.press(.pageUp)
        harness.press(.pageDown)
        #expect(harness.state.transcript.scroll == .following)
    }

    @Test func homeOnAnEmptyComposerGoesToTheTop() {
        var harness = Harness(messages: Fixtures.many(40))
        harness.press(.home)
        #expect(harness.state.transcript.scroll == .anchored(LinePosition(item: 0, line: 0)))
        #expect(harness.lines()[1].contains("You"))
        harness.type("x")
        harness.press(.home)
        #expect(harness.state.composer.field.cursor == 0)
    }

    @Test func scrollingNearTheOldestLoadedMessageLoadsEarlierOnes() {
        var harness = Harness(messages: Array(Fixtures.many(60)[30...]))
        harness.state.transcript.hasEarlier = true
        for _ in 0..<20 { harness.press(.pageUp) }
        let effects = harness.takeEffects()
        #expect(effects == [.loadEarlierMessages(1, before: 31, all: false)])
        guard case .anchored(let before) = harness.state.transcript.scroll else { Issue.record("not anchored"); return }
        harness.send(.earlierMessagesLoaded(Array(Fixtures.many(30)), hasEarlier: false, scrollToTop: false))
        #expect(harness.state.transcript.scroll == .anchored(LinePosition(item: before.item + 30, line: before.line)))
        #expect(harness.state.transcript.messages.count == 60)
    }

    @Test func theWheelScrolls() {
        var harness = Harness(messages: Fixtures.many(40))
        harness.send(.input(.wheel(up: true)))
        #expect(harness.state.transcript.scroll != .following)
        harness.send(.input(.wheel(up: false)))
        #expect(harness.state.transcript.scroll == .following)
    }
}
