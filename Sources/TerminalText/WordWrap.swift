/// Wraps styled text to a column width: at spaces where it can, inside a word
/// when a word is longer than the line. Wide characters never straddle an edge.
/// Each character is measured once, so a line costs what its length does; a source
/// line longer than `lineCap` characters shows its start and says how much was left out.
public enum WordWrap {
    /// What one source line shows at most: a screenful or two of text at any width.
    public static let lineCap = 4_000

    /// The note that stands in for what was not laid out.
    public static func leftOutNote(_ characters: Int) -> String {
        "… \(counted(characters, "more character", plural: "more characters"))"
    }

    /// Wraps spans (which may contain `\n`) into lines of at most `width` columns.
    public static func wrap(_ spans: [Span], width: Int) -> [StyledLine] {
        var lines = LineBuilder(width: max(1, width))
        var shown = 0
        var leftOut = 0
        var last: Span?

        /// Ends a source line: the note for what was cut, then a line break.
        func endSourceLine() {
            if leftOut > 0, let style = last {
                lines.place(" ", like: style)
                lines.placeWords(Substring(leftOutNote(leftOut)), like: Span("", scope: style.scope, attributes: style.attributes.union(.italic)))
            }
            shown = 0
            leftOut = 0
        }

        for span in spans {
            for (index, line) in sourceLines(of: span.text).enumerated() {
                if index > 0 { endSourceLine(); lines.flush() }
                last = span
                if leftOut > 0 { leftOut += line.count; continue }
                let (kept, rest) = cut(line, after: lineCap - shown)
                shown += kept.count
                leftOut = rest
                lines.placeWords(kept, like: span)
            }
        }
        endSourceLine()
        return lines.finished()
    }

    /// Hard-wraps text without looking for spaces (code, preformatted output).
    public static func hardWrap(_ text: String, scope: String, width: Int) -> [StyledLine] {
        var lines = LineBuilder(width: max(1, width))
        let span = Span("", scope: scope)
        for (index, line) in sourceLines(of: text).enumerated() {
            if index > 0 { lines.flush() }
            let (kept, leftOut) = cut(line, after: lineCap)
            lines.placeCharacters(kept, like: span)
            if leftOut > 0 {
                lines.place(" ", like: span)
                lines.placeWords(Substring(leftOutNote(leftOut)), like: Span("", scope: scope, attributes: .italic))
            }
        }
        lines.flush()
        return lines.finished()
    }

    /// `text` split at `\n`, found in its bytes (a line break is always a grapheme of its own).
    public static func sourceLines(of text: String) -> [Substring] {
        text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Substring($0) }
    }

    /// What one text (an answer, a result, a message) shows at most, in characters.
    public static let textCap = 100_000

    /// What of `text` a layout shows: each line at most `lineCap` characters, followed by a note
    /// of what it left out, and `characters` in all, then a note for the rest. Sanitising, parsing
    /// and wrapping then cost what is shown, never what was sent.
    public static func shown(_ text: String, upTo characters: Int = textCap) -> String {
        if text.utf8.count <= min(lineCap, characters) { return text }
        var shown: [Substring] = []
        var room = characters
        var leftOut = 0
        for line in sourceLines(of: text) {
            if room == 0 { leftOut += line.count + (leftOut > 0 ? 1 : 0); continue }
            let (kept, rest) = cut(line, after: min(lineCap, room))
            room -= kept.count
            shown.append(kept)
            if rest > 0, room > 0 { shown.append(Substring(leftOutNote(rest))) }
            if room == 0 { leftOut += rest }
        }
        if leftOut > 0 { shown += ["", Substring(leftOutNote(leftOut))] }
        return shown.joined(separator: "\n")
    }

    /// The first `characters` of `line`, and how many characters follow them.
    static func cut(_ line: Substring, after characters: Int) -> (kept: Substring, leftOut: Int) {
        guard let end = line.index(line.startIndex, offsetBy: max(0, characters), limitedBy: line.endIndex), end < line.endIndex else {
            return (line, 0)
        }
        return (line[..<end], line[end...].count)
    }

    /// Joins neighbouring spans that look the same, so lines stay short.
    static func merged(_ spans: [Span]) -> [Span] {
        var result: [Span] = []
        for span in spans where !span.text.isEmpty {
            if let last = result.last, last.scope == span.scope, last.attributes == span.attributes {
                result[result.count - 1].text += span.text
            } else {
                result.append(span)
            }
        }
        return result
    }
}

/// Output lines being filled left to right.
private struct LineBuilder {
    let width: Int
    private var lines: [StyledLine] = []
    private var current: [Span] = []
    private var currentWidth = 0
    private var pendingSpace: Span?

    init(width: Int) { self.width = width }

    mutating func flush() {
        lines.append(StyledLine(WordWrap.merged(current)))
        current = []
        currentWidth = 0
        pendingSpace = nil
    }

    mutating func finished() -> [StyledLine] {
        if currentWidth > 0 || !current.isEmpty || lines.isEmpty { flush() }
        return lines
    }

    private mutating func append(_ text: Substring, columns: Int, like span: Span) {
        current.append(Span(String(text), scope: span.scope, attributes: span.attributes))
        currentWidth += columns
    }

    /// Words go whole onto a line when they fit; spaces between them go only between words on one line.
    mutating func placeWords(_ text: Substring, like span: Span) {
        var start = text.startIndex
        while start < text.endIndex {
            let isSpace = text[start] == " "
            var end = start
            while end < text.endIndex && (text[end] == " ") == isSpace { end = text.index(after: end) }
            if isSpace { place(text[start..<end], like: span) } else { placeWord(text[start..<end], like: span) }
            start = end
        }
    }

    /// A run of spaces: kept until the next word shows whether it fits after them.
    mutating func place(_ spaces: Substring, like span: Span) {
        if currentWidth > 0 { pendingSpace = Span(String(spaces), scope: span.scope, attributes: span.attributes) }
    }

    private mutating func placeWord(_ word: Substring, like span: Span) {
        let wordWidth = DisplayWidth.of(word)
        let spaceWidth = pendingSpace.map { DisplayWidth.of($0.text) } ?? 0
        if currentWidth > 0 && currentWidth + spaceWidth + wordWidth > width {
            flush()
        } else if let space = pendingSpace {
            append(Substring(space.text), columns: spaceWidth, like: space)
            pendingSpace = nil
        }
        if wordWidth <= width - currentWidth {
            append(word, columns: wordWidth, like: span)
        } else {
            placeCharacters(word, like: span)
        }
    }

    /// Character by character, breaking where the line is full (a character wider than the line gets one alone).
    mutating func placeCharacters(_ text: Substring, like span: Span) {
        var start = text.startIndex
        var pieceWidth = 0
        for index in text.indices {
            let columns = DisplayWidth.of(text[index])
            if currentWidth + pieceWidth + columns > width && (pieceWidth > 0 || currentWidth > 0) {
                append(text[start..<index], columns: pieceWidth, like: span)
                flush()
                start = index
                pieceWidth = 0
            }
            pieceWidth += columns
        }
        if start < text.endIndex { append(text[start...], columns: pieceWidth, like: span) }
    }
}
