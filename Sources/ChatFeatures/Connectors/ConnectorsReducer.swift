import ConnectorMenu
import ConversationModel
import TerminalText

/// `/connectors`: turning connectors on, on demand or off here, and each one's details.
extension AppReducer {
    func openConnectors(_ state: inout AppState, named name: String = "") -> [Effect] {
        let names = state.connectorNames
        var panel = ConnectorsPanel(list: SelectionList(count: names.count))
        if !name.isEmpty {
            guard let index = names.firstIndex(where: { $0.lowercased() == name.lowercased() }) else {
                state.flash = Flash(text: "No connector named “\(name)”. /connectors lists them.", isError: true)
                return []
            }
            panel.list.select(index)
            panel.mode = .details(names[index])
        }
        state.overlay = .connectors(panel)
        return []
    }

    func reduceConnectors(_ state: inout AppState, panel: ConnectorsPanel, key: KeyEvent) -> [Effect] {
        let names = state.connectorNames
        var panel = panel.synced(to: names)
        let command = keymap.command(for: key, in: state.inputMode)
        var effects: [Effect] = []
        switch panel.mode {
        case .list:
            let selected = names.indices.contains(panel.list.selected) ? names[panel.list.selected] : nil
            switch command {
            case .menuUp: panel.list.move(by: -1)
            case .menuDown: panel.list.move(by: 1)
            case .close:
                state.overlay = nil
                return []
            case .menuAccept:
                if let selected { panel.mode = .details(selected); panel.detailsTop = 0 }
            case .cycleUse:
                if let selected { effects = setUses([selected: (state.connectorUses[selected] ?? .on).next], in: &state) }
            case .allOn: effects = setUses(Dictionary(uniqueKeysWithValues: names.map { ($0, .on) }), in: &state)
            case .allOff: effects = setUses(Dictionary(uniqueKeysWithValues: names.map { ($0, .off) }), in: &state)
            case .directory:
                return openDirectory(&state)
            case .addCustom:
                state.overlay = .form(.customConnector(keymap: keymap))
                return []
            case .saveDefault:
                state.flash = Flash(text: "New conversations will start with these connectors.", isError: false)
                effects = [.saveDefaultConnectorUses(state.connectorUses)]
            default: break
            }
        case .details(let name):
            switch command {
            case .close: panel.mode = .list
            case .cycleUse: effects = setUses([name: (state.connectorUses[name] ?? .on).next], in: &state)
            case .reconnect where state.offers(.reconnect):
                state.connectors[name]?.health = .starting
                state.connectors[name]?.reason = nil
                effects = [.reconnect(name)]
            case .remove:
                state.push(.confirm(Confirmation(title: "Remove connector",
                                                 question: "Remove \(Sanitizer.clean(name, keepNewlines: false)) from your configuration? y removes, any other key keeps it.",
                                                 onYes: .removeConnector(name))))
            case .trust: effects = [.toggleTrust(name)]
            case .signIn: return startSignIn(name, in: &state)
            case .disconnect:
                state.flash = Flash(text: "Forgot \(name)'s sign-in.", isError: false)
                state.connectors[name]?.health = .starting
                effects = [.disconnect(name)]
            case .cursorUp, .menuUp: panel.detailsTop = max(0, panel.detailsTop - 1)
            case .cursorDown, .menuDown: panel.detailsTop += 1
            case .scrollPageUp: panel.detailsTop = max(0, panel.detailsTop - 10)
            case .scrollPageDown: panel.detailsTop += 10
            default: break
            }
        }
        // Unless an action covered the panel (sign-in or a confirmation pushed over it).
        if case .connectors = state.overlay { state.overlay = .connectors(panel) }
        return effects
    }

    /// Changes connectors' states in this conversation; they apply from the next model call.
    /// A connector blocked by policy stays off.
    private func setUses(_ uses: [String: ConnectorUse], in state: inout AppState) -> [Effect] {
        var uses = uses
        for (name, use) in uses where use != .off && state.connectors[name]?.health == .blocked {
            uses[name] = nil
            if uses.isEmpty { state.flash = Flash(text: "\(name) is \(state.connectors[name]?.reason ?? "blocked by policy").", isError: true) }
        }
        guard !uses.isEmpty else { return [] }
        state.connectorUses.merge(uses) { $1 }
        var effects: [Effect] = [.setConnectorUses(state.conversation.id, uses)]
        // Turning on a connector that needs sign-in opens sign-in.
        if uses.count == 1, let (name, use) = uses.first, use != .off, state.connectors[name]?.health == .needsSignIn {
            effects += startSignIn(name, in: &state)
        }
        return effects
    }

    /// The custom-connector form, filled in: checked, then added and shown in the panel.
    func submitCustomConnector(_ form: FormPanel, values: [String: String], in state: inout AppState) -> [Effect] {
        switch CustomConnector.make(values, existing: Set(state.connectors.keys)) {
        case .failure(let problem):
            var form = form
            form.problem = problem.message
            form.fields.focus = problem.field
            state.overlay = .form(form)
            return []
        case .success(let connector):
            showAdded(connector.name, saying: "Adding \(connector.name)…", in: &state)
            return [.addCustomConnector(connector, conversation: state.conversation.id)]
        }
    }

    /// What another feature asks when it added a connector (the registry's install): the panel
    /// shows it, on in this conversation, while it starts.
    func showAdded(_ name: String, saying: String, in state: inout AppState) {
        state.overlay = .connectors(ConnectorsPanel(list: SelectionList(count: state.connectors.count), mode: .details(name)))
        state.connectorUses[name] = .on
        state.flash = Flash(text: saying, isError: false)
    }

    /// A yes to removing a connector, with the connectors panel on top again.
    func removeConnector(_ name: String, in state: inout AppState) -> [Effect] {
        if case .connectors(var panel)? = state.overlay {
            panel.mode = .list
            state.overlay = .connectors(panel)
        }
        state.flash = Flash(text: "Removed \(name) from your connectors.", isError: false)
        return [.removeConnector(name)]
    }

    func connectorRemoved(_ name: String, in state: inout AppState) {
        state.connectors[name] = nil
        state.connectorUses[name] = nil
        if case .connectors(var panel) = state.overlay {
            panel = panel.synced(to: state.connectorNames)
            panel.mode = .list
            state.overlay = .connectors(panel)
        }
    }
}
