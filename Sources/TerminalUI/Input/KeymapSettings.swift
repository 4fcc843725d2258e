/// `config.toml`'s `[keys]` (the composer) and `[keys.LAYER]` tables: `"ctrl-n" = "task"` binds a key
/// to a command by the name the `/` menu and `/help` use; `"ctrl-t" = "none"` unbinds one.
extension Keymap {
    public struct Rebinding: Equatable, Sendable {
        public var layer: String
        public var key: String
        public var command: String

        public init(layer: String, key: String, command: String) {
            self.layer = layer
            self.key = key
            self.command = command
        }
    }

    /// The keymap with the person's bindings applied, and what could not be applied, each saying why.
    /// A bound key replaces what that key did in its layer and takes over the footer hint of the
    /// command's own key there, so the footer names the key the person chose.
    public func rebinding(_ entries: [Rebinding]) -> (keymap: Keymap, problems: [String]) {
        var bindings = self.bindings
        var problems: [String] = []
        for entry in entries {
            guard let mode = InputMode.named(entry.layer) else {
                problems.append("[keys.\(entry.layer)]: no such layer (\(InputMode.allCases.map(\.configName).joined(separator: ", ")))")
                continue
            }
            guard let key = KeyEvent(configName: entry.key) else {
                problems.append("[keys\(mode.tableSuffix)] \"\(entry.key)\": not a key name (e.g. ctrl-n, alt-enter, f2, x)")
                continue
            }
            var layer = bindings[mode] ?? []
            layer.removeAll { $0.key == key }
            if entry.command == "none" {
                bindings[mode] = layer
                continue
            }
            guard let command = KeyCommand.named(entry.command) else {
                problems.append("[keys\(mode.tableSuffix)] \"\(entry.key)\": no command named “\(entry.command)” (see /help)")
                continue
            }
            var hint: String? = command.name.replacingOccurrences(of: "-", with: " ")
            if let index = layer.firstIndex(where: { $0.command == command && $0.hint != nil }) {
                hint = layer[index].hint
                layer[index] = KeyBinding(key: layer[index].key, command: command, hint: nil)
            }
            bindings[mode] = [KeyBinding(key: key, command: command, hint: hint)] + layer
        }
        return (Keymap(bindings: bindings), problems)
    }
}

extension InputMode {
    /// The layer's name in config.toml: `[keys.connectors]`.
    public var configName: String {
        switch self {
        case .composer: return "composer"
        case .slashMenu: return "slash-menu"
        case .list: return "list"
        case .conversations: return "conversations"
        case .prompt: return "text-field"
        case .help: return "help"
        case .approval: return "approval"
        case .approvalField: return "approval-field"
        case .form: return "form"
        case .picker: return "picker"
        case .connectors: return "connectors"
        case .connectorDetails: return "connector-details"
        case .directoryDetails: return "directory-details"
        case .confirm: return "confirm"
        case .signIn: return "sign-in"
        case .cards: return "cards"
        case .find: return "find"
        case .selectMessage: return "select-message"
        case .liveCard: return "live-card"
        }
    }

    static func named(_ name: String) -> InputMode? { allCases.first { $0.configName == name } }

    var tableSuffix: String { self == .composer ? "" : "." + configName }
}

extension KeyEvent {
    /// A key as config.toml names it: modifiers `ctrl-`, `alt-`, `shift-`, then a character or
    /// enter, tab, backtab, backspace, delete, esc, space, up, down, left, right, home, end, pgup, pgdn, f1…f24.
    init?(configName: String) {
        var parts = configName.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        if parts.count > 1, parts.last == "" { parts.removeLast(2); parts.append("-") }  // "ctrl--"
        guard let last = parts.popLast(), !last.isEmpty else { return nil }
        var event = KeyEvent(.character(" "))
        for modifier in parts {
            switch modifier.lowercased() {
            case "ctrl": event.control = true
            case "alt": event.alt = true
            case "shift": event.shift = true
            default: return nil
            }
        }
        let named: [String: Key] = [
            "enter": .enter, "return": .enter, "tab": .tab, "backtab": .backTab, "backspace": .backspace,
            "delete": .delete, "del": .delete, "esc": .escape, "escape": .escape, "space": .character(" "),
            "up": .up, "down": .down, "left": .left, "right": .right, "home": .home, "end": .end,
            "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown,
        ]
        if let key = named[last.lowercased()] {
            event.key = key
        } else if last.count == 1, let character = last.first {
            // The terminal reports control keys in lower case; a plain letter keeps its case.
            event.key = .character(event.control ? Character(character.lowercased()) : character)
        } else if last.lowercased().hasPrefix("f"), let number = Int(last.dropFirst()), (1...24).contains(number) {
            event.key = .function(number)
        } else {
            return nil
        }
        if event.key == .tab, event.shift { event = KeyEvent(.backTab) }
        // The terminal sends Shift-t as "T": a shifted plain character is its capital.
        if case .character(let character) = event.key, event.shift, !event.control, !event.alt {
            event = KeyEvent(.character(Character(character.uppercased())))
        }
        self = event
    }
}
