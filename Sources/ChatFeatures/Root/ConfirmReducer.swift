/// The one confirmation layer: pushed over what asked, closed by any key, which shows the layer
/// below as it was; `y` then runs what the confirmation carries.
extension AppReducer {
    func reduceConfirm(_ state: inout AppState, confirmation: Confirmation, key: KeyEvent) -> [Effect] {
        state.overlay = nil
        guard key.typedCharacter == "y" || key.typedCharacter == "Y" else {
            if let declined = confirmation.declined { state.flash = Flash(text: declined, isError: false) }
            return confirmation.onNo
        }
        switch confirmation.onYes {
        case .run(let effects): return effects
        case .deleteConversation(let doomed): return deleteConversation(doomed, in: &state)
        case .removeConnector(let name): return removeConnector(name, in: &state)
        }
    }
}
