import ConnectorMenu
import ConversationModel
import TerminalUI

extension AppReducer {
    func reduceComposer(_ state: inout AppState, key: KeyEvent) -> [Effect] {
        let before = state.composer.field.text
        var effects: [Effect] = []
        if key == KeyEvent(.backspace), state.composer.field.isEmpty, !state.composer.attachments.isEmpty {
            state.composer.attachments.removeLast()
            return []
        }
        if let command = keymap.command(for: key, in: state.inputMode) {
            effects = perform(command, in: &state)
        } else if let character = key.typedCharacter {
            if shouldOpenResourcePicker(state, typed: character) {
                openResourcePicker(&state)
                return []
            }
            state.composer.field.insert(String(character))
        } else {
            return []
        }
        return effects + composerChanged(&state, from: before)
    }

    func paste(_ text: String, into state: inout AppState) -> [Effect] {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        switch state.overlay {
        case nil where state.keyTarget.isDrawnLiveCard(in: state):
            // The keys are the view's, so the paste is too (it once landed in the composer, out of sight).
            guard case .card(let address) = state.keyTarget else { return [] }
            return [.liveViewInput(address, .pasted(normalized))]
        case nil:
            let before = state.composer.field.text
            state.composer.field.insert(normalized)
            return composerChanged(&state, from: before)
        case .rename(var field, _):
            field.insert(normalized.replacingOccurrences(of: "\n", with: " "))
            state.overlay = .rename(field, error: nil)
            return []
        case .conversations(var panel) where panel.mode == .browsing:
            panel.search.insert(normalized.replacingOccurrences(of: "\n", with: " "))
            state.overlay = .conversations(panel)
            return [.listConversations(query: panel.search.text)]
        case .find(let bar):
            return pasteIntoFind(normalized, bar: bar, in: &state)
        default:
            return []
        }
    }

    /// After any composer key: an edit ends history recall, reopens a closed
    /// menu, and saves the draft so a crash or a restart keeps it.
    private func composerChanged(_ state: inout AppState, from before: String) -> [Effect] {
        let after = state.composer.field.text
        var effects: [Effect] = []
        if after != before {
            if state.composer.history.indices.contains(state.composer.historyIndex ?? -1),
               SlashEscape.composerText(for: state.composer.history[state.composer.historyIndex!]) != after {
                state.composer.historyIndex = nil
            }
            if state.composer.historyIndex == nil {
                state.composer.menuDismissed = false
                effects.append(.saveDraft(state.conversation.id, after))
            }
        }
        syncSlashMenu(&state)
        return effects
    }

    /// Opens, refilters or closes the slash menu to match the composer.
    func syncSlashMenu(_ state: inout AppState) {
        let text = state.composer.field.text
        let isCommandWord = SlashEscape.isCommand(text) && !text.contains(where: \.isWhitespace)
        guard isCommandWord, !state.composer.menuDismissed, state.composer.historyIndex == nil else {
            state.slashMenu = nil
            return
        }
        var menu = state.slashMenu ?? SlashMenu(commands: CommandTable.menuCommands(keymap: keymap) + promptCommands(state))
        menu.filter(String(text.dropFirst()))
        state.slashMenu = menu
    }

    private func perform(_ command: KeyCommand, in state: inout AppState) -> [Effect] {
        let geometry = ScreenGeometry(state: state)
        switch command {
        case .send: return sendOrRunCommand(&state)
        case .insertNewline: state.composer.field.insert("\n")
        case .openMenu: state.composer.field.insert("/")
        case .cursorUp, .cursorDown:
            let up = command == .cursorUp
            if !state.composer.field.moveVertically(by: up ? -1 : 1, width: geometry.composerTextWidth) {
                recallHistory(&state, older: up)
            }
        case .lineStartOrTop where state.composer.field.isEmpty: return scrollTranscriptToTop(&state)
        case .lineEndOrBottom where state.composer.field.isEmpty: return scrollTranscriptToBottom(&state)
        case .scrollPageUp, .scrollPageDown: return scrollTranscriptPage(&state, up: command == .scrollPageUp)
        case .scrollTop: return scrollTranscriptToTop(&state)
        case .scrollBottom: return scrollTranscriptToBottom(&state)
        case .suspend: return [.suspendToShell]
        case .cancelTurn: return state.turn == nil ? stopViewCalls(&state) : cancelTurn(&state)
        case .focusCards: return focusCards(&state)
        case .selectMessages: return selectMessageToCopy(in: &state)
        case .clearOrQuit:
            state.composer.editing = nil  // Clearing gives up an `/edit`; deleting the text and retyping does not.
            return clearOrQuit(&state)
        case .menuUp: state.slashMenu?.move(by: -1)
        case .menuDown: state.slashMenu?.move(by: 1)
        case .menuComplete:
            if let selected = state.slashMenu?.selected {
                state.composer.field.setText("/" + selected.name + (selected.argumentHint == nil ? "" : " "))
            }
        case .menuAccept:
            let typed = String(state.composer.field.text.dropFirst())
            let command = state.slashMenu?.command(named: typed) ?? state.slashMenu?.selected
            return run(commandNamed: command?.name ?? typed, argument: "", in: &state)
        case .close:
            // A lone `/` closed with Esc was a command given up: leave nothing that would turn the
            // next `/copy` into `//copy`, the escape that sends it as a message.
            if state.composer.field.text == "/" { state.composer.field = TextField() } else { state.composer.menuDismissed = true }
        // A slash command on a key keeps the draft; `task` takes it as the title, as `/task TITLE` does.
        case _ where CommandTable.command(named: command.name) != nil:
            return execute(command, argument: command == .task ? state.composer.field.text : "", in: &state)
        default: _ = state.composer.field.apply(command)
        }
        return []
    }

