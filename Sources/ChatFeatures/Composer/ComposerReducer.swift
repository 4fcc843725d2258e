import ConnectorMenu
import ConversationModel
import TerminalUI

/// The root's side of the composer (`ComposerFeature`): it hands the composer keys and pastes with
/// what it reads, and does what it asks: sending, slash commands, scrolling, the turn.
extension AppReducer {
    func reduceComposer(_ state: inout AppState, key: KeyEvent) -> [Effect] {
        reduceComposer(&state, .key(key))
    }

    func reduceComposer(_ state: inout AppState, _ action: ComposerFeature.Action) -> [Effect] {
        let context = composerContext(state)
        let delegates = ComposerFeature.reduce(&state.composer, action, context: context)
        return delegates.flatMap { composerAsked($0, in: &state) }
    }

    /// Opens, refilters or closes the slash menu to match the composer (a conversation was opened).
    func syncSlashMenu(_ state: inout AppState) {
        let context = composerContext(state)
        ComposerFeature.syncMenu(&state.composer, context: context)
    }

    private func composerContext(_ state: AppState) -> ComposerFeature.Context {
        let turn: ComposerFeature.TurnPhase = state.turn.map { $0.isCancelling ? .stopping : .answering } ?? .idle
        return ComposerFeature.Context(keymap: keymap, textWidth: ScreenGeometry(state: state).composerTextWidth, turn: turn,
                                       prompts: promptCommands(state), offersResources: !enabledResources(state).isEmpty)
    }

    private func composerAsked(_ delegate: ComposerFeature.Delegate, in state: inout AppState) -> [Effect] {
        switch delegate {
        case .edited(let before): return reduceComposer(&state, .settle(from: before))
        case .send(let body): return send(body, in: &state)
        case .execute(let command, let argument): return execute(command, argument: argument, in: &state)
        case .runPrompt(let name):
            guard let prompt = enabledPrompts(state).first(where: { $0.command == name }) else { return [] }
            return runPrompt(prompt, in: &state)
        case .saveDraft(let text): return [.saveDraft(state.conversation.id, text)]
        case .flash(let text, let isError): state.flash = Flash(text: text, isError: isError)
        case .scrollPage(let up): return scrollTranscriptPage(&state, up: up)
        case .scrollTop: return scrollTranscriptToTop(&state)
        case .scrollBottom: return scrollTranscriptToBottom(&state)
        case .suspend: return [.suspendToShell]
        case .cancelTurn: return state.turn == nil ? stopViewCalls(&state) : cancelTurn(&state)
        case .focusCards: return focusCards(&state)
        case .selectMessages: return selectMessageToCopy(in: &state)
        case .openResourcePicker: openResourcePicker(&state)
        case .armQuit: state.quitArmed = true
        case .quit: state.isQuitting = true
        }
        return []
    }

    func paste(_ text: String, into state: inout AppState) -> [Effect] {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        // A connector's form that has the keys has the paste too (it went into the composer, out of sight).
        if case .question(.elicitation(let form, let connector)) = state.keyTarget {
            return reduceElicitation(&state, form: form, from: connector, .paste(normalized))
        }
        switch state.overlay {
        case nil where state.keyTarget.isStartingLiveCard(in: state):
            state.flash = Flash(text: Self.viewStillStarting, isError: false)
            return []
        case nil where state.keyTarget.isDrawnLiveCard(in: state):
            // The keys are the view's, so the paste is too (it once landed in the composer, out of sight).
            guard case .card(let address) = state.keyTarget else { return [] }
            return [.liveViewInput(address, .pasted(normalized))]
        case nil:
            return reduceComposer(&state, .paste(normalized))
        case .rename(var field, _):
            field.insertOnOneLine(normalized)
            state.overlay = .rename(field, error: nil)
            return []
        case .conversations(var panel) where panel.mode == .browsing:
            panel.search.insertOnOneLine(normalized)
            state.overlay = .conversations(panel)
            return [.listConversations(query: panel.search.text)]
        case .find(let bar):
            return pasteIntoFind(normalized, bar: bar, in: &state)
        case .form(let form):
            return reduceForm(&state, form: form, .paste(normalized))
        case .signIn(let card):
            return reduceSignIn(&state, panel: card, .paste(normalized))
        default:
            return []
        }
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
