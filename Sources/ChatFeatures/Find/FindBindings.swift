import TerminalUI

extension FindFeature {
    /// `/find`'s bar: the matches in turn; what is typed goes into the query.
    static let bindings: [InputMode: [KeyBinding]] = [
        .find: [
            KeyBinding(key: KeyEvent(.enter), command: .findNext, hint: "next"),
            KeyBinding(key: .ctrl("g"), command: .findNext, hint: nil),
            KeyBinding(key: KeyEvent(.down), command: .findNext, hint: nil),
            KeyBinding(key: KeyEvent(.up), command: .findPrevious, hint: "previous"),
            KeyBinding(key: KeyEvent(.pageUp), command: .scrollPageUp, hint: nil),
            KeyBinding(key: KeyEvent(.pageDown), command: .scrollPageDown, hint: nil),
            KeyBinding(key: KeyEvent(.escape), command: .close, hint: "close"),
            KeyBinding(key: .ctrl("c"), command: .close, hint: nil),
        ],
    ]
}
