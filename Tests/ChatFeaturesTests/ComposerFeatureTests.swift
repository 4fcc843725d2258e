import Testing
import ConnectorMenu
import ConversationModel
@testable import ChatFeatures
@testable import TerminalUI

/// `ComposerFeature.reduce` on its own state: what the composer does with a key, and what it asks of the app.
@Suite struct ComposerFeatureTests {
    typealias Feature = ComposerFeature

    private func context(turn: Feature.TurnPhase = .idle, prompts: [MenuCommand] = [], resources: Bool = false) -> Feature.Context {
        Feature.Context(keymap: .standard, textWidth: 40, turn: turn, prompts: prompts, offersResources: resources)
    }

    /// Plays the root: the key, then the settle the composer asks for once the rest is done.
    private func press(_ key: KeyEvent, _ state: inout Feature.State, _ context: Feature.Context) -> [Feature.Delegate] {
        var asked = Feature.reduce(&state, .key(key), context: context)
        if case .edited(let before)? = asked.last {
            asked.removeLast()
            asked += Feature.reduce(&state, .settle(from: before), context: context)
        }
        return asked
    }

    private func type(_ text: String, _ state: inout Feature.State, _ context: Feature.Context) -> [Feature.Delegate] {
        text.flatMap { press(.char($0), &state, context) }
    }

    @Test func typingEditsTheTextAndAsksToSaveTheDraft() {
        var state = Feature.State()
        #expect(type("hi", &state, context()) == [.saveDraft("h"), .saveDraft("hi")])
        #expect(state.field.text == "hi")
    }

    @Test func enterAsksToSendTheTrimmedMessageAndKeepsTheTextForTheApp() {
        var state = Feature.State(field: TextField("  hello  "))
        #expect(Feature.reduce(&state, .key(KeyEvent(.enter)), context: context()) == [.send("hello"), .edited(from: "  hello  ")])
        #expect(state.field.text == "  hello  ", "the app clears it once the message is really sent")
        var escaped = Feature.State(field: TextField("//etc/hosts"))
        #expect(press(KeyEvent(.enter), &escaped, context()) == [.send("/etc/hosts")])
        var blank = Feature.State(field: TextField("   "))
        #expect(press(KeyEvent(.enter), &blank, context()).isEmpty)
    }

    @Test func aTypedCommandClearsTheTextAndAsksForTheCommand() {
        var state = Feature.State()
        _ = type("/theme", &state, context())
        #expect(state.slashMenu?.selected?.name == "theme")
        #expect(press(KeyEvent(.enter), &state, context()) == [.execute(.theme, argument: ""), .saveDraft("")])
        #expect(state.field.isEmpty && state.slashMenu == nil)

        var withArgument = Feature.State(field: TextField("/rename  New name "))
        #expect(press(KeyEvent(.enter), &withArgument, context()) == [.execute(.rename, argument: "New name"), .saveDraft("")])
    }

    @Test func anUnknownCommandIsRefusedAndStaysToBeFixed() {
        var state = Feature.State(field: TextField("/nope"))
        let asked = press(KeyEvent(.enter), &state, context())
        #expect(asked.count == 1)
        guard case .flash(let text, let isError)? = asked.first else { Issue.record("no flash: \(asked)"); return }
        #expect(isError && text.contains("Unknown command /nope"))
        #expect(state.field.text == "/nope")
    }

    @Test func aConnectorsPromptIsAskedForByName() {
        let prompt = MenuCommand(name: "notes:review", summary: "Review", argumentHint: nil)
        var state = Feature.State()
        _ = type("/notes:rev", &state, context(prompts: [prompt]))
        #expect(state.slashMenu?.selected?.name == "notes:review")
        let asked = Feature.reduce(&state, .key(KeyEvent(.enter)), context: context(prompts: [prompt]))
        #expect(asked == [.runPrompt("notes:review"), .edited(from: "/notes:rev")])
        #expect(state.slashMenu == nil && state.field.text == "/notes:rev", "the app clears the text as it runs the prompt")
    }

    @Test func upRecallsHistoryWithoutSavingItAsTheDraftAndDownBringsTheDraftBack() {
        var state = Feature.State(field: TextField("draft"), history: ["second", "/first"])
        #expect(press(KeyEvent(.up), &state, context()).isEmpty)
        #expect(state.field.text == "second" && state.historyIndex == 0)
        #expect(press(KeyEvent(.up), &state, context()).isEmpty)
        #expect(state.field.text == "//first", "a recalled message starting with / is escaped, so Enter sends it")
        #expect(state.slashMenu == nil)
        _ = press(KeyEvent(.down), &state, context())
        _ = press(KeyEvent(.down), &state, context())
        #expect(state.field.text == "draft" && state.historyIndex == nil)
    }

    @Test func ctrlCStopsTheAnswerThenClearsThenQuits() {
        let ctrlC = KeyEvent.ctrl("c")
        var answering = Feature.State(field: TextField("keep"), editing: 7)
        let stop = Feature.reduce(&answering, .key(ctrlC), context: context(turn: .answering))
        #expect(stop.dropFirst() == [.cancelTurn, .edited(from: "keep")])
        #expect(answering.field.text == "keep" && answering.editing == nil)

        var typed = Feature.State(field: TextField("text"))
        let clear = press(ctrlC, &typed, context())
        #expect(clear.last == .saveDraft(""))
        #expect(clear.contains(.armQuit) && typed.field.isEmpty)

        var empty = Feature.State()
        #expect(press(ctrlC, &empty, context(turn: .stopping)).last == .armQuit)
        #expect(press(ctrlC, &empty, context()) == [.quit])
    }

