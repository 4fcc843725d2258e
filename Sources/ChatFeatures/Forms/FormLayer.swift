import ConversationModel
import TerminalUI

/// The root's side of a form in the layer stack (`FormFeature`): it hands the form its keys and
/// sends what the form answers to whoever opened it. A connector's question is a form too, but it
/// waits in the question queue, which answers it (`reduceElicitation`).
extension AppReducer {
    func reduceForm(_ state: inout AppState, form: FormPanel, _ action: FormFeature.Action) -> [Effect] {
        var form = form
        let answers = FormFeature.reduce(&form, action, keymap: keymap)
        state.overlay = .form(form)
        return answers.flatMap { formAnswered($0, form: form, in: &state) }
    }

    private func formAnswered(_ answer: FormFeature.Delegate, form: FormPanel, in state: inout AppState) -> [Effect] {
        switch (form.purpose, answer) {
        case (.elicitation(let id, let url), _):
            state.overlay = nil
            return elicitationAnswered(answer, id: id, url: url)
        case (_, .cancelled), (_, .declined):
            state.overlay = nil
            return []
        case (.prompt(let prompt), .submitted(let arguments)):
            return promptFormSubmitted(prompt, arguments: arguments, in: &state)
        case (.toolCall(let call), .submitted(let arguments)):
            return callFormSubmitted(form, call: call, arguments: arguments, in: &state)
        case (.registryInstall(let entry), .submitted(let arguments)):
            return submitRegistryInstall(form, entry: entry, arguments: arguments, in: &state)
        case (.customConnector, .submitted(let arguments)):
            return submitCustomConnector(form, values: (arguments.objectValue ?? [:]).compactMapValues(\.stringValue), in: &state)
        }
    }

    /// A card's call or `/task`, filled in: the call is made (or asked about first); the form is kept
    /// to reopen with the connector's refusal, and `/task` clears the composer it was typed in.
    private func callFormSubmitted(_ form: FormPanel, call: PersonCall, arguments: JSONValue, in state: inout AppState) -> [Effect] {
        state.overlay = nil
        var effects = requestPersonCall(call, arguments: arguments, in: &state)
        if !call.asksFirst, !effects.isEmpty { state.cards.submittedForm = form }
        if call.clearsComposer, !effects.isEmpty || state.overlay != nil {
            effects += reduceComposer(&state, .clear) + [.saveDraft(state.conversation.id, "")]
        }
        return effects
    }
}
