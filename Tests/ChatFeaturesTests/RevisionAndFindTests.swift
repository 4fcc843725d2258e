import ConversationModel
import Foundation
import Testing
import TerminalText
@testable import ChatFeatures
@testable import TerminalUI

/// `/copy`, `/edit`, `/retry`, `/find` and `/help` through the reducer.
@Suite struct RevisionAndFindTests {
    static let answered = Fixtures.conversation + [Fixtures.message(4, .assistant, "You're welcome."), Fixtures.message(5, .tool, "ignored")]

    func harness(_ messages: [Message] = answered, model: String? = "anthropic/claude-sonnet-4-5") -> Harness {
        Harness(width: 72, height: 24, messages: messages, modelName: model)
    }

    func run(_ command: String, in harness: inout Harness) {
        harness.type(command)
        harness.press(.enter)
    }

    @Test func copyPutsTheLastAnswerAsExportedOnTheClipboard() {
        var harness = harness()
        run("/copy", in: &harness)
        #expect(harness.takeEffects().contains(.copyToClipboard("You're welcome.")))
        var empty = self.harness([Fixtures.message(1, .user, "hi")])
        run("/copy", in: &empty)
        #expect(!empty.takeEffects().contains { if case .copyToClipboard = $0 { true } else { false } })
        // No answer yet: the choice of a message opens on the newest, and Enter copies it.
        #expect(empty.state.overlay == .selectMessage(MessageSelection(id: 1)))
        empty.press(.enter)
        #expect(empty.takeEffects().contains(.copyToClipboard("hi")))
        #expect(empty.state.overlay == nil)
    }

    @Test func retryDropsTheLastAnswerAndAsksAgain() {
        var harness = harness()
        run("/retry", in: &harness)
        let effects = harness.takeEffects().filter { if case .saveDraft = $0 { false } else { true } }
        #expect(effects == [.deleteMessages(1, from: 4), .startTurn(1)])
        #expect(harness.state.transcript.messages.map(\.id) == [1, 2, 3])
        #expect(harness.state.turn != nil)
        // While it answers, neither retry nor edit runs.
        run("/retry", in: &harness)
        #expect(harness.takeEffects().filter { if case .saveDraft = $0 { false } else { true } }.isEmpty)
        #expect(harness.state.flash?.isError == true)
    }

    @Test func retryWithoutAModelSaysWhy() {
        var harness = harness(model: nil)
        run("/retry", in: &harness)
        #expect(!harness.takeEffects().contains(.startTurn(1)))
        #expect(harness.state.flash?.text.contains("No model") == true)
    }

    @Test func editRecallsTheLastMessageAndSendingReplacesItAndItsAnswer() {
        var harness = harness()
        harness.press(.alt(.up))
        #expect(harness.state.composer.field.text == "Thanks!")
        #expect(harness.state.composer.editing == 3)
        #expect(harness.lines().contains { $0.contains("editing your last message") })
        harness.press(.ctrl("u"))
        #expect(harness.state.composer.editing == 3, "retyping the whole message is still editing it")
        harness.press(.ctrl("c"))
        #expect(harness.state.composer.editing == nil, "Ctrl-C gives up the edit")
        run("/edit", in: &harness)
        #expect(harness.state.composer.field.text == "Thanks!")
        harness.press(.ctrl("u"))
        harness.type("Thanks! a lot")
        _ = harness.takeEffects()
        harness.press(.enter)
        let effects = harness.takeEffects().filter { if case .saveDraft = $0 { false } else { true } }
        #expect(effects == [.deleteMessages(1, from: 3), .commitUserMessage(1, "Thanks! a lot"), .startTurn(1)])
        #expect(harness.state.transcript.messages.map(\.id) == [1, 2])
        #expect(!harness.state.composer.history.contains("Thanks!"))
    }

    @Test func findSearchesTheStoreStepsThroughMatchesAndCloses() {
        var harness = Harness(width: 72, height: 16, messages: Fixtures.many(60), modelName: nil)
        harness.press(.ctrl("f"))
        #expect(harness.state.inputMode == .find)
        harness.type("number 1")
        #expect(harness.takeEffects().last == .searchConversation(1, query: "number 1"))
        harness.send(.conversationSearched(query: "number 1", [1, 10, 11]))
        guard case .find(let bar) = harness.state.overlay else { Issue.record("the find bar closed"); return }
        #expect(bar.current == 2, "the newest match first")
        #expect(harness.lines().last?.contains("3 of 3") == true)
        guard case .anchored(let position) = harness.state.transcript.scroll else { Issue.record("not scrolled to the match"); return }
        #expect(position.item == 10)
        harness.press(.enter)
        #expect(harness.lines().last?.contains("1 of 3") == true, "Enter wraps round to the first")
        harness.press(.up)
        harness.press(.up)
        #expect(harness.lines().last?.contains("2 of 3") == true)
        if case .anchored(let position) = harness.state.transcript.scroll { #expect(position.item == 9) }
        // The match is drawn highlighted.
        let screen = harness.screen()
        let row = (0..<screen.height).first { screen.textLines()[$0].contains("Message number 10") }!
        let column = Array(screen.textLines()[row]).firstIndex(of: "n")!
        #expect(screen[row, column].style.attributes.contains(.reverse))
        harness.press(.escape)
        #expect(harness.state.overlay == nil)
    }

    @Test func aMatchOlderThanTheWindowLoadsEverythingThenScrollsToIt() {
        var harness = Harness(width: 72, height: 16, messages: Array(Fixtures.many(300).suffix(200)), modelName: nil)
        harness.state.transcript.hasEarlier = true
        run("/find number 7", in: &harness)
        #expect(harness.takeEffects().contains(.searchConversation(1, query: "number 7")))
        harness.send(.conversationSearched(query: "number 7", [7]))
        #expect(harness.takeEffects() == [.loadEarlierMessages(1, before: 101, all: true)])
        harness.send(.earlierMessagesLoaded(Array(Fixtures.many(100)), hasEarlier: false, scrollToTop: true))
        guard case .anchored(let position) = harness.state.transcript.scroll else { Issue.record("not scrolled"); return }
        #expect(position.item == 6)
    }

    @Test func helpListsEveryModesKeysTheApprovalKeysAndAt() {
        let text = HelpText.lines(keymap: .standard, width: 100).map(\.plainText).joined(separator: "\n")
        for mode in InputMode.allCases where !(Keymap.standard.bindings[mode] ?? []).isEmpty {
            #expect(text.contains(mode.helpTitle), "\(mode) is missing from /help")
        }
        #expect(text.contains("allow this tool call once"))
        #expect(text.contains("@ "))
        for command in ["/find", "/copy", "/edit", "/retry"] { #expect(text.contains(command)) }
    }
}
