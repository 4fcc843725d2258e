import ConnectorMenu
import ConversationModel
import TerminalUI

/// The composer: the message being written, the person's earlier messages to recall, the `/` menu
/// and the resources picked with `@`. It owns only that; sending, running a command, scrolling and
/// the turn are the app's, asked for as `Delegate`s, and what it reads of them comes as a `Context`.
enum ComposerFeature {
    struct State: Equatable, Sendable {
        var field = TextField()
        /// The person's earlier messages in this conversation, newest first.
        var history: [String] = []
        /// Which history entry is shown, while recalling.
        var historyIndex: Int?
        /// The draft set aside while recalling history.
        var stashedDraft = ""
        /// Esc closed the slash menu; it stays closed until the text changes.
        var menuDismissed = false
        /// Resources to send with the message, picked with `@`.
        var attachments: [ResourceEntry] = []
        /// `/edit`: the message that sending replaces (it and everything after it are dropped).
        var editing: MessageID?
        /// Open while the text is a `/command` being typed.
        var slashMenu: SlashMenu?
    }

    /// What the composer reads and does not own.
    struct Context {
        var keymap: Keymap
        /// Columns the text wraps at, so ↑/↓ move within it before recalling history.
        var textWidth: Int
        var turn: TurnPhase
        /// The enabled connectors' prompts, offered in the menu after the slash commands.
        var prompts: [MenuCommand]
        /// Whether `@` opens the resource picker: a connector on here offers resources.
        var offersResources: Bool
    }

    enum TurnPhase: Equatable { case idle, answering, stopping }

    enum Action: Equatable {
        case key(KeyEvent)
        case paste(String)
        /// After the app did what a key asked: an edit ends history recall, reopens a closed menu
        /// and saves the draft (so a crash or a restart keeps it); the menu follows the text.
        case settle(from: String)
        /// Text from elsewhere (a card's), on its own line at the cursor.
        case insertParagraph(String)
        /// The person's message was stored: the newest to recall.
        case remember(String)
        /// The message went: the text, recall, attachments and any edit are done with; the message
        /// it replaced (an `/edit`) is no longer one to recall.
        case sent(replacing: String?)
        /// `/edit`: the person's last message back in the composer; sending replaces it.
        case edit(String, message: MessageID)
        /// A connector's prompt, filled in: its text replaces the composer's.
        case setText(String)
        /// A live view's message takes the place of the text, with a leading `/` escaped, and is saved as the draft.
        case replace(with: String)
        /// The text given up for something that takes its place (a prompt, a task titled with it).
        case clear
        case attach(ResourceEntry)
        /// Sending failed: the message and its attachments come back, unless something new was typed.
        case restore(String, attachments: [ResourceEntry])
        /// Another layer opened over the composer (`/find`, choosing a message): the menu closes.
        case closeMenu
        /// The commands on offer changed (a connector's prompts came or went): the menu is rebuilt.
        case refreshMenu
    }

    /// What the composer asks of the app, in order.
    enum Delegate: Equatable {
        /// The composer took the key: once the app has done the rest, it sends `.settle(from:)`.
        case edited(from: String)
        case send(String)
        /// A slash command, typed after `/` or on a key.
        case execute(KeyCommand, argument: String)
        /// `/connector:prompt`, by its command name.
        case runPrompt(String)
        case saveDraft(String)
        case flash(String, isError: Bool)
        case scrollPage(up: Bool)
        case scrollTop, scrollBottom
        case suspend, cancelTurn, focusCards, selectMessages, openResourcePicker
        /// The next Ctrl-C quits.
        case armQuit
        case quit
    }

