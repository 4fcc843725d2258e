import ConnectorMenu
import ConversationModel
import TerminalUI
import TerminalText

/// Turns: starting one, its events as they arrive, Esc, and approval cards.
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
        let replaced = dropEditedMessage(in: &state)
        state.composer.field = TextField()
        state.composer.historyIndex = nil
        let attachments = state.composer.attachments
        state.composer.attachments = []
        let answer = state.modelName != nil
        if answer {
            state.turn = TurnState(conversationID: state.conversation.id)
            state.transcript.scroll = .following
        }
        if !attachments.isEmpty { return replaced + [.readAttachments(state.conversation.id, body, attachments, answer: answer)] }
        guard answer else { return replaced + [.commitUserMessage(state.conversation.id, body)] }
        return replaced + [.commitUserMessage(state.conversation.id, body), .startTurn(state.conversation.id)]
    }

    func reduceTurn(_ state: inout AppState, _ event: TurnEvent) -> [Effect] {
        switch event {
        case .textDelta(let text):
            state.turn?.streamingText += text
            state.turn?.retryNote = nil
        case .committed(let message):
            if message.role == .assistant {
                state.turn?.streamingText = ""
                state.turn?.activity = []
            }
            guard message.conversationID == state.conversation.id else { return [] }
            // A message that streamed into the store may already be on screen (the conversation was reopened).
            if let index = state.transcript.messages.lastIndex(where: { $0.id == message.id }) {
                state.transcript.messages[index] = message
            } else {
                state.transcript.messages.append(message)
            }
            return openLiveViews(in: message, state: &state)
        case .toolStarted(let call):
            state.turn?.activity.append(ToolActivity(callID: call.id, name: call.name))
        case .toolProgress(let callID, let done, let total, let message):
            guard let index = state.turn?.activity.firstIndex(where: { $0.callID == callID }) else { return [] }
            state.turn?.activity[index].done = done
            state.turn?.activity[index].total = total
            state.turn?.activity[index].message = message
        case .toolFinished(let result):
            _ = state.questions.remove { if case .approval(let card) = $0 { card.request.call.id == result.callID } else { false } }
            guard let index = state.turn?.activity.firstIndex(where: { $0.callID == result.callID }) else { return [] }
            state.turn?.activity[index].isFinished = true
            state.turn?.activity[index].isError = result.isError
        case .retrying(let attempt, let delay, let reason):
            state.turn?.retryNote = "Retrying in \(delay.formatted(.units(allowed: [.seconds], width: .narrow))) (attempt \(attempt + 1)): \(reason)"
        case .waitingForConnectors(let names):
            state.turn?.waitingFor = names
        case .toolsLoaded(_, _, let tokens):
            state.turn?.waitingFor = []
            guard state.turn?.conversationID == state.conversation.id else { return [] }
            state.toolTokens = tokens
        }
        return []
    }

    func endTurn(_ state: inout AppState, _ outcome: TurnOutcome) -> [Effect] {
        let wasCancelling = state.turn?.isCancelling ?? false
        state.turn = nil
        let effects = cancelQuestions(in: &state, reason: "the turn ended") { _ in true }
        switch outcome {
        case .completed: break
        case .cancelled:
            let stopped = wasCancelling ? "Stopped. What had arrived is kept." : "The turn was cancelled."
            state.flash = Flash(text: stopped + (state.quitArmed ? keymap.key(for: .clearOrQuit, in: .composer).map { " \($0) again quits." } ?? "" : ""), isError: false)
        case .stepLimitReached(let steps): state.flash = Flash(text: "Stopped after \(counted(steps, "step")).", isError: true)
        case .failed(let reason): state.flash = Flash(text: reason, isError: true)
        }
        return effects
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
