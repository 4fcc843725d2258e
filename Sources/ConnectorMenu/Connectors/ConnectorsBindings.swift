import TerminalUI

extension ConnectorsFeature {
    /// `/connectors`: the list (over the shared `.list` layer) and a connector's details.
    public static let bindings: [InputMode: [KeyBinding]] = [
        .connectors: [
            KeyBinding(key: .char(" "), command: .cycleUse, hint: "on/on demand/off"),
            KeyBinding(key: .char("a"), command: .allOn, hint: "all on"),
            KeyBinding(key: .char("n"), command: .allOff, hint: "all off"),
            KeyBinding(key: .char("s"), command: .saveDefault, hint: "save as default"),
            KeyBinding(key: .char("b"), command: .directory, hint: "browse directory"),
            KeyBinding(key: .char("c"), command: .addCustom, hint: "add custom"),
            KeyBinding(key: KeyEvent(.enter), command: .menuAccept, hint: "details"),
        ],
        .connectorDetails: [
            KeyBinding(key: .char("r"), command: .reconnect, hint: "reconnect"),
            KeyBinding(key: .char("s"), command: .signIn, hint: "sign in"),
            KeyBinding(key: .char("d"), command: .disconnect, hint: "disconnect"),
            KeyBinding(key: .char("x"), command: .remove, hint: "remove"),
            KeyBinding(key: .char("t"), command: .trust, hint: "trust"),
            KeyBinding(key: .char(" "), command: .cycleUse, hint: "on/on demand/off"),
            KeyBinding(key: KeyEvent(.escape), command: .close, hint: "back"),
            KeyBinding(key: KeyEvent(.up), command: .cursorUp, hint: nil),
            KeyBinding(key: KeyEvent(.down), command: .cursorDown, hint: "scroll"),
            KeyBinding(key: KeyEvent(.pageUp), command: .scrollPageUp, hint: nil),
            KeyBinding(key: KeyEvent(.pageDown), command: .scrollPageDown, hint: nil),
            KeyBinding(key: .ctrl("c"), command: .close, hint: nil),
        ],
    ]
}
