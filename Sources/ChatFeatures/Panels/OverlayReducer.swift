import ConnectorMenu
import ConversationModel
import TerminalText
import TerminalUI

extension AppReducer {
    func reduceOverlay(_ state: inout AppState, key: KeyEvent) -> [Effect] {
        let command = keymap.command(for: key, in: state.inputMode)
        switch state.overlay {
        case .help(let panel):
            return reduceHelp(&state, panel: panel, key: key)
        case .themes(let picker):
            return reduceThemes(&state, picker: picker, key: key)
        case .rename(let field, let error):
            return reduceRename(&state, prompt: RenameFeature.State(field: field, error: error), key: key)
        case .conversations(let panel):
            return reduceConversations(&state, panel: panel, key: key)
        case .models(let picker):
            return reduceModels(&state, picker: picker, .key(key))
        case .connectors(let panel):
            return reduceConnectors(&state, panel: panel, key: key)
        case .signIn(let panel):
            return reduceSignIn(&state, panel: panel, .key(key))
        case .confirm(let confirmation):
            return reduceConfirm(&state, confirmation: confirmation, key: key)
        case .choose(let panel):
            return reduceChoice(&state, panel: panel, command: command)
        case .directory:
            return reduceDirectory(&state, key: key)
        case .form(let form):
            return reduceForm(&state, form: form, .key(key))
        case .resources(let picker):
            return reduceResourcePicker(&state, picker: picker, key: key)
        case .find(let bar):
            return reduceFind(&state, bar: bar, key: key)
        case .selectMessage(let selection):
            return reduceMessageSelection(&state, selection: selection, key: key)
        case nil:
            return []
        }
    }

    private func reduceRename(_ state: inout AppState, prompt: RenameFeature.State, key: KeyEvent) -> [Effect] {
        var prompt = prompt
        let delegates = RenameFeature.reduce(&prompt, key: key, keymap: keymap)
        state.overlay = .rename(prompt.field, error: prompt.error)
        return delegates.flatMap { delegate -> [Effect] in
            switch delegate {
            case .close: state.overlay = nil; return []
            case .rename(let title): return rename(to: title, in: &state)
            }
        }
    }

    func reduceModels(_ state: inout AppState, picker: ModelPicker, _ action: ModelsFeature.Action) -> [Effect] {
        var picker = picker
        let delegates = ModelsFeature.reduce(&picker, action, keymap: keymap)
        state.overlay = .models(picker)
        return delegates.flatMap { delegate -> [Effect] in
            switch delegate {
            case .close: state.overlay = nil; return []
            case .choose(let name): return [.chooseModel(state.conversation.id, name)]
            }
        }
    }

    private func reduceHelp(_ state: inout AppState, panel: HelpPanel, key: KeyEvent) -> [Effect] {
        var panel = panel
        let viewport = Screen.panelRect(state).inner
        let lineCount = HelpText.lines(for: panel, statusLog: state.statusLog, keymap: keymap, width: viewport.width).count
        let delegates = HelpFeature.reduce(&panel, key: key, lineCount: lineCount, viewportHeight: viewport.height, keymap: keymap)
        state.overlay = delegates.contains(.close) ? nil : .help(panel)
        return []
    }

    private func reduceThemes(_ state: inout AppState, picker: ThemePicker, key: KeyEvent) -> [Effect] {
        var picker = picker
        let delegates = ThemesFeature.reduce(&picker, key: key, themes: state.themeNames, keymap: keymap)
        state.overlay = .themes(picker)
        return delegates.flatMap { delegate -> [Effect] in
            switch delegate {
            case .preview(let name):
                state.themeName = name
                return []
            case .close:
                state.overlay = nil
                return []
            case .keep:
                state.flash = Flash(text: "Theme: \(state.themeName)", isError: false)
                return [.saveTheme(state.themeName)]
            }
        }
    }
}
