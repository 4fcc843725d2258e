/// Wraps styled text to a column width: at spaces where it can, inside a word
/// when a word is longer than the line. Wide characters never straddle an edge.
public enum WordWrap {
    /// Wraps spans (which may contain `\n`) into lines of at most `width` columns.
    public static func wrap(_ spans: [Span], width: Int) -> [StyledLine] {
        let width = max(1, width)
        var lines: [StyledLine] = []
        var current: [Span] = []
        var currentWidth = 0
        var pendingSpace: Span?

        func flush() {
            lines.append(StyledLine(merged(current)))
            current = []
            currentWidth = 0
            pendingSpace = nil
        }
        func append(_ text: String, like span: Span) {
            current.append(Span(text, scope: span.scope, attributes: span.attributes))
            currentWidth += DisplayWidth.of(text)
        }

        for span in spans {
            let paragraphs = span.text.split(separator: "\n", omittingEmptySubsequences: false)
            for (paragraphIndex, paragraph) in paragraphs.enumerated() {
                if paragraphIndex > 0 { flush() }
                for token in tokens(of: paragraph) {
                    if token.allSatisfy({ $0 == " " }) {
                        if currentWidth > 0 { pendingSpace = Span(String(token), scope: span.scope, attributes: span.attributes) }
                        continue
                    }
                    let tokenWidth = DisplayWidth.of(token)
                    let spaceWidth = pendingSpace.map { DisplayWidth.of($0.text) } ?? 0
                    if currentWidth > 0 && currentWidth + spaceWidth + tokenWidth > width {
                        flush()
                    } else if let space = pendingSpace {
                        append(space.text, like: space)
                        pendingSpace = nil
                    }
                    var rest = Substring(token)
                    while DisplayWidth.of(rest) > width - currentWidth {
                        var piece = DisplayWidth.prefix(String(rest), fitting: width - currentWidth)
                        if piece.isEmpty && currentWidth == 0 { piece = rest.prefix(1) }
                        if !piece.isEmpty { append(String(piece), like: span) }
                        rest = rest.dropFirst(piece.count)
                        flush()
                    }
                    if !rest.isEmpty { append(String(rest), like: span) }
                }
            }
        }
        if currentWidth > 0 || !current.isEmpty || lines.isEmpty { flush() }
        return lines
    }

    /// Hard-wraps text without looking for spaces (code, preformatted output).
    public static func hardWrap(_ text: String, scope: String, width: Int) -> [StyledLine] {
        let width = max(1, width)
        var lines: [StyledLine] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var rest = Substring(line)
            repeat {
                var piece = DisplayWidth.prefix(String(rest), fitting: width)
                if piece.isEmpty && !rest.isEmpty { piece = rest.prefix(1) }
                lines.append(StyledLine([Span(String(piece), scope: scope)]))
                rest = rest.dropFirst(piece.count)
            } while !rest.isEmpty
        }
        return lines
    }

    /// Splits into alternating runs of spaces and non-spaces.
    private static func tokens(of text: Substring) -> [Substring] {
        var result: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let isSpace = text[index] == " "
            var end = index
            while end < text.endIndex && (text[end] == " ") == isSpace { end = text.index(after: end) }
            result.append(text[start..<end])
            start = end
            index = end
        }
        return result
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
