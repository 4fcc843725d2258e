import TerminalText

/// An HTML outline as lines: headings bold, lists indented, tables in columns,
/// definitions under their terms, controls and links set apart by style.
enum OutlineLayout {
    static func lines(for outline: HTMLOutline, width: Int) -> [StyledLine] {
        var lines: [StyledLine] = []
        if let title = outline.title, !startsWithHeading(outline, equalTo: title) {
            lines += WordWrap.wrap([Span(Sanitizer.line(title), scope: "card.heading", attributes: [.bold, .underline])], width: width)
        }
        var previous: HTMLOutline.Block?
        for block in outline.blocks {
            let blockLines = self.lines(for: block, width: width)
            guard !blockLines.isEmpty else { continue }
            if !lines.isEmpty, !follows(block, previous) { lines.append(StyledLine()) }
            lines += blockLines
            previous = block
        }
        for note in outline.notes {
            lines += WordWrap.wrap([Span(Sanitizer.line(note), scope: "card.meta", attributes: .italic)], width: width)
        }
        return lines
    }

    /// A page titled as its first heading shows the words once.
    private static func startsWithHeading(_ outline: HTMLOutline, equalTo title: String) -> Bool {
        guard case .heading(_, let text)? = outline.blocks.first else { return false }
        return text.map(\.text).joined().trimmingCharacters(in: .whitespaces) == title.trimmingCharacters(in: .whitespaces)
    }

    /// A list item after a list item, and a definition after its term, follow without a gap.
    private static func follows(_ block: HTMLOutline.Block, _ previous: HTMLOutline.Block?) -> Bool {
        switch (block, previous) {
        case (.listItem, .listItem?), (.field, .field?), (.definition, .term?), (.definition, .definition?), (.term, .term?), (.term, .definition?): return true
        default: return false
        }
    }

    static func lines(for block: HTMLOutline.Block, width: Int) -> [StyledLine] {
        switch block {
        case .heading(let level, let text):
            return WordWrap.wrap(spans(text, scope: "card.heading", attributes: level <= 2 ? [.bold, .underline] : [.bold]), width: width)
        case .paragraph(let text), .field(let text):
            return WordWrap.wrap(spans(text, scope: "card.text"), width: width)
        case .quote(let text):
            return indented(WordWrap.wrap(spans(text, scope: "card.meta"), width: max(4, width - 2)), with: "▎ ", scope: "card.meta")
        case .preformatted(let text):
            return text.split(separator: "\n", omittingEmptySubsequences: false).prefix(200).map {
                StyledLine([Span(DisplayWidth.truncate(Sanitizer.line(String($0)), to: width), scope: "card.code")])
            }
        case .listItem(let depth, let marker, let text):
            let indent = String(repeating: "  ", count: min(depth, max(0, (width - 8) / 4)))
            let lead = indent + marker + " "
            let wrapped = WordWrap.wrap(spans(text, scope: "card.text"), width: max(4, width - DisplayWidth.of(lead)))
            return wrapped.enumerated().map { index, line in
                line.prefixed(with: [Span(index == 0 ? lead : String(repeating: " ", count: DisplayWidth.of(lead)), scope: "card.meta")])
            }
        case .term(let text):
            return WordWrap.wrap(spans(text, scope: "card.label", attributes: .bold), width: width)
        case .definition(let text):
            return indented(WordWrap.wrap(spans(text, scope: "card.text"), width: max(4, width - 2)), with: "  ", scope: "text")
        case .table(let rows, let headerRows):
            guard headerRows > 0 else { return TableLayout.lines(headers: [], rows: rows, width: width) }
            return TableLayout.lines(headers: rows[0], rows: Array(rows.dropFirst(headerRows)), width: width)
        case .rule:
            return [StyledLine([Span(String(repeating: "─", count: width), scope: "card.meta")])]
        }
    }

