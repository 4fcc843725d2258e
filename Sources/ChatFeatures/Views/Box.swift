import TerminalText

/// A rectangle of the screen.
public struct Rect: Equatable {
    var x: Int
    var y: Int
    var width: Int
    var height: Int

    var inner: Rect { Rect(x: x + 2, y: y + 1, width: max(0, width - 4), height: max(0, height - 2)) }
}

extension Screen {
    /// Clears a rectangle and draws a rounded border with a title.
    func drawBox(_ rect: Rect, title: String, into buffer: inout CellBuffer) {
        guard rect.width >= 4, rect.height >= 2 else { return }
        let fill = theme.style("ui.menu")
        let border = theme.style("ui.border").layered(with: Style(background: fill.background))
        buffer.fill(rows: rect.y..<(rect.y + rect.height), columns: rect.x..<(rect.x + rect.width), style: fill)
        let horizontal = String(repeating: "─", count: rect.width - 2)
        buffer.put("╭" + horizontal + "╮", row: rect.y, column: rect.x, style: border)
        buffer.put("╰" + horizontal + "╯", row: rect.y + rect.height - 1, column: rect.x, style: border)
        for row in (rect.y + 1)..<(rect.y + rect.height - 1) {
            buffer.put("│", row: row, column: rect.x, style: border)
            buffer.put("│", row: row, column: rect.x + rect.width - 1, style: border)
        }
        if !title.isEmpty {
            let label = " " + DisplayWidth.truncate(title, to: rect.width - 6) + " "
            buffer.put(label, row: rect.y, column: rect.x + 2, style: theme.style("ui.menu.title"))
        }
    }

    /// A list row: highlighted when selected, padded to the row's width.
    func drawRow(_ spans: [Span], selected: Bool, row: Int, in rect: Rect, into buffer: inout CellBuffer) {
        let base = theme.style(selected ? "ui.menu.selected" : "ui.menu")
        buffer.fill(row: row, from: rect.x - 1, to: rect.x + rect.width + 1, style: base)
        var column = rect.x
        var spans = spans
        // A row too wide for the list ends in "…" rather than mid-word.
        if let last = spans.indices.last, spans.reduce(0, { $0 + DisplayWidth.of($1.text) }) > rect.width {
            let before = spans.dropLast().reduce(0) { $0 + DisplayWidth.of($1.text) }
            spans[last].text = DisplayWidth.truncate(spans[last].text, to: max(1, rect.width - before))
        }
        for span in spans {
            let spanStyle = selected ? base.layered(with: Style(attributes: span.attributes)) : theme.style(span.scope, span.attributes)
                .layered(with: Style(background: base.background))
            column = buffer.put(span.text, row: row, column: column, style: spanStyle, limit: rect.x + rect.width)
        }
    }
}
