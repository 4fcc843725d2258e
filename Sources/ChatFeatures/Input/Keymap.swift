/// The named things a key can do. Keys map to these through `Keymap`, so
/// bindings are data and the status line and `/help` list them from the same table.
public enum KeyCommand: String, CaseIterable, Sendable {
    case send, insertNewline
    case cursorLeft, cursorRight, cursorUp, cursorDown, wordLeft, wordRight, lineStart, lineEnd
    /// Home/End: within the composer's text, or the transcript's ends when the composer is empty.
    case lineStartOrTop, lineEndOrBottom
    case deleteBackward, deleteForward, killToLineEnd, killToLineStart, killWordBackward, yank
    case clearOrQuit, suspend
    case scrollPageUp, scrollPageDown, scrollTop, scrollBottom
    case openMenu
    case menuUp, menuDown, menuAccept, menuComplete, close
    case listRename, listDelete
    case cancelTurn, nextField, previousField, approveOnce, approveAlways, deny, submitForm
    case copyLink
    case declineForm
    case nextControl, previousControl, reloadView
    case focusCards, newTask, nextCard, previousCard, toggleCard, openLink, cardActions, refreshCard, cardToComposer, copyCardJSON
    case find, findNext, findPrevious, editLast
    case openConnectors, cycleUse, allOn, allOff, saveDefault, reconnect, remove, browseDirectory, install, addCustom, signIn, disconnect, trust
}

/// Where input goes; each mode has its own bindings.
public enum InputMode: Hashable, Sendable, CaseIterable {
    case composer, slashMenu, list, conversations, prompt, help
    /// An approval card has the keys: choosing Allow / Always / Deny.
    case approval
    /// Editing one of an approval card's fields, or the reason for denying.
    case approvalField
    /// A form over the transcript (a prompt's arguments).
    case form
    /// A list with a search field (the `@` resource picker).
    case picker
    /// `/connectors`: the list, and one connector's details.
    case connectors, connectorDetails, directoryDetails
    /// A yes/no question: `y` agrees, any other key declines (the question says so).
    case confirm
    /// The sign-in card: a paste field, and the URL to copy.
    case signIn
    /// A result card in the transcript has the keys.
    case cards
    /// A card whose view runs live: keys go to the view.
    case liveCard
    /// The `/find` bar: typing searches, the transcript scrolls to each match.
    case find
}

public struct KeyBinding: Sendable {
    let key: KeyEvent
    let command: KeyCommand
    /// What the status line says for it; nil keeps it out of the status line.
    let hint: String?
}

/// Key bindings per mode. Modes fall back: the slash menu to the composer,
/// lists and prompts to editing keys, so one table serves them all.
public struct Keymap: Sendable {
    let bindings: [InputMode: [KeyBinding]]

    func command(for key: KeyEvent, in mode: InputMode) -> KeyCommand? {
        for candidate in Keymap.fallbacks(of: mode) {
            if let binding = bindings[candidate]?.first(where: { $0.key == key }) { return binding.command }
        }
        return nil
    }

    /// The status line's hints for a mode: its own, then its fallbacks' for keys it does not bind.
    func hints(for mode: InputMode) -> [(key: String, hint: String, command: KeyCommand)] {
        var seen = Set<KeyEvent>()
        return Keymap.fallbacks(of: mode).flatMap { bindings[$0] ?? [] }.compactMap { binding in
            guard seen.insert(binding.key).inserted else { return nil }
            return binding.hint.map { (binding.key.label, $0, binding.command) }
        }
    }

    static func fallbacks(of mode: InputMode) -> [InputMode] {
        switch mode {
        case .composer: return [.composer]
        case .slashMenu: return [.slashMenu, .composer]
        case .list: return [.list]
        case .conversations: return [.conversations, .list, .prompt]
        case .prompt: return [.prompt]
        case .help: return [.help, .list]
        case .approval: return [.approval]
        case .approvalField: return [.approvalField, .prompt]
        case .form: return [.form, .prompt]
        case .picker: return [.picker, .list, .prompt]
        case .connectors: return [.connectors, .list]
        case .connectorDetails: return [.connectorDetails]
        case .directoryDetails: return [.directoryDetails]
        case .confirm: return [.confirm]
        case .signIn: return [.signIn, .prompt]
        case .cards: return [.cards]
        case .liveCard: return [.liveCard]
        case .find: return [.find, .prompt]
        }
    }