    static func reduce(_ state: inout State, _ action: Action, context: Context) -> [Delegate] {
        switch action {
        case .key(let key):
            return reduce(&state, key: key, context: context)
        case .paste(let text):
            let before = state.field.text
            state.field.insert(text)
            return [.edited(from: before)]
        case .settle(let before):
            return settle(&state, from: before, context: context)
        case .insertParagraph(let text):
            state.field.insert((state.field.text.isEmpty ? "" : "\n") + text)
            return [.saveDraft(state.field.text)]
        case .remember(let text):
            state.history.insert(text, at: 0)
        case .sent(let replaced):
            if let replaced, let recalled = state.history.firstIndex(of: replaced) { state.history.remove(at: recalled) }
            state.editing = nil
            state.field = TextField()
            state.historyIndex = nil
            state.attachments = []
        case .edit(let text, let message):
            let before = state.field.text
            state.field = TextField(SlashEscape.composerText(for: text))
            state.editing = message
            state.historyIndex = nil
            return state.field.text == before ? [] : [.saveDraft(state.field.text)]
        case .setText(let text):
            state.field.setText(SlashEscape.composerText(for: text))
        case .replace(let text):
            // Another's text (a view's message) is never a command: a leading `/` is escaped, so Enter sends it.
            state.field = TextField(SlashEscape.composerText(for: text))
            return [.saveDraft(state.field.text)]
        case .clear:
            state.field = TextField()
        case .attach(let resource):
            if !state.attachments.contains(resource) { state.attachments.append(resource) }
        case .restore(let text, let attachments):
            if state.field.isEmpty { state.field.setText(text) }
            state.attachments = attachments
        case .closeMenu:
            state.slashMenu = nil
        case .refreshMenu:
            guard state.slashMenu != nil else { return [] }
            state.slashMenu = nil
            syncMenu(&state, context: context)
        }
        return []
    }

    private static func reduce(_ state: inout State, key: KeyEvent, context: Context) -> [Delegate] {
        let before = state.field.text
        if key == KeyEvent(.backspace), state.field.isEmpty, !state.attachments.isEmpty {
            state.attachments.removeLast()
            return []
        }
        if let command = context.keymap.command(for: key, in: state.slashMenu == nil ? .composer : .slashMenu) {
            return perform(command, in: &state, context: context) + [.edited(from: before)]
        }
        guard let character = key.typedCharacter else { return [] }
        if character == "@", context.offersResources, state.field.cursor == 0 || state.field.characters[state.field.cursor - 1].isWhitespace {
            return [.openResourcePicker]
        }
        state.field.insert(String(character))
        return [.edited(from: before)]
    }

    private static func settle(_ state: inout State, from before: String, context: Context) -> [Delegate] {
        let after = state.field.text
        var delegates: [Delegate] = []
        if after != before {
            if let index = state.historyIndex, state.history.indices.contains(index),
               SlashEscape.composerText(for: state.history[index]) != after {
                state.historyIndex = nil
            }
            if state.historyIndex == nil {
                state.menuDismissed = false
                delegates.append(.saveDraft(after))
            }
        }
        syncMenu(&state, context: context)
        return delegates
    }

    /// Opens, refilters or closes the slash menu to match the text.
    static func syncMenu(_ state: inout State, context: Context) {
        let text = state.field.text
        let isCommandWord = SlashEscape.isCommand(text) && !text.contains(where: \.isWhitespace)
        guard isCommandWord, !state.menuDismissed, state.historyIndex == nil else {
            state.slashMenu = nil
            return
        }
        var menu = state.slashMenu ?? SlashMenu(commands: CommandTable.menuCommands(keymap: context.keymap) + context.prompts)
        menu.filter(String(text.dropFirst()))
        state.slashMenu = menu
    }

