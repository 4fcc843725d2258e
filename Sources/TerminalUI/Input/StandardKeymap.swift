extension Keymap {
    /// The layers several features share (lists, the category picker, confirmations, a one-line
    /// prompt); the app's standard keymap is these plus each feature's own table
    /// (`ComposerFeature.bindings`, `ConnectorsFeature.bindings`, ...).
    public static let common = Keymap(bindings: [
        .picker: [
            KeyBinding(key: KeyEvent(.tab), command: .nextField, hint: "category"),
            KeyBinding(key: KeyEvent(.backTab), command: .previousField, hint: nil),
        ],
        .confirm: [
            KeyBinding(key: .ctrl("y"), command: .allowViewRequest, hint: nil),
        ],
        .list: [
            KeyBinding(key: KeyEvent(.up), command: .menuUp, hint: nil),
            KeyBinding(key: KeyEvent(.down), command: .menuDown, hint: "move"),
            KeyBinding(key: .ctrl("p"), command: .menuUp, hint: nil),
            KeyBinding(key: .ctrl("n"), command: .menuDown, hint: nil),
            KeyBinding(key: KeyEvent(.pageUp), command: .scrollPageUp, hint: nil),
            KeyBinding(key: KeyEvent(.pageDown), command: .scrollPageDown, hint: nil),
            KeyBinding(key: KeyEvent(.enter), command: .menuAccept, hint: "choose"),
            KeyBinding(key: KeyEvent(.escape), command: .close, hint: "close"),
            KeyBinding(key: .ctrl("c"), command: .close, hint: nil),
        ],
        .prompt: editing + [
            KeyBinding(key: KeyEvent(.enter), command: .menuAccept, hint: "save"),
            KeyBinding(key: KeyEvent(.escape), command: .close, hint: "cancel"),
            KeyBinding(key: .ctrl("c"), command: .close, hint: nil),
        ],
    ])

    /// Emacs-style line editing shared by the composer and every text field.
    public static let editing: [KeyBinding] = [
        KeyBinding(key: KeyEvent(.left), command: .cursorLeft, hint: nil),
        KeyBinding(key: KeyEvent(.right), command: .cursorRight, hint: nil),
        KeyBinding(key: .ctrl("b"), command: .cursorLeft, hint: nil),
        KeyBinding(key: .ctrl("f"), command: .cursorRight, hint: nil),
        KeyBinding(key: KeyEvent(.up), command: .cursorUp, hint: nil),
        KeyBinding(key: KeyEvent(.down), command: .cursorDown, hint: nil),
        KeyBinding(key: .alt(.character("b")), command: .wordLeft, hint: nil),
        KeyBinding(key: .alt(.character("f")), command: .wordRight, hint: nil),
        KeyBinding(key: KeyEvent(.left, control: true), command: .wordLeft, hint: nil),
        KeyBinding(key: KeyEvent(.right, control: true), command: .wordRight, hint: nil),
        KeyBinding(key: .ctrl("a"), command: .lineStart, hint: nil),
        KeyBinding(key: .ctrl("e"), command: .lineEnd, hint: nil),
        KeyBinding(key: KeyEvent(.home), command: .lineStart, hint: nil),
        KeyBinding(key: KeyEvent(.end), command: .lineEnd, hint: nil),
        KeyBinding(key: KeyEvent(.backspace), command: .deleteBackward, hint: nil),
        KeyBinding(key: .ctrl("h"), command: .deleteBackward, hint: nil),
        KeyBinding(key: KeyEvent(.delete), command: .deleteForward, hint: nil),
        KeyBinding(key: .ctrl("d"), command: .deleteForward, hint: nil),
        KeyBinding(key: .ctrl("k"), command: .killToLineEnd, hint: nil),
        KeyBinding(key: .ctrl("u"), command: .killToLineStart, hint: nil),
        KeyBinding(key: .ctrl("w"), command: .killWordBackward, hint: nil),
        KeyBinding(key: .alt(.backspace), command: .killWordBackward, hint: nil),
        KeyBinding(key: .ctrl("y"), command: .yank, hint: nil),
    ]
}
