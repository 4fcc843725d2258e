import TerminalUI

extension TranscriptFeature {
    /// Choosing a message to copy (Alt-C): its highlight moves over the transcript. The keys that
    /// scroll it from the composer are the composer's, asked of the transcript as delegates.
    static let bindings: [InputMode: [KeyBinding]] = [
        .selectMessage: [
            KeyBinding(key: KeyEvent(.up), command: .menuUp, hint: nil),
            KeyBinding(key: KeyEvent(.down), command: .menuDown, hint: "message"),
            KeyBinding(key: .char("k"), command: .menuUp, hint: nil),
            KeyBinding(key: .char("j"), command: .menuDown, hint: nil),
            KeyBinding(key: KeyEvent(.enter), command: .copyMessage, hint: "copy"),
            KeyBinding(key: .char("y"), command: .copyMessage, hint: nil),
            KeyBinding(key: KeyEvent(.pageUp), command: .scrollPageUp, hint: nil),
            KeyBinding(key: KeyEvent(.pageDown), command: .scrollPageDown, hint: nil),
            KeyBinding(key: KeyEvent(.escape), command: .close, hint: "back"),
            KeyBinding(key: .ctrl("c"), command: .close, hint: nil),
        ],
    ]
}
