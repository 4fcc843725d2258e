import TerminalUI

/// Key bindings of a layer that has no feature namespace of its own yet.
enum ApprovalKeys {
    /// The approval card's choices, and its argument fields while one is edited.
    static let bindings: [InputMode: [KeyBinding]] = [
        .approval: [
            KeyBinding(key: .char("y"), command: .approveOnce, hint: "allow once"),
            KeyBinding(key: .char("a"), command: .approveAlways, hint: "always"),
            KeyBinding(key: .char("n"), command: .deny, hint: "deny"),
            KeyBinding(key: KeyEvent(.tab), command: .nextField, hint: "edit arguments"),
            KeyBinding(key: KeyEvent(.backTab), command: .previousField, hint: nil),
            KeyBinding(key: KeyEvent(.left), command: .menuUp, hint: nil),
            KeyBinding(key: KeyEvent(.right), command: .menuDown, hint: nil),
            KeyBinding(key: KeyEvent(.enter), command: .menuAccept, hint: "choose"),
            KeyBinding(key: KeyEvent(.escape), command: .cancelTurn, hint: "stop turn"),
            KeyBinding(key: KeyEvent(.pageUp), command: .scrollPageUp, hint: nil),
            KeyBinding(key: KeyEvent(.pageDown), command: .scrollPageDown, hint: nil),
            KeyBinding(key: .ctrl("c"), command: .cancelTurn, hint: nil),
        ],
        .approvalField: [
            KeyBinding(key: KeyEvent(.tab), command: .nextField, hint: "next"),
            KeyBinding(key: KeyEvent(.backTab), command: .previousField, hint: nil),
            KeyBinding(key: KeyEvent(.down), command: .nextField, hint: nil),
            KeyBinding(key: KeyEvent(.up), command: .previousField, hint: nil),
            KeyBinding(key: KeyEvent(.enter), command: .menuAccept, hint: "done"),
            KeyBinding(key: KeyEvent(.escape), command: .close, hint: "back"),
        ],
    ]
}