    static func spans(_ runs: [HTMLOutline.Inline], scope: String, attributes: TextAttributes = []) -> [Span] {
        runs.map { run in
            let text = Sanitizer.clean(run.text)
            switch run.kind {
            case .plain: return Span(text, scope: scope, attributes: attributes)
            case .strong: return Span(text, scope: scope, attributes: attributes.union(.bold))
            case .emphasis: return Span(text, scope: scope, attributes: attributes.union(.italic))
            case .code: return Span(text, scope: "card.code", attributes: attributes)
            case .link: return Span(text, scope: "card.link", attributes: attributes)
            case .control, .focusedControl:
                // A control is one word to the wrapper: it never breaks across lines.
                let focused = run.kind == .focusedControl
                return Span(text.replacingOccurrences(of: " ", with: "\u{00A0}"), scope: focused ? HTMLOutline.focusedControlScope : "card.control",
                            attributes: attributes.union(focused ? .reverse : []))
            case .image: return Span(text, scope: "card.meta", attributes: attributes.union(.italic))
            }
        }
    }

    private static func indented(_ lines: [StyledLine], with prefix: String, scope: String) -> [StyledLine] {
        lines.map { $0.prefixed(with: [Span(prefix, scope: scope)]) }
    }
}

/// Rows and columns fitted to a width: each column as wide as its widest cell until
/// the table would overflow, then the widest columns give way and cells are cut.
enum TableLayout {
    static func lines(headers: [String], rows: [[String]], width: Int) -> [StyledLine] {
        let allColumns = max(headers.count, rows.map(\.count).max() ?? 0)
        // Columns empty in every row are spacing, not data.
        let kept = (0..<allColumns).filter { column in
            ([headers] + rows).contains { column < $0.count && !$0[column].trimmingCharacters(in: .whitespaces).isEmpty }
        }
        guard !kept.isEmpty else { return [] }
        let natural = kept.map { column in
            ([headers] + rows).map { column < $0.count ? DisplayWidth.of(Sanitizer.line($0[column])) : 0 }.max() ?? 0
        }
        // Too many columns to read at this width: the first ones stay (schemas list the key ones first).
        var shown = kept.count
        while shown > 1, (0..<shown).reduce(0, { $0 + min(natural[$1], 8) }) + 3 * (shown - 1) > width { shown -= 1 }
        let columns = shown
        let visible = Array(kept.prefix(shown))
        let clean: ([String]) -> [String] = { row in visible.map { $0 < row.count ? Sanitizer.line(row[$0]) : "" } }
        let header = headers.isEmpty ? nil : clean(headers)
        let body = rows.map(clean)
        var widths = Array(natural.prefix(shown))
        let separator = 3
        let room = max(columns, width - separator * (columns - 1))
        while widths.reduce(0, +) > room, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > 3 {
            widths[widest] -= 1
        }
        func line(_ cells: [String], scope: String, attributes: TextAttributes = []) -> StyledLine {
            var spans: [Span] = []
            for (column, cell) in cells.enumerated() {
                let shown = DisplayWidth.truncate(cell, to: max(1, widths[column]))
                let padding = column == columns - 1 ? "" : String(repeating: " ", count: max(0, widths[column] - DisplayWidth.of(shown)))
                spans.append(Span(shown + padding, scope: scope, attributes: attributes))
                if column < columns - 1 { spans.append(Span(" │ ", scope: "card.meta")) }
            }
            return StyledLine(spans)
        }
        var lines: [StyledLine] = []
        if let header {
            lines.append(line(header, scope: "card.label", attributes: .bold))
            lines.append(StyledLine([Span(widths.map { String(repeating: "─", count: $0) }.joined(separator: "─┼─"), scope: "card.meta")]))
        }
        lines += body.map { line($0, scope: "card.text") }
        if shown < kept.count {
            let more = kept.count - shown
            lines.append(StyledLine([Span("… \(counted(more, "more column", plural: "more columns")) at this width", scope: "card.meta", attributes: .italic)]))
        }
        return lines
    }
}
