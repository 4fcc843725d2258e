import ConnectorMenu
import ConversationModel
import TerminalText
import TerminalUI

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
            case .trust where state.connectors[name]?.health == .notApproved:
                state.push(.confirm(projectApproval(state)))
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

    /// Approving a folder's `.mcp.json` starts every server in it: the question names each one, what it runs
    /// or where it connects, and which of the person's secrets and loader settings it would get, before `y`.
    private func projectApproval(_ state: AppState) -> Confirmation {
        let members = state.connectorNames.compactMap { state.connectors[$0] }.filter { $0.source == .thisFolder && $0.health == .notApproved }
        let servers = members.map { info -> String in
            var line = "• \(Sanitizer.clean(info.name, keepNewlines: false)): \(Sanitizer.clean(info.address, keepNewlines: false))"
            let secrets = info.variablesRead.filter(SecretNames.looksSecret)
            if info.inheritsEnvironment { line += "\n  gets your whole environment, every key in it" }
            if !secrets.isEmpty { line += "\n  gets your secret \(secrets.joined(separator: ", "))" }
            let others = info.variablesRead.filter { !SecretNames.looksSecret($0) }
            if !others.isEmpty { line += "\n  reads your \(others.joined(separator: ", "))" }
            let loaders = info.environmentSet.filter { $0.hasPrefix("LD_") || $0.hasPrefix("DYLD_") || ["NODE_OPTIONS", "PYTHONPATH", "PYTHONSTARTUP", "BASH_ENV", "ENV"].contains($0) }
            if !loaders.isEmpty { line += "\n  sets \(loaders.joined(separator: ", ")), which runs code in what it starts" }
            return line
        }
        return Confirmation(
            title: "Approve this folder's .mcp.json",
            question: "It was written by whoever made this folder, and approving starts all of it now and whenever chattui starts here:\n"
                + servers.joined(separator: "\n") + "\n\ny approves and starts them (off in conversations until you turn them on); any other key does not.",
            onYes: .run([.toggleTrust(members.first?.name ?? "")]),
            declined: "Not approved: nothing from this folder runs.")
    }
}
