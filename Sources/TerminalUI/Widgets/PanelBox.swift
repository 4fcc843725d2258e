import TerminalText

/// A rectangle of the screen.
public struct Rect: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var inner: Rect { Rect(x: x + 2, y: y + 1, width: max(0, width - 4), height: max(0, height - 2)) }
}

/// Panels and their list rows, drawn in a theme's colours: every panel (the app's and the
/// connector menu's) draws through these, so they look alike.
extension Theme {
    /// The scopes a box is drawn in: a panel's, or a question's, which must stand out from what it covers.
    public struct BoxScopes: Sendable {
        public var fill, border, title: String

        public static let panel = BoxScopes(fill: "ui.menu", border: "ui.border", title: "ui.menu.title")
        public static let question = BoxScopes(fill: "ui.confirm", border: "ui.confirm.border", title: "ui.confirm.title")
    }

    /// Clears a rectangle and frames it with the one box (`BoxFrame`), titled.
    public func drawBox(_ rect: Rect, title: String, scopes: BoxScopes = .panel, into buffer: inout CellBuffer) {
        guard rect.width >= 4, rect.height >= 2 else { return }
        let fill = style(scopes.fill)
        let border = style(scopes.border).layered(with: Style(background: fill.background))
        buffer.fill(rows: rect.y..<(rect.y + rect.height), columns: rect.x..<(rect.x + rect.width), style: fill)
        let frame = BoxFrame(inner: rect.width - 4, border: scopes.border)
        let label = title.isEmpty || rect.width < 6 ? [] : [Span(" " + DisplayWidth.truncate(title, to: rect.width - 6) + " ", scope: scopes.title)]
        let resolve = { (scope: String, attributes: TextAttributes) in scope == frame.border ? border : style(scope, attributes) }
        let limit = rect.x + rect.width
        buffer.put(frame.top(label), row: rect.y, column: rect.x, limit: limit, resolve: resolve)
        buffer.put(frame.bottom(), row: rect.y + rect.height - 1, column: rect.x, limit: limit, resolve: resolve)
        for row in (rect.y + 1)..<(rect.y + rect.height - 1) {
            buffer.put(BoxFrame.side, row: row, column: rect.x, style: border)
            buffer.put(BoxFrame.side, row: row, column: limit - 1, style: border)
        }
    }

    /// A list row: highlighted when selected, padded to the row's width.
    public func drawRow(_ spans: [Span], selected: Bool, row: Int, in rect: Rect, into buffer: inout CellBuffer) {
        let base = style(selected ? "ui.menu.selected" : "ui.menu")
        buffer.fill(row: row, from: rect.x - 1, to: rect.x + rect.width + 1, style: base)
        var column = rect.x
        var spans = spans
        // A row too wide for the list ends in "…" rather than mid-word.
        if let last = spans.indices.last, spans.reduce(0, { $0 + DisplayWidth.of($1.text) }) > rect.width {
            let before = spans.dropLast().reduce(0) { $0 + DisplayWidth.of($1.text) }
            spans[last].text = DisplayWidth.truncate(spans[last].text, to: max(1, rect.width - before))
        }
        for span in spans {
            let spanStyle = selected ? base.layered(with: Style(attributes: span.attributes)) : style(span.scope, span.attributes)
                .layered(with: Style(background: base.background))
            column = buffer.put(span.text, row: row, column: column, style: spanStyle, limit: rect.x + rect.width)
        }
    }

    /// Lines inside a panel, scrolled to start at `top` (kept so the last page stays full), on the panel's background.
    public func drawLines(_ lines: [StyledLine], from top: Int, in inner: Rect, into buffer: inout CellBuffer) {
        let top = min(top, max(0, lines.count - inner.height))
        for (offset, line) in lines.dropFirst(top).prefix(inner.height).enumerated() {
            buffer.put(line, row: inner.y + offset, column: inner.x, limit: inner.x + inner.width) { scope, attributes in
                style(scope, attributes).layered(with: Style(background: style("ui.menu").background))
            }
        }
    }

    /// A labelled one-line field, with the terminal cursor in it.
    public func drawField(_ label: String, _ field: TextField, row: Int, in rect: Rect, into buffer: inout CellBuffer) {
        let start = buffer.put(label, row: row, column: rect.x, style: style("ui.menu.title"))
        let room = max(1, rect.x + rect.width - start)
        // Keep the cursor in view when the text is wider than the field.
        var hidden = 0
        while hidden < field.cursor, FieldText.width(of: field.characters[hidden..<field.cursor]) >= room { hidden += 1 }
        // The row is the field's: nothing drawn there before (a form's own line for it) shows past the text.
        buffer.fill(row: row, from: start, to: rect.x + rect.width, style: style("ui.menu"))
        FieldText.draw(field.characters[hidden...], into: &buffer, row: row, column: start, style: style("ui.menu"), limit: rect.x + rect.width)
        let cursorColumn = start + FieldText.width(of: field.characters[hidden..<field.cursor])
        buffer.cursor = (row, min(cursorColumn, rect.x + rect.width - 1))
    }
}

extension Span {
    /// A list row's mark: ● for the current (or installed) entry, blank otherwise.
    public static func marker(_ isCurrent: Bool) -> Span {
        isCurrent ? Span("● ", scope: "ui.menu.match") : Span("  ", scope: "ui.menu")
    }
}