    /// Ctrl-C stops the answer (as Esc does), else clears the message; with nothing left to
    /// stop or clear it quits, and so does a second Ctrl-C in a row.
    private func clearOrQuit(_ state: inout AppState) -> [Effect] {
        let quits = keymap.key(for: .clearOrQuit, in: .composer).map { " \($0) again quits." } ?? ""
        if state.turn?.isCancelling == false {
            state.flash = Flash(text: "Stopping the answer." + quits, isError: false)
            return cancelTurn(&state)
        }
        if !state.composer.field.isEmpty {
            state.composer.field.killAll()
            let yank = keymap.key(for: .yank, in: .composer).map { " (\($0) brings it back)" } ?? ""
            state.flash = Flash(text: "Cleared\(yank)." + quits, isError: false)
        } else if state.turn != nil {
            state.flash = Flash(text: "Still stopping the answer." + quits, isError: false)
        } else {
            state.isQuitting = true
            return []
        }
        state.quitArmed = true
        return []
    }

    private func sendOrRunCommand(_ state: inout AppState) -> [Effect] {
        let text = state.composer.field.text
        if SlashEscape.isCommand(text) {
            let parts = text.dropFirst().split(maxSplits: 1, whereSeparator: \.isWhitespace)
            let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespacesAndNewlines) : ""
            return run(commandNamed: parts.first.map(String.init) ?? "", argument: argument, in: &state)
        }
        let body = SlashEscape.message(from: text).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else { return [] }
        return send(body, in: &state)
    }

    private func recallHistory(_ state: inout AppState, older: Bool) {
        let history = state.composer.history
        if older {
            let next = (state.composer.historyIndex ?? -1) + 1
            guard next < history.count else { return }
            if state.composer.historyIndex == nil { state.composer.stashedDraft = state.composer.field.text }
            state.composer.historyIndex = next
            state.composer.field.setText(SlashEscape.composerText(for: history[next]))
        } else {
            guard let index = state.composer.historyIndex else { return }
            state.composer.historyIndex = index == 0 ? nil : index - 1
            state.composer.field.setText(index == 0 ? state.composer.stashedDraft : SlashEscape.composerText(for: history[index - 1]))
        }
    }

    /// Runs a slash command; the command line does not stay as a draft
    /// (clearing the composer saves the empty draft like any other edit).
    func run(commandNamed name: String, argument: String, in state: inout AppState) -> [Effect] {
        if CommandTable.command(named: name) == nil, let prompt = enabledPrompts(state).first(where: { $0.command == name }) {
            state.slashMenu = nil
            return runPrompt(prompt, in: &state)
        }
        guard let command = CommandTable.command(named: name) else {
            state.flash = Flash(text: name.isEmpty ? "Type a command name after /" : "Unknown command /\(name). Type / to see commands, // to send a message starting with /.", isError: true)
            return []
        }
        state.composer.field = TextField()
        state.composer.menuDismissed = false
        return execute(command, argument: argument, in: &state)
    }

    /// What a slash command does, whether typed after `/` or bound to a key.
    func execute(_ command: KeyCommand, argument: String, in state: inout AppState) -> [Effect] {
        var effects: [Effect] = []
        switch command {
        case .newConversation:
            if state.transcript.messages.isEmpty {
                state.flash = Flash(text: "This conversation is still empty: it is the new one.", isError: false)
            } else {
                effects.append(.newConversation)
            }
        case .conversations:
            state.overlay = .conversations(ConversationsPanel())
            effects.append(.listConversations(query: ""))
        case .rename:
            if argument.isEmpty {
                state.overlay = .rename(TextField(state.conversation.title), error: nil)
            } else {
                effects += rename(to: argument, in: &state)
            }
        case .model:
            if !argument.isEmpty { return [.chooseModel(state.conversation.id, argument)] }
            var unique: [String] = []
            for name in [state.modelName, state.defaultModel].compactMap({ $0 }) where !unique.contains(name) { unique.append(name) }
            state.overlay = .models(ModelPicker(all: unique, list: SelectionList(count: unique.count)))
            effects.append(.listModels)
        case .connectors:
            effects += openConnectors(&state, named: argument)
        case .directory:
            effects += openDirectory(&state)
        case .task:
            effects += newTask(title: argument, in: &state)
        case .export:
            effects.append(.exportConversation(state.conversation.id, path: argument.isEmpty ? nil : argument, confirmed: false))
        case .tools:
            effects += setToolAccess(argument, in: &state)
        case .theme:
            let index = state.themeNames.firstIndex(of: state.themeName) ?? 0
            state.overlay = .themes(ThemePicker(list: SelectionList(count: state.themeNames.count, selected: index), original: state.themeName))
        case .help:
            state.overlay = .help(HelpPanel())
        case .status:
            state.overlay = .help(HelpPanel(content: .statusLog))
        case .find:
            effects += openFind(argument, in: &state)
        case .copy:
            effects += copyLastAnswer(in: &state)
        case .edit:
            effects += editLastMessage(in: &state)
        case .retry:
            effects += retryLastTurn(in: &state)
        case .quit:
            state.isQuitting = true
        default:
            break
        }
        return effects
    }

    func rename(to title: String, in state: inout AppState) -> [Effect] {
        let clean = title.trimmingCharacters(in: .whitespacesAndNewlines)
        state.conversation.title = clean
        state.conversation.titleIsCustom = true
        state.flash = Flash(text: "Renamed to “\(clean)”", isError: false)
        return [.renameConversation(state.conversation.id, clean)]
    }
}
