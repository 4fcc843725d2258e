import ConnectorMenu
import ConversationModel
import TerminalUI

/// `/connectors` is `ConnectorsFeature` (in ConnectorMenu); the root opens it, hands it keys with the
/// roster, and does what it asks: the uses, the connections and the layers over it are the app's.
extension AppReducer {
    /// `/connectors` (NAME) opens on the files as they are now, so it is asked of the live side first.
    func openConnectors(_ state: inout AppState, named name: String = "") -> [Effect] {
        [.openConnectors(named: name)]
    }

    /// The files were read again: the panel, or NAME's details, or why there is no such connector.
    func showConnectors(_ state: inout AppState, named name: String) -> [Effect] {
        guard let panel = ConnectorsFeature.opened(named: name, names: state.connectorNames) else {
            state.flash = Flash(text: "No connector named “\(name)”. /connectors lists them.", isError: true)
            return []
        }
        state.overlay = .connectors(panel)
        return Self.detailsOpened(from: .list, to: panel.mode)
    }

    func reduceConnectors(_ state: inout AppState, panel: ConnectorsFeature.State, key: KeyEvent) -> [Effect] {
        var panel = panel
        let before = panel.mode
        let delegates = ConnectorsFeature.reduce(&panel, .key(key), roster: state.connectorRoster, keymap: keymap)
        state.overlay = .connectors(panel)
        return Self.detailsOpened(from: before, to: panel.mode) + delegates.flatMap { connectorsAsked($0, in: &state) }
    }

    /// A connector's details show what it offers, so opening them starts one nothing had started.
    private static func detailsOpened(from before: ConnectorsFeature.State.Mode, to after: ConnectorsFeature.State.Mode) -> [Effect] {
        guard case .details(let name) = after, before != after else { return [] }
        return [.startConnector(name)]
    }

    private func connectorsAsked(_ delegate: ConnectorsFeature.Delegate, in state: inout AppState) -> [Effect] {
        switch delegate {
        case .close:
            state.overlay = nil
        case .flash(let text, let isError):
            state.flash = Flash(text: text, isError: isError)
        case .setUses(let uses):
            state.connectorUses.merge(uses) { $1 }
            return [.setConnectorUses(state.conversation.id, uses)]
        case .saveDefaultUses:
            return [.saveDefaultConnectorUses(state.connectorUses)]
        case .openDirectory:
            return openDirectory(&state)
        case .addCustom:
            state.overlay = .form(.customConnector(keymap: keymap))
        case .reconnect(let name):
            state.connectors[name]?.health = .starting
            state.connectors[name]?.reason = nil
            return [.reconnect(name)]
        case .disconnect(let name):
            return [.disconnect(name)]
        case .signIn(let name):
            return startSignIn(name, in: &state)
        case .toggleTrust(let name):
            return [.toggleTrust(name)]
        case .confirm(let question):
            let onYes: Confirmation.Confirmed
            switch question.yes {
            case .remove(let name): onYes = .removeConnector(name)
            case .toggleTrust(let name): onYes = .run([.toggleTrust(name)])
            }
            state.push(.confirm(Confirmation(title: question.title, question: question.text, onYes: onYes, declined: question.declined)))
        }
        return []
    }

    /// The custom-connector form, filled in: checked, then added and shown in the panel.
    func submitCustomConnector(_ form: FormPanel, values: [String: String], in state: inout AppState) -> [Effect] {
        switch CustomConnector.make(values, existing: Set(state.connectors.keys)) {
        case .failure(let problem):
            var form = form
            _ = FormFeature.reduce(&form, .refused(problem.message, field: problem.field), keymap: keymap)
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
        state.overlay = .connectors(ConnectorsFeature.State(list: SelectionList(count: state.connectors.count), mode: .details(name)))
        state.connectorUses[name] = .on
        state.flash = Flash(text: saying, isError: false)
    }

    /// A yes to removing a connector, with the connectors panel on top again.
    func removeConnector(_ name: String, in state: inout AppState) -> [Effect] {
        showConnectorList(in: &state)
        state.flash = Flash(text: "Removed \(name) from your connectors.", isError: false)
        return [.removeConnector(name)]
    }

    func connectorRemoved(_ name: String, in state: inout AppState) {
        state.connectors[name] = nil
        state.connectorUses[name] = nil
        // Its details give way to the list; the panel may already show another connector (one added
        // since the removal was asked for), which stays.
        if case .connectors(let panel)? = state.overlay, panel.mode == .details(name) { showConnectorList(in: &state) }
    }

    private func showConnectorList(in state: inout AppState) {
        guard case .connectors(var panel)? = state.overlay else { return }
        _ = ConnectorsFeature.reduce(&panel, .showList, roster: state.connectorRoster, keymap: keymap)
        state.overlay = .connectors(panel)
    }
}

extension FormPanel {
    /// The custom-connector form; `CustomConnector` (in ConnectorMenu) says what it asks and checks the answers.
    static func customConnector(keymap: Keymap) -> FormPanel {
        FormPanel(purpose: .customConnector, title: CustomConnector.formTitle, note: CustomConnector.formNote(keymap: keymap), form: CustomConnector.form)
    }
}
