import ConnectorMenu
import ConversationModel
import TerminalUI

/// The sign-in card: it opens from a connector's details (s), or by itself when a connector
/// just installed or turned on turns out to need sign-in.
extension AppReducer {
    func startSignIn(_ name: String, in state: inout AppState) -> [Effect] {
        state.signInWhenNeeded.remove(name)
        // Over the connectors panel when it is open, so closing the card shows it as it was.
        if case .connectors = state.overlay { state.push(.signIn(SignInPanel(connector: name))) } else { state.overlay = .signIn(SignInPanel(connector: name)) }
        return [.signIn(name)]
    }

    /// Closes the card: back to the panel under it, or to the connector's details when it opened by itself.
    private func closeSignIn(_ name: String, in state: inout AppState) {
        state.overlay = nil
        if state.overlay == nil {
            state.overlay = .connectors(ConnectorsFeature.State(list: SelectionList(count: state.connectors.count), mode: .details(name)))
        }
    }

    func reduceSignIn(_ state: inout AppState, panel: SignInPanel, key: KeyEvent) -> [Effect] {
        var panel = panel
        switch keymap.command(for: key, in: .signIn) {
        case .copyLink:
            guard case .waiting(let url, _) = panel.status else { break }
            state.flash = Flash(text: "Copied the sign-in URL.", isError: false)
            return [.copyToClipboard(url)]
        case .close:
            closeSignIn(panel.connector, in: &state)
            return [.cancelSignIn(panel.connector)]
        case .menuAccept:
            let text = panel.paste.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty, case .waiting = panel.status else { break }
            panel.status = .finishing
            state.overlay = .signIn(panel)
            return [.pasteSignIn(panel.connector, text)]
        default:
            _ = panel.paste.handle(key, keymap: keymap, mode: .prompt)
        }
        state.overlay = .signIn(panel)
        return []
    }

    func signInEvent(_ action: Action, in state: inout AppState) -> [Effect] {
        switch action {
        case .signInStarted(let name, let url, let port):
            guard case .signIn(var panel) = state.overlay, panel.connector == name else { return [] }
            panel.status = .waiting(url: url, port: port)
            state.overlay = .signIn(panel)
        case .signInFinished(let name):
            state.flash = Flash(text: "Signed in to \(name).", isError: false)
            if case .signIn(let panel) = state.overlay, panel.connector == name { closeSignIn(name, in: &state) }
        case .signInFailed(let name, let message):
            if case .signIn(var panel) = state.overlay, panel.connector == name {
                panel.status = .failed(message)
                state.overlay = .signIn(panel)
            } else {
                state.flash = Flash(text: "\(name): \(message)", isError: true)
            }
        default: break
        }
        return []
    }

    /// A connector that needs sign-in and was just installed or turned on gets the card.
    func signInIfWanted(_ info: ConnectorInfo, in state: inout AppState) -> [Effect] {
        guard info.health == .needsSignIn, state.signInWhenNeeded.contains(info.name), state.overlay == nil || isConnectorsOverlay(state) else { return [] }
        return startSignIn(info.name, in: &state)
    }

    private func isConnectorsOverlay(_ state: AppState) -> Bool {
        if case .connectors = state.overlay { return true }
        return false
    }
}
