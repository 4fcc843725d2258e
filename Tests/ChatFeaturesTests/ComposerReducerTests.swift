import Testing
import ConversationModel
@testable import ChatFeatures
@testable import TerminalUI

@Suite struct ComposerReducerTests {
    @Test func typingEditsTheDraftAndSavesIt() {
        var harness = Harness()
        harness.type("hi")
        #expect(harness.state.composer.field.text == "hi")
        #expect(harness.takeEffects() == [.saveDraft(1, "h"), .saveDraft(1, "hi")])
    }

    @Test func enterCommitsTheMessageThenClearsTheDraft() {
        var harness = Harness()
        harness.type("  hello  ")
        _ = harness.takeEffects()
        harness.press(.enter)
        #expect(harness.takeEffects() == [.commitUserMessage(1, "hello"), .saveDraft(1, "")])
        #expect(harness.state.composer.field.isEmpty)
    }

    @Test func blankMessagesAreNotSent() {
        var harness = Harness()
        harness.type("   ")
        harness.press(.ctrl("j"))
        _ = harness.takeEffects()
        harness.press(.enter)
        #expect(harness.takeEffects().isEmpty)
    }

    @Test func doubleSlashSendsALiteralSlash() {
        var harness = Harness()
        harness.type("//etc/hosts")
        #expect(harness.state.composer.slashMenu == nil)
        _ = harness.takeEffects()
        harness.press(.enter)
        #expect(harness.takeEffects().first == .commitUserMessage(1, "/etc/hosts"))
    }

    /// `/` then Esc gives the command up: the next `/copy` is a command, not `//copy` sent as a message.
    @Test func escOnALoneSlashLeavesNothingBehind() {
        var harness = Harness()
        harness.type("/")
        #expect(harness.state.composer.slashMenu != nil)
        harness.press(.escape)
        #expect(harness.state.composer.field.isEmpty && harness.state.composer.slashMenu == nil)
        harness.type("/co")
        harness.press(.escape)
        #expect(harness.state.composer.field.text == "/co" && harness.state.composer.slashMenu == nil, "a command being typed stays")
    }

    @Test func modelCommandLeavesTheNameToTheResolverAndShowsWhatItChose() {
        var harness = Harness(modelName: "local/gemma")
        harness.type("/model qwen")
        _ = harness.takeEffects()
        harness.press(.enter)
        #expect(harness.takeEffects().contains(.chooseModel(1, "qwen")))
        #expect(harness.state.modelName == "local/gemma", "nothing changes until the resolver answers")
        harness.send(.modelChosen(2, "other/qwen"))
        #expect(harness.state.modelName == "local/gemma", "an answer for another conversation is not shown here")
        harness.send(.modelChosen(1, "other/qwen"))
        #expect(harness.state.modelName == "other/qwen" && harness.state.conversation.model == "other/qwen")
        #expect(harness.state.flash?.text == "This conversation now uses other/qwen.")
    }

    @Test func altEnterAndShiftEnterInsertNewlines() {
        var harness = Harness()
        harness.type("a")
        harness.press(.alt(.enter))
        harness.type("b")
        harness.press(KeyEvent(.enter, shift: true))
        harness.type("c")
        #expect(harness.state.composer.field.text == "a\nb\nc")
    }

    @Test func emacsKeys() {
        var harness = Harness()
        harness.type("one two three")
        harness.press(.ctrl("w"))
        #expect(harness.state.composer.field.text == "one two ")
        harness.press(.ctrl("a"))
        harness.press(.alt(.character("f")))
        harness.press(.ctrl("k"))
        #expect(harness.state.composer.field.text == "one")
        harness.press(.ctrl("y"))
        #expect(harness.state.composer.field.text == "one two ")
        harness.press(.alt(.character("b")))
        harness.press(.ctrl("u"))
        #expect(harness.state.composer.field.text == "two ")
        harness.press(.ctrl("e"))
        #expect(harness.state.composer.field.cursor == 4)
    }

    @Test func wideCharactersMoveAndDeleteWhole() {
        var harness = Harness()
        harness.type("日本🙂👩‍💻")
        #expect(harness.state.composer.field.characters.count == 4)
        harness.press(.backspace)
        #expect(harness.state.composer.field.text == "日本🙂")
        harness.press(.left)
        harness.press(.backspace)
        #expect(harness.state.composer.field.text == "日🙂")
    }

    @Test func upAndDownRecallEarlierMessagesAndRestoreTheDraft() {
        var harness = Harness(history: ["second", "first"])
        harness.type("draft")
        harness.press(.up)
        #expect(harness.state.composer.field.text == "second")
        harness.press(.up)
        #expect(harness.state.composer.field.text == "first")
        harness.press(.up)
        #expect(harness.state.composer.field.text == "first")
        harness.press(.down)
        harness.press(.down)
        #expect(harness.state.composer.field.text == "draft")
    }

