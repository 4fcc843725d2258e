import ConnectorMenu
import ConversationModel
import TerminalUI

/// The directory: browse by category (Tab), search as you type, Enter for details, `i` to install.
extension AppReducer {
    func openDirectory(_ state: inout AppState) -> [Effect] {
        state.overlay = .directory(DirectoryPanel())
        return [.loadDirectory]
    }

    func directoryLoaded(_ result: Result<ConnectorDirectory, DirectoryError>, in state: inout AppState) {
        guard case .directory(var panel) = state.overlay else { return }
        switch result {
        case .success(let directory): panel.load = .loaded(directory)
        case .failure(let error): panel.load = .failed("Could not load the connectors directory: \(error)")
        }
        panel.list.reset(count: panel.matches.count)
        state.overlay = .directory(panel)
    }

    func reduceDirectory(_ state: inout AppState, panel: DirectoryPanel, key: KeyEvent) -> [Effect] {
        var panel = panel
        let command = keymap.command(for: key, in: state.inputMode)
        var effects: [Effect] = []
        if let details = panel.registryDetails {
            if !registryDetailsKey(command, details: details, panel: &panel, in: &state) { state.overlay = .directory(panel) }
            return []
        }
        if let entry = panel.details {
            switch command {
            case .close: panel.details = nil
            case .install:
                if state.connectors[entry.name] != nil {
                    state.flash = Flash(text: "\(entry.title) is already installed. /connectors \(entry.name) shows it.", isError: false)
                } else {
                    state.flash = Flash(text: "Installing \(entry.title)…", isError: false)
                    state.connectorUses[entry.name] = .on
                    state.signInWhenNeeded.insert(entry.name)
                    effects = [.installConnector(entry, conversation: state.conversation.id)]
                    state.overlay = nil
                    return effects
                }
            default: break
            }
            state.overlay = .directory(panel)
            return effects
        }
        if panel.isOnRegistry, let registryEffects = registryListKey(command, key: key, panel: &panel) {
            state.overlay = .directory(panel)
            return registryEffects
        }
        let matches = panel.matches
        switch command {
        case .close:
            state.overlay = nil
            return []
        case .menuUp: panel.list.move(by: -1)
        case .menuDown: panel.list.move(by: 1)
        case .nextField, .previousField:
            let count = panel.categories.count
            panel.category = (panel.category + (command == .nextField ? 1 : count - 1)) % count
            panel.list.reset(count: panel.matches.count)
            if panel.isOnRegistry { effects = enterRegistryTab(&panel) }
        case .menuAccept:
            if matches.indices.contains(panel.list.selected) { panel.details = matches[panel.list.selected] }
        default:
            let before = panel.search.text
            _ = panel.search.handle(key, keymap: keymap, mode: .prompt)
            if panel.search.text != before { panel.list.reset(count: panel.matches.count) }
        }
        state.overlay = .directory(panel)
        return effects
    }
}
