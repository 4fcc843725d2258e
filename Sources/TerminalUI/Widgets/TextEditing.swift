extension TextField {
    /// Applies a line-editing command. Returns false for commands that are not editing.
    public mutating func apply(_ command: KeyCommand) -> Bool {
        switch command {
        case .cursorLeft: moveLeft()
        case .cursorRight: moveRight()
        case .wordLeft: moveWordLeft()
        case .wordRight: moveWordRight()
        case .lineStart, .lineStartOrTop: moveToLineStart()
        case .lineEnd, .lineEndOrBottom: moveToLineEnd()
        case .deleteBackward: deleteBackward()
        case .deleteForward: deleteForward()
        case .killToLineEnd: killToLineEnd()
        case .killToLineStart: killToLineStart()
        case .killWordBackward: killWordBackward()
        case .yank: yank()
        default: return false
        }
        return true
    }

    /// Edits a one-line field with a key: a bound editing command or a typed character.
    /// Returns whether the key was used.
    public mutating func handle(_ key: KeyEvent, keymap: Keymap, mode: InputMode) -> Bool {
        if let command = keymap.command(for: key, in: mode) { return apply(command) }
        if let character = key.typedCharacter, character != "\n" {
            insert(String(character))
            return true
        }
        return false
    }
}
