import TerminalText

/// An editable text with a cursor, Emacs-style: the composer and every
/// one-line field (search, rename) are this. Positions count grapheme
/// clusters, so a CJK character or an emoji is one step and one deletion.
public struct TextField: Equatable, Sendable {
    public private(set) var characters: [Character]
    public private(set) var cursor: Int
    /// The last text killed by Ctrl-K/U/W, for Ctrl-Y.
    private(set) var killed: String = ""

    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }

    /// The same field with every character a dot, the cursor where it was: how a secret is drawn.
    public var masked: TextField {
        var field = TextField(String(repeating: "•", count: characters.count))
        field.cursor = cursor
        return field
    }

    public mutating func setText(_ text: String) {
        characters = Array(text)
        cursor = characters.count
    }

    /// Pasted text for a one-line field: each line break becomes `lineBreak`, a space unless the
    /// field separates its items with something else (pasted lines are then separate items).
    public mutating func insertOnOneLine(_ text: String, lineBreak: String = " ") {
        insert(text.replacingOccurrences(of: "\n", with: lineBreak))
    }

    public mutating func insert(_ text: String) {
        let inserted = Array(text)
        let start = cursor
        characters.insert(contentsOf: inserted, at: cursor)
        cursor += inserted.count
        // A combining mark typed after a letter joins it into one Character;
        // only the Characters either side of the insertion can merge.
        let window = max(0, start - 1)..<min(characters.count, cursor + 1)
        let merged = Array(String(characters[window]))
        if merged.count != window.count {
            characters.replaceSubrange(window, with: merged)
            cursor -= window.count - merged.count
        }
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
    public mutating func moveToStart() { cursor = 0 }
    public mutating func moveToEnd() { cursor = characters.count }

    public mutating func moveToLineStart() { cursor = lineStart(of: cursor) }
    public mutating func moveToLineEnd() { cursor = lineEnd(of: cursor) }

    public mutating func moveWordLeft() { cursor = wordStart(before: cursor) }
    public mutating func moveWordRight() {
        var index = cursor
        while index < characters.count && !isWordCharacter(characters[index]) { index += 1 }
        while index < characters.count && isWordCharacter(characters[index]) { index += 1 }
        cursor = index
    }

    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    public mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    /// Ctrl-K: to the end of the line, or the line break itself when already there.
    public mutating func killToLineEnd() {
        let end = lineEnd(of: cursor)
        kill(cursor..<(end == cursor && end < characters.count ? end + 1 : end))
    }

    public mutating func killToLineStart() { kill(lineStart(of: cursor)..<cursor) }
    public mutating func killWordBackward() { kill(wordStart(before: cursor)..<cursor) }

    /// Ctrl-C on a draft: clears it, keeping it for Ctrl-Y.
    public mutating func killAll() { kill(0..<characters.count) }

    public mutating func yank() { insert(killed) }

    private mutating func kill(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        killed = String(characters[range])
        characters.removeSubrange(range)
        cursor = range.lowerBound
    }

    private func lineStart(of index: Int) -> Int {
        var start = index
        while start > 0 && characters[start - 1] != "\n" { start -= 1 }
        return start
    }

    private func lineEnd(of index: Int) -> Int {
        var end = index
        while end < characters.count && characters[end] != "\n" { end += 1 }
        return end
    }

    private func wordStart(before index: Int) -> Int {
        var start = index
        while start > 0 && !isWordCharacter(characters[start - 1]) { start -= 1 }
        while start > 0 && isWordCharacter(characters[start - 1]) { start -= 1 }
        return start
    }

    private func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
    }
}

extension TextField {
    /// A row of the field wrapped to a width: which characters it shows.
    public struct VisualRow: Equatable {
        public let range: Range<Int>
    }

    /// The field wrapped at `width` columns, character by character, each as wide as `FieldText`
    /// draws it (so the cursor maps exactly). A line break ends a row; there is always one row.
    public func visualRows(width: Int) -> [VisualRow] {
        let width = max(2, width)
        var rows: [VisualRow] = []
        var start = 0
        var column = 0
        for (index, character) in characters.enumerated() {
            if character == "\n" {
                rows.append(VisualRow(range: start..<index))
                start = index + 1
                column = 0
                continue
            }
            let characterWidth = FieldText.width(of: character)
            if column + characterWidth > width {
                rows.append(VisualRow(range: start..<index))
                start = index
                column = 0
            }
            column += characterWidth
        }
        rows.append(VisualRow(range: start..<characters.count))
        return rows
    }

    /// The cursor's row and column in `visualRows(width:)`; the row can be one
    /// past the last when the cursor follows a full row.
    public func cursorPosition(width: Int) -> (row: Int, column: Int) {
        let rows = visualRows(width: width)
        let rowIndex = rows.lastIndex { $0.range.lowerBound <= cursor } ?? 0
        let row = rows[rowIndex]
        let column = characters[row.range.lowerBound..<min(cursor, row.range.upperBound)].reduce(0) { $0 + FieldText.width(of: $1) }
        // A cursor after a full last row sits at the start of the row below.
        return column >= max(2, width) ? (rowIndex + 1, 0) : (rowIndex, column)
    }

    /// Moves to the row above or below at the same column. Returns false when
    /// there is no such row (the composer then recalls history instead).
    public mutating func moveVertically(by delta: Int, width: Int) -> Bool {
        let rows = visualRows(width: width)
        let position = cursorPosition(width: width)
        let target = position.row + delta
        guard rows.indices.contains(target) else { return false }
        var column = 0
        var index = rows[target].range.lowerBound
        while index < rows[target].range.upperBound {
            let characterWidth = FieldText.width(of: characters[index])
            if column + characterWidth > position.column { break }
            column += characterWidth
            index += 1
        }
        cursor = index
        return true
    }
}
