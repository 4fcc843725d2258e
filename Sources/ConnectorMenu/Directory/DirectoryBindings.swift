import TerminalUI

extension DirectoryFeature {
    /// The directory's details; its lists use the shared `.list` and `.picker` layers.
    public static let bindings: [InputMode: [KeyBinding]] = [
        .directoryDetails: [
            KeyBinding(key: .char("i"), command: .install, hint: "install"),
            KeyBinding(key: KeyEvent(.escape), command: .close, hint: "back"),
            KeyBinding(key: .ctrl("c"), command: .close, hint: nil),
        ],
    ]
}