    @Test func upMovesWithinAMultiLineDraftBeforeRecalling() {
        var harness = Harness(history: ["old"])
        harness.type("line one")
        harness.press(.alt(.enter))
        harness.type("two")
        harness.press(.up)
        #expect(harness.state.composer.field.text == "line one\ntwo")
        #expect(harness.state.composer.field.cursor == 3)
        harness.press(.up)
        #expect(harness.state.composer.field.text == "old")
    }

    @Test func pasteInsertsMultiLineTextAtOnce() {
        var harness = Harness()
        harness.send(.input(.paste("first\r\nsecond\rthird")))
        #expect(harness.state.composer.field.text == "first\nsecond\nthird")
        #expect(harness.takeEffects() == [.saveDraft(1, "first\nsecond\nthird")])
    }

    @Test func ctrlCClearsThenQuits() {
        var harness = Harness()
        harness.type("oops")
        harness.press(.ctrl("c"))
        #expect(harness.state.composer.field.isEmpty)
        #expect(!harness.state.isQuitting)
        harness.press(.ctrl("y"))
        #expect(harness.state.composer.field.text == "oops")
        harness.press(.ctrl("c"))
        harness.press(.ctrl("c"))
        #expect(harness.state.isQuitting)
    }

    @Test func ctrlZAsksToSuspendAndKeepsTheDraft() {
        var harness = Harness()
        harness.type("keep")
        _ = harness.takeEffects()
        harness.press(.ctrl("z"))
        #expect(harness.takeEffects() == [.suspendToShell])
        #expect(harness.state.composer.field.text == "keep")
    }

    @Test func aCommittedUserMessageJoinsTheTranscriptAndHistory() {
        var harness = Harness()
        harness.send(.messageAppended(Fixtures.message(7, .user, "sent")))
        #expect(harness.state.transcript.messages.map(\.id) == [7])
        #expect(harness.state.composer.history == ["sent"])
    }
}

@Suite struct SlashMenuReducerTests {
    @Test func slashOpensTheMenuAndTypingFilters() {
        var harness = Harness()
        harness.type("/")
        #expect(harness.state.composer.slashMenu?.entries.count == CommandTable.slash.count)
        harness.type("th")
        #expect(harness.state.composer.slashMenu?.selected?.name == "theme")
        harness.press(.escape)
        #expect(harness.state.composer.slashMenu == nil)
        #expect(harness.state.composer.field.text == "/th")
        harness.type("e")
        #expect(harness.state.composer.slashMenu?.selected?.name == "theme")
    }

    @Test func enterRunsTheSelectedCommand() {
        var harness = Harness(messages: Fixtures.conversation)
        harness.type("/ne")
        _ = harness.takeEffects()
        harness.press(.enter)
        #expect(harness.takeEffects() == [.newConversation, .saveDraft(1, "")])
        #expect(harness.state.composer.field.isEmpty)
        #expect(harness.state.composer.slashMenu == nil)
    }

    @Test func newInAnEmptyConversationSaysSo() {
        var harness = Harness()
        harness.type("/new")
        harness.press(.enter)
        #expect(!harness.takeEffects().contains(.newConversation))
        #expect(harness.state.flash?.isError == false)
    }

    @Test func arrowsMoveTheSelection() {
        var harness = Harness()
        harness.type("/")
        harness.press(.down)
        #expect(harness.state.composer.slashMenu?.selected?.name == "conversations")
        harness.press(.up)
        harness.press(.up)
        #expect(harness.state.composer.slashMenu?.selected?.name == "quit")
    }

    @Test func tabCompletesACommandThatTakesAnArgument() {
        var harness = Harness()
        harness.type("/ren")
        harness.press(.tab)
        #expect(harness.state.composer.field.text == "/rename ")
        #expect(harness.state.composer.slashMenu == nil)
        harness.type("Trip to Kyoto 京都")
        _ = harness.takeEffects()
        harness.press(.enter)
        #expect(harness.takeEffects() == [.renameConversation(1, "Trip to Kyoto 京都"), .saveDraft(1, "")])
        #expect(harness.state.conversation.title == "Trip to Kyoto 京都")
    }

    @Test func unknownCommandsAreExplainedAndKept() {
        var harness = Harness()
        harness.type("/frobnicate now")
        harness.press(.enter)
        #expect(harness.state.flash?.isError == true)
        #expect(harness.state.flash?.text.contains("/frobnicate") == true)
        #expect(harness.state.composer.field.text == "/frobnicate now")
    }

    @Test func quitCommandQuits() {
        var harness = Harness()
        harness.type("/quit")
        harness.press(.enter)
        #expect(harness.state.isQuitting)
    }
}