    private static func perform(_ command: KeyCommand, in state: inout State, context: Context) -> [Delegate] {
        switch command {
        case .send: return sendOrRunCommand(&state, context: context)
        case .insertNewline: state.field.insert("\n")
        case .openMenu: state.field.insert("/")
        case .cursorUp, .cursorDown:
            let up = command == .cursorUp
            if !state.field.moveVertically(by: up ? -1 : 1, width: context.textWidth) { recallHistory(&state, older: up) }
        case .lineStartOrTop where state.field.isEmpty: return [.scrollTop]
        case .lineEndOrBottom where state.field.isEmpty: return [.scrollBottom]
        case .scrollPageUp, .scrollPageDown: return [.scrollPage(up: command == .scrollPageUp)]
        case .scrollTop: return [.scrollTop]
        case .scrollBottom: return [.scrollBottom]
        case .suspend: return [.suspend]
        case .cancelTurn: return [.cancelTurn]
        case .focusCards: return [.focusCards]
        case .selectMessages: return [.selectMessages]
        case .clearOrQuit:
            state.editing = nil  // Clearing gives up an `/edit`; deleting the text and retyping does not.
            return clearOrQuit(&state, context: context)
        case .menuUp: state.slashMenu?.move(by: -1)
        case .menuDown: state.slashMenu?.move(by: 1)
        case .menuComplete:
            if let selected = state.slashMenu?.selected {
                state.field.setText("/" + selected.name + (selected.argumentHint == nil ? "" : " "))
            }
        case .menuAccept:
            let typed = String(state.field.text.dropFirst())
            let chosen = state.slashMenu?.command(named: typed) ?? state.slashMenu?.selected
            return run(commandNamed: chosen?.name ?? typed, argument: "", in: &state, context: context)
        case .close:
            // A lone `/` closed with Esc was a command given up: leave nothing that would turn the
            // next `/copy` into `//copy`, the escape that sends it as a message.
            if state.field.text == "/" { state.field = TextField() } else { state.menuDismissed = true }
        // A slash command on a key keeps the draft; `task` takes it as the title, as `/task TITLE` does.
        case _ where CommandTable.command(named: command.name) != nil:
            return [.execute(command, argument: command == .task ? state.field.text : "")]
        default: _ = state.field.apply(command)
        }
        return []
    }

    /// Ctrl-C stops the answer (as Esc does), else clears the message; with nothing left to
    /// stop or clear it quits, and so does a second Ctrl-C in a row.
    private static func clearOrQuit(_ state: inout State, context: Context) -> [Delegate] {
        let keymap = context.keymap
        let quits = keymap.key(for: .clearOrQuit, in: .composer).map { " \($0) again quits." } ?? ""
        if context.turn == .answering { return [.flash("Stopping the answer." + quits, isError: false), .cancelTurn] }
        if !state.field.isEmpty {
            state.field.killAll()
            let yank = keymap.key(for: .yank, in: .composer).map { " (\($0) brings it back)" } ?? ""
            return [.flash("Cleared\(yank)." + quits, isError: false), .armQuit]
        }
        if context.turn == .stopping { return [.flash("Still stopping the answer." + quits, isError: false), .armQuit] }
        return [.quit]
    }

    private static func sendOrRunCommand(_ state: inout State, context: Context) -> [Delegate] {
        let text = state.field.text
        if SlashEscape.isCommand(text) {
            let parts = text.dropFirst().split(maxSplits: 1, whereSeparator: \.isWhitespace)
            let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespacesAndNewlines) : ""
            return run(commandNamed: parts.first.map(String.init) ?? "", argument: argument, in: &state, context: context)
        }
        let body = SlashEscape.message(from: text).trimmingCharacters(in: .whitespacesAndNewlines)
        return body.isEmpty ? [] : [.send(body)]
    }

    /// A slash command by name: the command line does not stay as a draft (clearing the
    /// composer saves the empty draft like any other edit).
    private static func run(commandNamed name: String, argument: String, in state: inout State, context: Context) -> [Delegate] {
        guard let command = CommandTable.command(named: name) else {
            if context.prompts.contains(where: { $0.name == name }) {
                state.slashMenu = nil
                return [.runPrompt(name)]
            }
            return [.flash(name.isEmpty ? "Type a command name after /" : "Unknown command /\(name). Type / to see commands, // to send a message starting with /.", isError: true)]
        }
        state.field = TextField()
        state.menuDismissed = false
        return [.execute(command, argument: argument)]
    }

    private static func recallHistory(_ state: inout State, older: Bool) {
        let history = state.history
        if older {
            let next = (state.historyIndex ?? -1) + 1
            guard next < history.count else { return }
            if state.historyIndex == nil { state.stashedDraft = state.field.text }
            state.historyIndex = next
            state.field.setText(SlashEscape.composerText(for: history[next]))
        } else {
            guard let index = state.historyIndex else { return }
            state.historyIndex = index == 0 ? nil : index - 1
            state.field.setText(index == 0 ? state.stashedDraft : SlashEscape.composerText(for: history[index - 1]))
        }
    }
}