    public static let standard = Keymap(bindings: [
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
            KeyBinding(key: .ctrl("o"), command: .openConnectors, hint: "connectors"),
            KeyBinding(key: KeyEvent(.tab), command: .focusCards, hint: "cards"),
            KeyBinding(key: .ctrl("t"), command: .newTask, hint: "new task"),
            KeyBinding(key: .ctrl("f"), command: .find, hint: "find"),
            KeyBinding(key: .alt(.up), command: .editLast, hint: nil),
        ] + editing,
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
        .cards: [
            KeyBinding(key: KeyEvent(.tab), command: .nextCard, hint: nil),
            KeyBinding(key: KeyEvent(.backTab), command: .previousCard, hint: nil),
            KeyBinding(key: KeyEvent(.down), command: .nextCard, hint: nil),
            KeyBinding(key: KeyEvent(.up), command: .previousCard, hint: "cards"),
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
        .liveCard: [
            KeyBinding(key: KeyEvent(.tab), command: .nextControl, hint: "controls"),
            KeyBinding(key: KeyEvent(.backTab), command: .previousControl, hint: nil),
            KeyBinding(key: .ctrl("r"), command: .reloadView, hint: "reload"),
            KeyBinding(key: KeyEvent(.pageUp), command: .scrollPageUp, hint: nil),
            KeyBinding(key: KeyEvent(.pageDown), command: .scrollPageDown, hint: nil),
            KeyBinding(key: KeyEvent(.escape), command: .close, hint: "back"),
            KeyBinding(key: .ctrl("c"), command: .close, hint: nil),
        ],
        .connectors: [
            KeyBinding(key: .char(" "), command: .cycleUse, hint: "on/on demand/off"),
            KeyBinding(key: .char("a"), command: .allOn, hint: "all on"),
            KeyBinding(key: .char("n"), command: .allOff, hint: "all off"),
            KeyBinding(key: .char("s"), command: .saveDefault, hint: "save as default"),
            KeyBinding(key: .char("b"), command: .browseDirectory, hint: "browse directory"),
            KeyBinding(key: .char("c"), command: .addCustom, hint: "add custom"),
            KeyBinding(key: KeyEvent(.enter), command: .menuAccept, hint: "details"),
        ],
        .directoryDetails: [
            KeyBinding(key: .char("i"), command: .install, hint: "install"),
            KeyBinding(key: KeyEvent(.escape), command: .close, hint: "back"),
            KeyBinding(key: .ctrl("c"), command: .close, hint: nil),
        ],
        .signIn: [
            KeyBinding(key: .alt(.character("c")), command: .copyLink, hint: "copy URL"),
            KeyBinding(key: KeyEvent(.enter), command: .menuAccept, hint: "use pasted address"),
            KeyBinding(key: KeyEvent(.escape), command: .close, hint: "cancel"),
        ],
        .picker: [
            KeyBinding(key: KeyEvent(.tab), command: .nextField, hint: "category"),
            KeyBinding(key: KeyEvent(.backTab), command: .previousField, hint: nil),
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
        .form: [
            KeyBinding(key: KeyEvent(.tab), command: .nextField, hint: "next field"),
            KeyBinding(key: KeyEvent(.backTab), command: .previousField, hint: nil),
            KeyBinding(key: KeyEvent(.down), command: .nextField, hint: nil),
            KeyBinding(key: KeyEvent(.up), command: .previousField, hint: nil),
            KeyBinding(key: .ctrl("s"), command: .submitForm, hint: "submit"),
            KeyBinding(key: .ctrl("d"), command: .declineForm, hint: nil),
            KeyBinding(key: KeyEvent(.enter), command: .menuAccept, hint: nil),
            KeyBinding(key: KeyEvent(.escape), command: .close, hint: "cancel"),
        ],
        .approvalField: [
            KeyBinding(key: KeyEvent(.tab), command: .nextField, hint: "next"),
            KeyBinding(key: KeyEvent(.backTab), command: .previousField, hint: nil),
            KeyBinding(key: KeyEvent(.down), command: .nextField, hint: nil),
            KeyBinding(key: KeyEvent(.up), command: .previousField, hint: nil),
            KeyBinding(key: KeyEvent(.enter), command: .menuAccept, hint: "done"),
            KeyBinding(key: KeyEvent(.escape), command: .close, hint: "back"),
        ],
        .slashMenu: [
            KeyBinding(key: KeyEvent(.up), command: .menuUp, hint: nil),
            KeyBinding(key: KeyEvent(.down), command: .menuDown, hint: "choose"),
            KeyBinding(key: KeyEvent(.enter), command: .menuAccept, hint: "run"),
            KeyBinding(key: KeyEvent(.tab), command: .menuComplete, hint: "complete"),
            KeyBinding(key: KeyEvent(.escape), command: .close, hint: "close"),
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
        .conversations: [
            KeyBinding(key: .ctrl("r"), command: .listRename, hint: "rename"),
            KeyBinding(key: .ctrl("d"), command: .listDelete, hint: "delete"),
            KeyBinding(key: KeyEvent(.delete, shift: false), command: .listDelete, hint: nil),
        ],
        .prompt: editing + [
            KeyBinding(key: KeyEvent(.enter), command: .menuAccept, hint: "save"),
            KeyBinding(key: KeyEvent(.escape), command: .close, hint: "cancel"),
            KeyBinding(key: .ctrl("c"), command: .close, hint: nil),
        ],
        .help: [
            KeyBinding(key: KeyEvent(.up), command: .cursorUp, hint: nil),
            KeyBinding(key: KeyEvent(.down), command: .cursorDown, hint: "scroll"),
        ],
    ])

    /// Emacs-style line editing shared by the composer and every text field.
    static let editing: [KeyBinding] = [
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
