/// Escape sequences that reach the app undecoded because the terminfo entry for TERM
/// does not name them (tmux sends End as `ESC [4~` whatever TERM says). The common
/// ones become keys; any other complete CSI or SS3 sequence is dropped rather than
/// typed into the message.
public enum EscapeSequence {
    /// What follows ESC: `[` starts a CSI sequence, `O` an SS3 one.
    public static func introduces(_ character: Character) -> Bool { character == "[" || character == "O" }

    /// A CSI sequence ends at its final byte (`@` to `~`); parameters and intermediates come before it.
    public static func isFinal(_ character: Character) -> Bool {
        guard let value = character.asciiValue else { return false }
        return (0x40...0x7E).contains(value)
    }

    /// The key a complete sequence stands for, or nil to ignore it.
    /// `body` is what came after the introducer, final byte included (`4~`, `1;5H`, `F`).
    public static func key(introducer: Character, body: String) -> KeyEvent? {
        guard let final = body.last else { return nil }
        let written = body.dropLast()
        let parameters = written.isEmpty ? [] : written.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        guard parameters.allSatisfy({ $0 != nil }) else { return nil }
        let numbers = parameters.map { $0! }
        let key: Key?
        switch (final, numbers.first) {
        case ("A", _): key = .up
        case ("B", _): key = .down
        case ("C", _): key = .right
        case ("D", _): key = .left
        case ("H", _): key = .home
        case ("F", _): key = .end
        case ("~", 1?), ("~", 7?): key = .home
        case ("~", 4?), ("~", 8?): key = .end
        case ("~", 3?): key = .delete
        case ("~", 5?): key = .pageUp
        case ("~", 6?): key = .pageDown
        default: key = nil
        }
        guard let key, introducer == "[" || numbers.isEmpty else { return nil }
        // xterm's modifier parameter: 1 + (shift 1, alt 2, control 4).
        let bits = numbers.count > 1 ? max(0, numbers[1] - 1) : 0
        return KeyEvent(key, control: bits & 4 != 0, alt: bits & 2 != 0, shift: bits & 1 != 0)
    }
}
