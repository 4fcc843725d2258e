import ConnectorMenu
import ConversationModel
import TerminalUI
import TerminalText

/// The root's side of the turn (`TurnFeature`): starting one when a message is sent, handing it its
/// events, and doing what it asks; and `/tools`.
extension AppReducer {
    /// Sends the person's message and, when a model is configured, asks it to answer.
    func send(_ body: String, in state: inout AppState) -> [Effect] {
        if let reason = state.readOnlyReason {
            state.flash = Flash(text: "Not sent: \(reason) Your message stays in the composer.", isError: true)
            return []
        }
        if state.turn != nil {
            state.flash = Flash(text: "The model is still answering." + (keymap.key(for: .cancelTurn, in: .composer).map { " \($0) stops it;" } ?? "") + " your message stays in the composer.", isError: true)
            return []
        }
        // Sending an edited message drops the message it replaces and everything after it.
        let attachments = state.composer.attachments
        let edited = state.composer.editing.flatMap { id in state.transcript.messages.firstIndex { $0.id == id } }
        var replaced = reduceComposer(&state, .sent(replacing: edited.map { state.transcript.messages[$0].text }))
        if let edited { replaced += reduceTranscript(&state, .drop(after: edited - 1)) }
        let answer = state.modelName != nil
        if answer {
            replaced += reduceTurn(&state, .start(state.conversation.id)) + reduceTranscript(&state, .follow)
        }
        if !attachments.isEmpty { return replaced + [.readAttachments(state.conversation.id, body, attachments, answer: answer)] }
        guard answer else { return replaced + [.commitUserMessage(state.conversation.id, body)] }
        return replaced + [.commitUserMessage(state.conversation.id, body), .startTurn(state.conversation.id)]
    }

    /// Hands the turn its events and the clock, with what it reads, and does what it asks.
    func reduceTurn(_ state: inout AppState, _ action: TurnFeature.Action) -> [Effect] {
        let context = TurnFeature.Context(keymap: keymap, conversationOnScreen: state.conversation.id, quitArmed: state.quitArmed)
        let delegates = TurnFeature.reduce(&state.turn, action, context: context)
        return delegates.flatMap { turnAsked($0, in: &state) }
    }

    private func turnAsked(_ delegate: TurnFeature.Delegate, in state: inout AppState) -> [Effect] {
        switch delegate {
        case .show(let message):
            return reduceTranscript(&state, .stored(message)) + openLiveViews(in: message, state: &state)
        case .callFinished(let callID):
            _ = state.questions.remove { if case .approval(let card) = $0 { card.request.call.id == callID } else { false } }
        case .toolTokens(let tokens):
            state.toolTokens = tokens
        case .cancelQuestions(let reason):
            return cancelQuestions(in: &state, reason: reason) { _ in true }
        case .flash(let text, let isError):
            state.flash = Flash(text: text, isError: isError)
        }
        return []
    }

    /// `/tools [always|on-demand|auto]`: shows or sets how this conversation offers tools.
    func setToolAccess(_ argument: String, in state: inout AppState) -> [Effect] {
        let explanation: [ToolAccessMode: String] = [
            .always: "every tool of the connectors that are on is sent with each request",
            .onDemand: "the model searches for the tools it needs",
            .auto: "tools are sent up front until they would take more than the tool budget, then searched on demand",
        ]
        let typed = argument.lowercased().replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
        guard !typed.isEmpty else {
            let mode = state.conversation.toolAccess
            state.flash = Flash(text: "Tools: \(mode.label) — \(explanation[mode]!). /tools always|on-demand|auto changes it.", isError: false)
            return []
        }
        guard let mode = ToolAccessMode(rawValue: typed) else {
            state.flash = Flash(text: "Tool access is always, on-demand or auto.", isError: true)
            return []
        }
        state.conversation.toolAccess = mode
        state.flash = Flash(text: "Tools: \(mode.label) — \(explanation[mode]!).", isError: false)
        return [.setToolAccess(state.conversation.id, mode)]
    }
}

extension ToolAccessMode {
    var label: String {
        switch self {
        case .always: return "always"
        case .onDemand: return "on demand"
        case .auto: return "auto"
        }
    }
}
