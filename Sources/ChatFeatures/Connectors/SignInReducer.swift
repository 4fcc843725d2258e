import ConnectorMenu
import ConversationModel
import TerminalUI

/// The root's side of sign-in (`SignInFeature`): the card opens from a connector's details (s), or
/// by itself when a connector just installed or turned on turns out to need sign-in; the root
/// pushes it, hands it keys and the session's news, and does what it asks.
extension AppReducer {
    func startSignIn(_ name: String, in state: inout AppState) -> [Effect] {
        state.signInWhenNeeded.remove(name)
        // Over the connectors panel when it is open, so closing the card shows it as it was.
        let card = SignInFeature.State(connector: name)
        if case .connectors = state.overlay { state.push(.signIn(card)) } else { state.overlay = .signIn(card) }
        return [.signIn(name)]
    }

    func reduceSignIn(_ state: inout AppState, panel: SignInFeature.State, _ action: SignInFeature.Action) -> [Effect] {
        reduce(panel, action, in: &state)
    }

    /// The session's news of a sign-in goes to its card when that is on top; otherwise it is only said.
    func signInEvent(_ action: Action, in state: inout AppState) -> [Effect] {
        let name: String
        let event: SignInFeature.Action
        switch action {
        case .signInStarted(let connector, let url, let port): (name, event) = (connector, .started(url: url, port: port))
        case .signInFinished(let connector): (name, event) = (connector, .finished)
        case .signInFailed(let connector, let message): (name, event) = (connector, .failed(message))
        default: return []
        }
        guard case .signIn(let card)? = state.overlay, card.connector == name else {
            return SignInFeature.offScreen(event, connector: name).flatMap { signInAsked($0, connector: name, in: &state) }
        }
        return reduce(card, event, in: &state)
    }

    /// A connector that needs sign-in and was just installed or turned on gets the card.
    func signInIfWanted(_ info: ConnectorInfo, in state: inout AppState) -> [Effect] {
        guard info.health == .needsSignIn, state.signInWhenNeeded.contains(info.name), state.overlay == nil || isConnectorsOverlay(state) else { return [] }
        return startSignIn(info.name, in: &state)
    }

    private func reduce(_ card: SignInFeature.State, _ action: SignInFeature.Action, in state: inout AppState) -> [Effect] {
        var card = card
        let delegates = SignInFeature.reduce(&card, action, keymap: keymap)
        state.overlay = .signIn(card)
        return delegates.flatMap { signInAsked($0, connector: card.connector, in: &state) }
    }

    private func signInAsked(_ delegate: SignInFeature.Delegate, connector: String, in state: inout AppState) -> [Effect] {
        switch delegate {
        case .close: closeSignIn(connector, in: &state)
        case .cancel: return [.cancelSignIn(connector)]
        case .copyLink(let url): return [.copyToClipboard(url)]
        case .finish(let pasted): return [.pasteSignIn(connector, pasted)]
        case .flash(let text, let isError): state.flash = Flash(text: text, isError: isError)
        }
        return []
    }

    /// Closes the card: back to the panel under it, or to the connector's details when it opened by itself.
    private func closeSignIn(_ name: String, in state: inout AppState) {
        state.overlay = nil
        if state.overlay == nil {
            state.overlay = .connectors(ConnectorsFeature.State(list: SelectionList(count: state.connectors.count), mode: .details(name)))
        }
    }

    private func isConnectorsOverlay(_ state: AppState) -> Bool {
        if case .connectors = state.overlay { return true }
        return false
    }
}
