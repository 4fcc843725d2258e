import TerminalUI

/// Key bindings of a layer that has no feature namespace of its own yet.
enum LiveCardKeys {
    /// A card whose view is drawn: its own commands; every other key and typing go to the view.
    static let bindings: [InputMode: [KeyBinding]] = [
        .liveCard: [
            KeyBinding(key: KeyEvent(.tab), command: .nextControl, hint: "controls"),
            KeyBinding(key: KeyEvent(.backTab), command: .previousControl, hint: nil),
            KeyBinding(key: .ctrl("r"), command: .reloadView, hint: "reload"),
            KeyBinding(key: .alt(.up), command: .previousCard, hint: nil),
            KeyBinding(key: .alt(.down), command: .nextCard, hint: "cards"),
            KeyBinding(key: KeyEvent(.pageUp), command: .scrollPageUp, hint: nil),
            KeyBinding(key: KeyEvent(.pageDown), command: .scrollPageDown, hint: nil),
            KeyBinding(key: KeyEvent(.escape), command: .close, hint: "back"),
            KeyBinding(key: .ctrl("c"), command: .close, hint: nil),
        ],
    ]
}
