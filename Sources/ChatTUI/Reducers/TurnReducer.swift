import ConnectorMenu
import ConversationModel

/// Turns: starting one, its events as they arrive, Esc, and approval cards.
extension AppReducer {
    /// Sends the person's message and, when a model is configured, asks it to answer.
    func send(_ body: String, in state: inout AppState) -> [Effect] {
        if state.turn != nil {
            state.flash = Flash(text: "The model is still answering. Esc stops it; your message stays in the composer.", isError: true)
            return []
        }
        state.composer.field = TextField()
        state.composer.historyIndex = nil
        let attachments = state.composer.attachments
        state.composer.attachments = []
        let answer = state.modelName != nil
        if answer {
            state.turn = TurnState(conversationID: state.conversation.id)
            state.transcript.scroll = .following
        }
        if !attachments.isEmpty { return [.readAttachments(state.conversation.id, body, attachments, answer: answer)] }
        guard answer else { return [.commitUserMessage(state.conversation.id, body)] }
        return [.commitUserMessage(state.conversation.id, body), .startTurn(state.conversation.id)]
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
            state.transcript.messages.append(message)
        case .toolStarted(let call):
            state.turn?.activity.append(ToolActivity(callID: call.id, name: call.name))
        case .toolProgress(let callID, let done, let total, let message):
            guard let index = state.turn?.activity.firstIndex(where: { $0.callID == callID }) else { return [] }
            state.turn?.activity[index].done = done
            state.turn?.activity[index].total = total
            state.turn?.activity[index].message = message
        case .toolFinished(let result):
            state.turn?.approvals.removeAll { $0.request.call.id == result.callID }
            guard let index = state.turn?.activity.firstIndex(where: { $0.callID == result.callID }) else { return [] }
            state.turn?.activity[index].isFinished = true
            state.turn?.activity[index].isError = result.isError
        case .retrying(let attempt, let delay, let reason):
            state.turn?.retryNote = "Retrying in \(delay.formatted(.units(allowed: [.seconds], width: .narrow))) (attempt \(attempt + 1)): \(reason)"
        case .toolsLoaded(_, _, let tokens):
            state.toolTokens = tokens
        }
        return []
    }

    func endTurn(_ state: inout AppState, _ outcome: TurnOutcome) {
        let wasCancelling = state.turn?.isCancelling ?? false
        state.turn = nil
        switch outcome {
        case .completed: break
        case .cancelled: state.flash = Flash(text: wasCancelling ? "Stopped. What had arrived is kept." : "The turn was cancelled.", isError: false)
        case .stepLimitReached(let steps): state.flash = Flash(text: "Stopped after \(steps) steps.", isError: true)
        case .failed(let reason): state.flash = Flash(text: reason, isError: true)
        }
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

    /// Esc during a turn: abort the request, cancel calls in flight, deny waiting approvals.
    func cancelTurn(_ state: inout AppState) -> [Effect] {
        guard state.turn != nil, state.turn?.isCancelling == false else { return [] }
        state.turn?.isCancelling = true
        state.turn?.approvals = []
        return [.cancelTurn]
    }

    func approvalNeeded(_ request: ApprovalRequest, in state: inout AppState) {
        guard state.turn != nil else { return }
        state.turn?.approvals.append(ApprovalCard(request: request))
        state.transcript.scroll = .following
    }

    /// Keys while an approval card is shown.
    func reduceApproval(_ state: inout AppState, key: KeyEvent) -> [Effect] {
        guard var card = state.turn?.approvals.first else { return [] }
        let command = keymap.command(for: key, in: state.inputMode)
        var effects: [Effect] = []
        switch (card.focus, command) {
        case (_, .cancelTurn):
            return cancelTurn(&state)
        case (_, .scrollPageUp), (_, .scrollPageDown):
            return scrollTranscriptPage(&state, up: command == .scrollPageUp)
        case (.choices, .menuUp):
            card.choice = ApprovalCard.Choice(rawValue: max(0, card.choice.rawValue - 1)) ?? .allowOnce
        case (.choices, .menuDown):
            card.choice = ApprovalCard.Choice(rawValue: min(2, card.choice.rawValue + 1)) ?? .deny
        case (.choices, .approveOnce): effects = decide(&card, .allowOnce)
        case (.choices, .approveAlways): effects = decide(&card, .allowAlways)
        case (.choices, .deny): card.focus = .reason
        case (.choices, .menuAccept): effects = card.choice == .deny ? { card.focus = .reason; return [] }() : decide(&card, card.choice)
        case (_, .nextField), (_, .previousField):
            card.focus = nextFocus(card, forward: command == .nextField)
            if case .field(let index) = card.focus { card.fields.focus = index }
        case (.reason, .menuAccept):
            effects = [.decideApproval(callID: card.request.call.id, .deny(reason: card.reason.text))]
        case (.reason, .close), (.field, .close), (.field, .menuAccept):
            card.focus = .choices
        case (.reason, _):
            _ = card.reason.handle(key, keymap: keymap, mode: .approvalField)
        case (.field(let index), _):
            card.fields.focus = index
            card.fields.edit(key, keymap: keymap, mode: .approvalField)
            card.problem = nil
        default:
            break
        }
        if effects.isEmpty {
            state.turn?.approvals[0] = card
        } else {
            state.turn?.approvals.removeFirst()
        }
        return effects
    }

    private func decide(_ card: inout ApprovalCard, _ choice: ApprovalCard.Choice) -> [Effect] {
        guard let arguments = card.fields.submit() else {
            card.problem = "Fix the marked fields first."
            card.focus = .field(card.fields.focus)
            return []
        }
        let decision: ApprovalDecision = choice == .allowAlways ? .allowAlways(arguments) : .allowOnce(arguments)
        return [.decideApproval(callID: card.request.call.id, decision)]
    }

    /// Tab order: the choices, then each field.
    private func nextFocus(_ card: ApprovalCard, forward: Bool) -> ApprovalCard.Focus {
        let stops: [ApprovalCard.Focus] = [.choices] + card.fields.form.fields.indices.map { .field($0) }
        let current = stops.firstIndex(of: card.focus) ?? 0
        return stops[(current + (forward ? 1 : stops.count - 1)) % stops.count]
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
