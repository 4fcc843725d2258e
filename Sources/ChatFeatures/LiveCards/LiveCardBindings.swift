import TerminalUI

/// Key bindings of a layer that has no feature namespace of its own yet.
enum LiveCardKeys {
    /// A card whose view is drawn: its own commands; every other key and typing go to the view.
    static let bindings: [InputMode: [KeyBinding]] = [
        .liveCard: [
            KeyBinding(key: KeyEvent(.tab), command: .nextControl, hint: "controls"),
            KeyBinding(key: KeyEvent(.backTab), command: .previousControl, hint: nil),
            KeyBinding(key: .ctrl("r"), command: .reloadView, hint: "reload"),
            // The card's own keys, with Alt: plain letters are typing for the view.
            KeyBinding(key: .alt(.character("a")), command: .cardActions, hint: "actions"),
            KeyBinding(key: .alt(.character("o")), command: .openLink, hint: nil),
            KeyBinding(key: .alt(.character("r")), command: .refreshCard, hint: nil),
            KeyBinding(key: .alt(.character("m")), command: .cardToComposer, hint: nil),
            KeyBinding(key: .alt(.character("c")), command: .copyCardJSON, hint: nil),
            KeyBinding(key: .alt(.up), command: .previousCard, hint: nil),
            KeyBinding(key: .alt(.down), command: .nextCard, hint: "cards"),
            KeyBinding(key: KeyEvent(.pageUp), command: .scrollPageUp, hint: nil),
            KeyBinding(key: KeyEvent(.pageDown), command: .scrollPageDown, hint: nil),
            KeyBinding(key: KeyEvent(.escape), command: .close, hint: "back"),
            KeyBinding(key: .ctrl("c"), command: .close, hint: nil),
        ],
    ]
}
