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
        /// A view's message takes the composer's place of the person's draft.
        case writeMessage(String)
    }

    var title: String
    var question: String
    var onYes: Confirmed
    /// Said when the answer is no (nothing when the layer below says enough).
    var declined: String?
    /// What a no does besides (a view waiting for the answer is told).
    var onNo: [Effect] = []
}

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
        case .writeMessage(let text): return writeViewMessage(text, in: &state)
        }
    }
}