    @Test func atOpensTheResourcePickerOnlyWhereAWordStartsAndWhenThereAreResources() {
        var state = Feature.State()
        #expect(press(.char("@"), &state, context(resources: true)) == [.openResourcePicker])
        #expect(state.field.isEmpty)
        _ = type("mail me", &state, context(resources: true))
        #expect(press(.char("@"), &state, context(resources: true)) == [.saveDraft("mail me@")])
        var none = Feature.State()
        #expect(press(.char("@"), &none, context()) == [.saveDraft("@")])
    }

    @Test func backspaceOnAnEmptyComposerDropsTheLastAttachment() {
        let first = ResourceEntry(connector: "notes", uri: "notes://a", name: "a")
        let second = ResourceEntry(connector: "notes", uri: "notes://b", name: "b")
        var state = Feature.State(attachments: [first, second])
        #expect(press(KeyEvent(.backspace), &state, context()).isEmpty)
        #expect(state.attachments == [first])
    }

    @Test func escGivesUpALoneSlashAndClosesTheMenuOverACommandBeingTyped() {
        var lone = Feature.State()
        _ = type("/", &lone, context())
        _ = press(KeyEvent(.escape), &lone, context())
        #expect(lone.field.isEmpty && lone.slashMenu == nil)
        var typed = Feature.State()
        _ = type("/co", &typed, context())
        _ = press(KeyEvent(.escape), &typed, context())
        #expect(typed.field.text == "/co" && typed.slashMenu == nil && typed.menuDismissed)
        _ = type("p", &typed, context())
        #expect(typed.slashMenu?.selected?.name == "copy", "typing reopens it")
    }

    @Test func aCommandOnAKeyKeepsTheDraftAndTaskTakesItAsTheTitle() {
        var state = Feature.State(field: TextField("Buy milk"))
        #expect(press(.ctrl("t"), &state, context()) == [.execute(.task, argument: "Buy milk")])
        #expect(press(.ctrl("f"), &state, context()) == [.execute(.find, argument: "")])
        #expect(state.field.text == "Buy milk")
    }

    @Test func homeAndEndScrollTheTranscriptOnlyWhenTheComposerIsEmpty() {
        var empty = Feature.State()
        #expect(press(KeyEvent(.home), &empty, context()) == [.scrollTop])
        #expect(press(KeyEvent(.end), &empty, context()) == [.scrollBottom])
        var typed = Feature.State(field: TextField("abc"))
        #expect(press(KeyEvent(.home), &typed, context()).isEmpty)
        #expect(typed.field.cursor == 0)
    }

    @Test func theMenuIsRebuiltWhenThePromptsOnOfferChange() {
        var state = Feature.State()
        _ = type("/notes", &state, context())
        #expect(state.slashMenu?.entries.isEmpty == true)
        let prompt = MenuCommand(name: "notes:review", summary: "Review", argumentHint: nil)
        _ = Feature.reduce(&state, .refreshMenu, context: context(prompts: [prompt]))
        #expect(state.slashMenu?.selected?.name == "notes:review")
    }

    @Test func sendingAnEditEmptiesTheComposerAndForgetsTheReplacedMessage() {
        let notes = ResourceEntry(connector: "notes", uri: "notes://a", name: "a")
        var state = Feature.State(field: TextField("old"), history: ["newer", "old"], attachments: [notes])
        #expect(Feature.reduce(&state, .edit("old", message: 4), context: context()) == [], "the same text is no new draft")
        #expect(state.editing == 4)
        #expect(Feature.reduce(&state, .edit("/usr", message: 4), context: context()) == [.saveDraft("//usr")])
        _ = Feature.reduce(&state, .sent(replacing: "old"), context: context())
        #expect(state == Feature.State(history: ["newer"]))
    }

    @Test func aFailedSendPutsTheMessageBackUnlessSomethingNewWasTyped() {
        let notes = ResourceEntry(connector: "notes", uri: "notes://a", name: "a")
        var empty = Feature.State()
        _ = Feature.reduce(&empty, .restore("hello", attachments: [notes]), context: context())
        #expect(empty.field.text == "hello" && empty.attachments == [notes])
        var typed = Feature.State(field: TextField("new"))
        _ = Feature.reduce(&typed, .restore("hello", attachments: []), context: context())
        #expect(typed.field.text == "new")
        _ = Feature.reduce(&typed, .attach(notes), context: context())
        _ = Feature.reduce(&typed, .attach(notes), context: context())
        #expect(typed.attachments == [notes], "attached once")
        _ = Feature.reduce(&typed, .remember("sent"), context: context())
        #expect(typed.history == ["sent"])
    }

    @Test func aViewsMessageReplacesTheTextAsWrittenAndIsSavedAsTheDraft() {
        var state = Feature.State(field: TextField("old"))
        #expect(Feature.reduce(&state, .replace(with: "Book the 9:40"), context: context()) == [.saveDraft("Book the 9:40")])
        #expect(state.field.text == "Book the 9:40")
    }

    /// A view cannot type a command for the person: its `/quit` is a message Enter sends, not a command.
    @Test func aViewsMessageStartingWithASlashIsEscapedNotACommand() {
        var state = Feature.State()
        #expect(Feature.reduce(&state, .replace(with: "/quit"), context: context()) == [.saveDraft("//quit")])
        #expect(state.field.text == "//quit")
    }
}
