import ConnectorMenu
import ConversationModel
import TerminalUI

/// Questions for the person: approval cards and connectors' forms, one at a time, oldest first.
extension AppReducer {
    func approvalNeeded(_ request: ApprovalRequest, in state: inout AppState) -> [Effect] {
        guard state.turn != nil else { return [] }
        state.questions.append(.approval(ApprovalCard(request: request)))
        return reduceTranscript(&state, .follow)
    }

    func reduceQuestion(_ state: inout AppState, _ question: QuestionQueue.Question, key: KeyEvent) -> [Effect] {
        switch question {
        case .approval(let card): return reduceApproval(&state, card: card, key: key)
        case .elicitation(let form, let connector): return reduceElicitation(&state, form: form, from: connector, .key(key))
        }
    }

    /// A connector's form stays first in the queue while the person fills it in; an answer takes it out.
    func reduceElicitation(_ state: inout AppState, form: FormPanel, from connector: String, _ action: FormFeature.Action) -> [Effect] {
        var form = form
        guard let answer = FormFeature.reduce(&form, action, keymap: keymap).first, case .elicitation(let id, let url) = form.purpose else {
            state.questions.updateFirst(.elicitation(form, from: connector))
            return []
        }
        state.questions.removeFirst()
        return elicitationAnswered(answer, id: id, url: url)
    }

    /// What the connector is told: cancelled, declined, or the values (opening the page it asked for first).
    func elicitationAnswered(_ answer: FormFeature.Delegate, id: String, url: String?) -> [Effect] {
        switch answer {
        case .cancelled: return [.answerElicitation(id: id, .cancel)]
        case .declined: return [.answerElicitation(id: id, .decline)]
        case .submitted(let arguments): return (url.map { [Effect.openLink($0)] } ?? []) + [.answerElicitation(id: id, .accept(arguments))]
        }
    }

    /// Esc during a turn: abort the request, cancel calls in flight, answer what the turn asked.
    func cancelTurn(_ state: inout AppState) -> [Effect] {
        guard state.turn != nil, state.turn?.isCancelling == false else { return [] }
        return reduceTurn(&state, .stop) + [.cancelTurn] + cancelQuestions(in: &state, reason: "the turn was stopped") { _ in true }
    }

    /// Takes out the questions that match and answers each: a form is cancelled, a call denied.
    func cancelQuestions(in state: inout AppState, reason: String, where matches: (QuestionQueue.Question) -> Bool) -> [Effect] {
        state.questions.remove(where: matches).compactMap { question -> Effect? in
            switch question {
            case .approval(let card): .decideApproval(callID: card.request.call.id, .deny(reason: "Not answered: \(reason)."))
            case .elicitation(let form, _): if case .elicitation(let id, _) = form.purpose { .answerElicitation(id: id, .cancel) } else { nil }
            }
        }
    }

    /// Keys for the approval card that has them.
    private func reduceApproval(_ state: inout AppState, card: ApprovalCard, key: KeyEvent) -> [Effect] {
        var card = card
        if card.focus == .confirmingAlways {
            // Only `y` confirms; any other key goes back to the choices and does nothing else.
            card.focus = .choices
            let effects = key.typedCharacter == "y" ? decide(&card, .allowAlways) : []
            finish(card, effects: effects, in: &state)
            return effects
        }
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
        case (.choices, .approveAlways): effects = decideAlways(&card)
        case (.choices, .deny): card.focus = .reason
        case (.choices, .menuAccept):
            switch card.choice {
            case .deny: card.focus = .reason
            case .allowAlways: effects = decideAlways(&card)
            case .allowOnce: effects = decide(&card, .allowOnce)
            }
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
        finish(card, effects: effects, in: &state)
        return effects
    }

    /// A decided card leaves the queue; otherwise it stays first, as edited.
    private func finish(_ card: ApprovalCard, effects: [Effect], in state: inout AppState) {
        if effects.isEmpty {
            state.questions.updateFirst(.approval(card))
        } else {
            state.questions.removeFirst()
        }
    }

    /// "Always allow" a destructive call asks once more; others are allowed at once.
    private func decideAlways(_ card: inout ApprovalCard) -> [Effect] {
        guard card.request.tool.isDestructive else { return decide(&card, .allowAlways) }
        card.focus = .confirmingAlways
        return []
    }

    private func decide(_ card: inout ApprovalCard, _ choice: ApprovalCard.Choice) -> [Effect] {
        guard let arguments = card.fields.submit(changing: card.request.call.arguments) else {
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

extension QuestionQueue.Question {
    /// The connector that asked (or whose tool the card would call).
    var connector: String? {
        switch self {
        case .approval(let card): card.request.tool.connector
        case .elicitation(_, let connector): connector
        }
    }
}
