import ConversationModel
import Foundation
import TerminalUI
import Testing
@testable import ChatFeatures

/// The conversations panel on its own: keys and the store's answers in, what it asks of the app out.
@Suite struct ConversationsFeatureTests {
    static let trip = ConversationSummary(id: 2, title: "Trip", updatedAt: Fixtures.date, messageCount: 5)
    static let notes = ConversationSummary(id: 3, title: "Notes", updatedAt: Fixtures.date, messageCount: 1)

    func send(_ action: ConversationsFeature.Action, _ panel: inout ConversationsPanel, keymap: Keymap = .standard) -> [ConversationsFeature.Delegate] {
        ConversationsFeature.reduce(&panel, action, keymap: keymap)
    }

    func listed() -> ConversationsPanel {
        var panel = ConversationsPanel()
        #expect(send(.listed(query: "", results: [Self.trip, Self.notes]), &panel).isEmpty)
        return panel
    }

    @Test func typingSearchesAndAStaleAnswerIsIgnored() {
        var panel = listed()
        #expect(send(.key(.char("n")), &panel) == [.search("n")])
        #expect(send(.listed(query: "", results: []), &panel).isEmpty)
        #expect(panel.results == [Self.trip, Self.notes], "the answer for the old query changes nothing")
        #expect(send(.listed(query: "n", results: [Self.notes]), &panel).isEmpty)
        #expect(panel.selected == Self.notes)
    }

    @Test func enterOpensAndRenamingAsksTheAppToRename() {
        var panel = listed()
        _ = send(.key(KeyEvent(.down)), &panel)
        #expect(send(.key(KeyEvent(.enter)), &panel) == [.close, .open(3)])
        #expect(send(.key(.ctrl("r")), &panel).isEmpty)
        #expect(panel.inputMode == .prompt, "renaming reads a text field's keys")
        _ = send(.key(.ctrl("u")), &panel)
        for character in "Plans" { _ = send(.key(.char(character)), &panel) }
        #expect(send(.key(KeyEvent(.enter)), &panel) == [.rename(3, "Plans")])
        #expect(panel.mode == .browsing && panel.selected?.title == "Plans")
    }

    @Test func deletingAsksFirstThenDeletesAndSearchesAgain() {
        var panel = listed()
        guard case .confirmDelete(let doomed, let question)? = send(.key(.ctrl("d")), &panel).first else { Issue.record("no question"); return }
        #expect(doomed == Self.trip && question.contains("Delete “Trip”"))
        #expect(send(.deleted(Self.trip), &panel) == [.flash("Deleted “Trip”"), .delete(2), .search("")])
        #expect(panel.results == [Self.notes])
        #expect(Keymap.common.bindings[.conversations] == nil, "its keys are its own table")
    }
}
