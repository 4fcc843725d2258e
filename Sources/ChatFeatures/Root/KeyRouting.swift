import TerminalUI
/// Where the next key goes, written once: the reducer routes by it and the keymap's layer (the
/// input mode, which also picks the footer's hints) is read from it.
enum KeyTarget: Equatable {
    /// A question that has been on screen for its grace (until then keys go where the person was typing).
    case question(QuestionQueue.Question)
    /// The top layer.
    case layer(Overlay)
    case card(CardAddress)
    case composer
}

extension AppState {
    var keyTarget: KeyTarget {
        if questions.isReady, let question = visibleQuestion { return .question(question) }
        if let overlay { return .layer(overlay) }
        if let focused = cards.focused { return .card(focused) }
        return .composer
    }

    /// Which keymap applies now: the mode of what has the keys.
    var inputMode: InputMode {
        switch keyTarget {
        case .question(let question): return question.inputMode
        case .layer(let layer): return layer.inputMode
        case .card(let focused): return cards.live[focused]?.hasLiveKeys == true ? .liveCard : .cards
        case .composer: return composer.slashMenu == nil ? .composer : .slashMenu
        }
    }
}

extension KeyTarget {
    /// A focused card whose view is drawn: every key and paste goes to the view.
    func isDrawnLiveCard(in state: AppState) -> Bool {
        if case .card(let address) = self { return state.cards.live[address]?.isDrawn == true }
        return false
    }

    /// A focused card whose view is starting: what would be the view's waits for it, refused.
    func isStartingLiveCard(in state: AppState) -> Bool {
        if case .card(let address) = self { return state.cards.live[address]?.isStarting == true }
        return false
    }
}

extension QuestionQueue.Question {
    var inputMode: InputMode {
        switch self {
        case .elicitation: return .form
        case .approval(let card) where card.focus == .choices: return .approval
        case .approval(let card) where card.focus == .confirmingAlways: return .confirm
        case .approval: return .approvalField
        }
    }
}

extension Overlay {
    var inputMode: InputMode {
        switch self {
        case .conversations(let panel): return panel.inputMode
        case .themes: return .list
        case .help: return .help
        case .rename: return .prompt
        case .models: return .list
        case .form: return .form
        case .confirm: return .confirm
        case .choose: return .list
        case .signIn: return .signIn
        case .directory(let panel): return panel.inputMode
        case .connectors(let panel): return panel.inputMode
        case .resources: return .picker
        case .find: return .find
        case .selectMessage: return .selectMessage
        }
    }
}
