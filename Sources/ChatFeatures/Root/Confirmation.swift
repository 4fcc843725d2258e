import ConversationModel
import TerminalUI

/// A yes/no question and what a yes does.
public struct Confirmation: Equatable, Sendable {
    /// What a yes does, once the question is closed and the layer that asked is on top again.
    enum Confirmed: Equatable, Sendable {
        case run([Effect])
        /// The conversations panel forgets the row at once; the store deletes it.
        case deleteConversation(ConversationSummary)
        /// The connectors panel goes back to its list; the configuration loses it.
        case removeConnector(String)
        /// A view's message takes the composer's place of the person's draft; the view is told.
        case writeMessage(String, request: String)
    }

    var title: String
    var question: String
    var onYes: Confirmed
    /// Said when the answer is no (nothing when the layer below says enough).
    var declined: String?
    /// What a no does besides (a view waiting for the answer is told).
    var onNo: [Effect] = []
    /// Raised by a live view, unasked: it may appear while the person types, so a typed `y` never
    /// allows it (only `allowViewRequest`, Ctrl-Y), and any other key refuses it and goes on where
    /// it was going (typed y's once approved a view's destructive call).
    var raisedByView = false
}

/// The one confirmation layer: pushed over what asked, closed by any key, which shows the layer
/// below as it was; `y` then runs what the confirmation carries.
extension AppReducer {
    func reduceConfirm(_ state: inout AppState, confirmation: Confirmation, key: KeyEvent) -> [Effect] {
        state.overlay = nil
        let allowed = confirmation.raisedByView ? keymap.command(for: key, in: .confirm) == .allowViewRequest
                                                : key.typedCharacter == "y" || key.typedCharacter == "Y"
        guard allowed else {
            if let declined = confirmation.declined { state.flash = Flash(text: declined, isError: false) }
            let passedOn = confirmation.raisedByView && key != KeyEvent(.escape) && key != .ctrl("c")
            return confirmation.onNo + (passedOn ? route(key, in: &state) : [])
        }
        switch confirmation.onYes {
        case .run(let effects): return effects
        case .deleteConversation(let doomed): return deleteConversation(doomed, in: &state)
        case .removeConnector(let name): return removeConnector(name, in: &state)
        case .writeMessage(let text, let request): return writeViewMessage(text, in: &state) + [.answerViewRequest(request, accepted: true)]
        }
    }
}
