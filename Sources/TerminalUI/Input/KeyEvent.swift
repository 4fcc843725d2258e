/// A key as the app understands it, independent of ncurses.
public enum Key: Hashable, Sendable {
    case character(Character)
    case enter, tab, backTab, backspace, delete, escape
    case up, down, left, right, home, end, pageUp, pageDown
    case function(Int)
}

public struct KeyEvent: Hashable, Sendable {
    public var key: Key
    public var control: Bool = false
    public var alt: Bool = false
    public var shift: Bool = false

    public init(_ key: Key, control: Bool = false, alt: Bool = false, shift: Bool = false) {
        self.key = key
        self.control = control
        self.alt = alt
        self.shift = shift
    }

    public static func ctrl(_ character: Character) -> KeyEvent { KeyEvent(.character(character), control: true) }
    public static func alt(_ key: Key) -> KeyEvent { KeyEvent(key, alt: true) }
    public static func char(_ character: Character) -> KeyEvent { KeyEvent(.character(character)) }

    /// The character this key types, if it types one.
    public var typedCharacter: Character? {
        if case .character(let character) = key, !control, !alt { return character }
        return nil
    }

    /// How the status line and `/help` name this key.
    public var label: String {
        var parts: [String] = []
        if control { parts.append("Ctrl") }
        if alt { parts.append("Alt") }
        if shift { parts.append("Shift") }
        let name: String
        switch key {
        case .character(" "): name = "Space"
        case .character(let character): name = control || alt ? String(character).uppercased() : String(character)
        case .enter: name = "Enter"
        case .tab: name = "Tab"
        case .backTab: name = "Shift-Tab"
        case .backspace: name = "Backspace"
        case .delete: name = "Del"
        case .escape: name = "Esc"
        case .up: name = "↑"
        case .down: name = "↓"
        case .left: name = "←"
        case .right: name = "→"
        case .home: name = "Home"
        case .end: name = "End"
        case .pageUp: name = "PgUp"
        case .pageDown: name = "PgDn"
        case .function(let number): name = "F\(number)"
        }
        parts.append(name)
        return parts.joined(separator: "-")
    }
}

/// Everything the terminal can tell the app.
public enum InputEvent: Equatable, Sendable {
    case key(KeyEvent)
    /// Bracketed paste: the whole pasted text at once.
    case paste(String)
    case resize(width: Int, height: Int)
    case wheel(up: Bool)
}
