import TerminalUI
import ToolCards

/// The numbers on a live card, one numbering for all it holds: its view's controls first, then its
/// links. Typed as in lynx and w3m: `1` then `2` is 12; a number no further digit could lengthen is
/// taken at once, any other after a short pause, or at once with Enter.
extension AppReducer {
    /// A digit typed on a live card whose focus is not in a text box (which takes digits as text).
    static func typedDigit(_ key: KeyEvent) -> Int? {
        guard let character = key.typedCharacter, character.isASCII else { return nil }
        return character.wholeNumberValue
    }

    func focusTakesText(_ card: CardAddress, in state: AppState) -> Bool {
        guard let text = state.cards.live[card]?.text, let focused = text.focusedControl, text.controls.indices.contains(focused - 1) else { return false }
        return text.controls[focused - 1].kind == .textbox
    }

    /// How many numbers the card shows: its controls, then its links.
    func numberedCount(_ card: CardAddress, in state: AppState) -> Int {
        let controls = state.cards.live[card]?.text?.controls.count ?? 0
        guard let tool = self.card(at: card, in: state) else { return controls }
        return max(controls, tool.firstLinkNumber - 1) + tool.links.count
    }

    func typeDigit(_ digit: Int, on card: CardAddress, in state: inout AppState) -> [Effect] {
        let count = numberedCount(card, in: state)
        let before = state.cards.typedNumber.flatMap { $0.card == card ? $0.digits : nil } ?? 0
        let number = before * 10 + digit
        guard number >= 1, number <= count else {
            state.cards.typedNumber = nil
            state.flash = Flash(text: count == 0 ? "This card has nothing numbered." : "This card has no [\(number)]; its numbers go from 1 to \(count).", isError: false)
            return []
        }
        state.cards.typedNumber = TypedNumber(card: card, digits: number)
        return number * 10 > count ? takeTypedNumber(in: &state) : []
    }

    /// The run loop says the time: the number typed is taken once its pause has passed.
    func takeTypedNumberIfDue(_ now: ContinuousClock.Instant, in state: inout AppState) -> [Effect] {
        guard let typed = state.cards.typedNumber else { return [] }
        guard typed.typedAt != nil else {
            state.cards.typedNumber?.typedAt = now
            return []
        }
        return now >= typed.due(now: now) ? takeTypedNumber(in: &state) : []
    }

    /// The number typed so far focuses its control, or asks before opening its link.
    func takeTypedNumber(in state: inout AppState) -> [Effect] {
        guard let typed = state.cards.typedNumber else { return [] }
        state.cards.typedNumber = nil
        let (card, number) = (typed.card, typed.digits)
        if let controls = state.cards.live[card]?.text?.controls.count, number <= controls {
            // Keys typed before the view redraws go by the focus they will find.
            state.cards.live[card]?.text?.focusedControl = number
            return [.liveViewInput(card, .focus(number))]
        }
        guard let tool = self.card(at: card, in: state), tool.links.indices.contains(number - tool.firstLinkNumber) else { return [] }
        confirmOpening(tool.links[number - tool.firstLinkNumber].url, in: &state)
        return []
    }
}
