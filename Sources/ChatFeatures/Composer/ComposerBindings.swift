import TerminalUI

extension ComposerFeature {
    /// The composer's keys, and the slash menu's while it is open (it falls back to the composer's).
    static let bindings: [InputMode: [KeyBinding]] = [
        .composer: [
            KeyBinding(key: KeyEvent(.enter), command: .send, hint: "send"),
            KeyBinding(key: KeyEvent(.home), command: .lineStartOrTop, hint: nil),
            KeyBinding(key: KeyEvent(.end), command: .lineEndOrBottom, hint: nil),
            KeyBinding(key: .alt(.enter), command: .insertNewline, hint: "newline"),
            KeyBinding(key: KeyEvent(.enter, shift: true), command: .insertNewline, hint: nil),
            KeyBinding(key: .ctrl("j"), command: .insertNewline, hint: nil),
            KeyBinding(key: .char("/"), command: .openMenu, hint: "commands"),
            KeyBinding(key: KeyEvent(.pageUp), command: .scrollPageUp, hint: "scroll"),
            KeyBinding(key: KeyEvent(.pageDown), command: .scrollPageDown, hint: nil),
            KeyBinding(key: KeyEvent(.home, control: true), command: .scrollTop, hint: nil),
            KeyBinding(key: KeyEvent(.end, control: true), command: .scrollBottom, hint: nil),
            KeyBinding(key: .ctrl("c"), command: .clearOrQuit, hint: "stop/clear/quit"),
            KeyBinding(key: .ctrl("z"), command: .suspend, hint: nil),
            KeyBinding(key: KeyEvent(.escape), command: .cancelTurn, hint: nil),
            KeyBinding(key: .ctrl("o"), command: .connectors, hint: "connectors"),
            KeyBinding(key: KeyEvent(.tab), command: .focusCards, hint: "cards"),
            KeyBinding(key: .ctrl("t"), command: .task, hint: "new task"),
            KeyBinding(key: .ctrl("f"), command: .find, hint: "find"),
            KeyBinding(key: .alt(.up), command: .edit, hint: nil),
            KeyBinding(key: .alt(.character("c")), command: .selectMessages, hint: "copy"),
        ] + Keymap.editing,
        .slashMenu: [
            KeyBinding(key: KeyEvent(.up), command: .menuUp, hint: nil),
            KeyBinding(key: KeyEvent(.down), command: .menuDown, hint: "choose"),
            KeyBinding(key: KeyEvent(.enter), command: .menuAccept, hint: "run"),
            KeyBinding(key: KeyEvent(.tab), command: .menuComplete, hint: "complete"),
            KeyBinding(key: KeyEvent(.escape), command: .close, hint: "close"),
        ],
    ]
}
