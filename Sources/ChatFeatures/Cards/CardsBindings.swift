import TerminalUI

extension CardsFeature {
    /// A result card's keys while it has them (Tab from the composer). A card whose view is drawn
    /// reads the live card's layer instead, which is LiveCards'.
    static let bindings: [InputMode: [KeyBinding]] = [
        .cards: [
            KeyBinding(key: KeyEvent(.tab), command: .nextCard, hint: nil),
            KeyBinding(key: KeyEvent(.backTab), command: .previousCard, hint: nil),
            KeyBinding(key: KeyEvent(.down), command: .nextCard, hint: nil),
            KeyBinding(key: KeyEvent(.up), command: .previousCard, hint: "cards"),
            // As on a live card, whose ↑/↓ are the view's.
            KeyBinding(key: .alt(.down), command: .nextCard, hint: nil),
            KeyBinding(key: .alt(.up), command: .previousCard, hint: nil),
            KeyBinding(key: KeyEvent(.enter), command: .toggleCard, hint: "open/close"),
            KeyBinding(key: .char("o"), command: .openLink, hint: "open link"),
            KeyBinding(key: .char("a"), command: .cardActions, hint: "actions"),
            KeyBinding(key: .char("r"), command: .refreshCard, hint: "refresh"),
            KeyBinding(key: .char("m"), command: .cardToComposer, hint: "to composer"),
            KeyBinding(key: .char("c"), command: .copyCardJSON, hint: "copy JSON"),
            KeyBinding(key: KeyEvent(.pageUp), command: .scrollPageUp, hint: nil),
            KeyBinding(key: KeyEvent(.pageDown), command: .scrollPageDown, hint: nil),
            KeyBinding(key: KeyEvent(.escape), command: .close, hint: "back"),
            KeyBinding(key: .ctrl("c"), command: .close, hint: nil),
        ],
    ]
}
