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
    /// A message highlighted in the transcript, to copy.
    case selectMessage
}

public struct KeyBinding: Sendable {
    public let key: KeyEvent
    public let command: KeyCommand
    /// What the status line says for it; nil keeps it out of the status line.
    public let hint: String?

    public init(key: KeyEvent, command: KeyCommand, hint: String?) {
        self.key = key
        self.command = command
        self.hint = hint
    }
}

/// Key bindings per mode. Modes fall back: the slash menu to the composer,
/// lists and prompts to editing keys, so one table serves them all.
public struct Keymap: Sendable {
    public let bindings: [InputMode: [KeyBinding]]

    public init(bindings: [InputMode: [KeyBinding]]) {
        self.bindings = bindings
    }

    /// This keymap with a feature's own layers added. A layer belongs to one feature: binding one
    /// twice is a mistake in the program, and it stops at once rather than drop a table silently.
    public func adding(_ layers: [InputMode: [KeyBinding]]) -> Keymap {
        var bindings = self.bindings
        for (mode, layer) in layers {
            precondition(bindings[mode] == nil, "the \(mode.configName) layer is bound by two features")
            bindings[mode] = layer
        }
        return Keymap(bindings: bindings)
    }

    public func command(for key: KeyEvent, in mode: InputMode) -> KeyCommand? {
        for candidate in Keymap.fallbacks(of: mode) {
            if let binding = bindings[candidate]?.first(where: { $0.key == key }) { return binding.command }
        }
        return nil
    }

    /// The keys that run `command` in `mode` (its own bindings, then its fallbacks' keys it does not
    /// shadow), as the screen names them: so every hint says the key the person actually bound.
    public func keys(for command: KeyCommand, in mode: InputMode) -> [String] {
        var seen = Set<KeyEvent>()
        return Keymap.fallbacks(of: mode).flatMap { bindings[$0] ?? [] }.compactMap { binding in
            guard seen.insert(binding.key).inserted, binding.command == command else { return nil }
            return binding.key.label
        }
    }

    /// The first key that runs `command` in `mode`, or nil when none does (a footer then leaves it out).
    public func key(for command: KeyCommand, in mode: InputMode) -> String? {
        keys(for: command, in: mode).first
    }

    /// Keys and what they do, for a hint: "Tab next field · Ctrl-S submits"; unbound commands are left out.
    public func phrase(_ items: [(KeyCommand, String)], in mode: InputMode, separator: String = " · ") -> String {
        phrases(items, in: mode).joined(separator: separator)
    }

    /// Each bound command's "key says", to join or to keep as many as fit.
    public func phrases(_ items: [(KeyCommand, String)], in mode: InputMode) -> [String] {
        items.compactMap { command, says in key(for: command, in: mode).map { "\($0) \(says)" } }
    }

    /// The status line's hints for a mode: its own, then its fallbacks' for keys it does not bind.
    public func hints(for mode: InputMode) -> [(key: String, hint: String, command: KeyCommand)] {
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
        case .selectMessage: return [.selectMessage]
        }
    }
}
