import TerminalText

/// A GFM table laid out in columns that share the width; cells wrap inside
/// their column. When even narrow columns cannot fit, each row becomes a list
/// of "header: value" lines instead of an unreadable grid.
struct TableLayout {
    let alignments: [TableAlignment]
    let header: [[MarkdownInline]]
    let rows: [[[MarkdownInline]]]
    let layout: MarkdownLayout

    private static let separator = " │ "
    private static let minimumColumn = 3

    func lines(width: Int) -> [StyledLine] {
        let columnCount = max(header.count, rows.map(\.count).max() ?? 0)
        guard columnCount > 0 else { return [] }
        let separatorWidth = DisplayWidth.of(Self.separator) * (columnCount - 1)
        var columns = (0..<columnCount).map { column in
            ([header] + rows).map { row in
                column < row.count ? DisplayWidth.of(MarkdownInline.plainText(row[column])) : 0
            }.max() ?? 0
        }.map { max($0, 1) }
        if columnCount * Self.minimumColumn + separatorWidth > width { return stacked(width: width) }
        while columns.reduce(0, +) + separatorWidth > width {
            let widest = columns.indices.max { columns[$0] < columns[$1] }!
            columns[widest] -= 1
        }
        var output = row(header, columns: columns, scope: "markup.table.header", attributes: .bold)
        let rule = columns.map { String(repeating: "─", count: $0) }.joined(separator: "─┼─")
        output.append(StyledLine([Span(rule, scope: "markup.table")]))
        for cells in rows { output += row(cells, columns: columns, scope: layout.baseScope, attributes: []) }
        return output
    }

    private func row(_ cells: [[MarkdownInline]], columns: [Int], scope: String, attributes: TextAttributes) -> [StyledLine] {
        let wrapped: [[StyledLine]] = columns.indices.map { column in
            let inlines = column < cells.count ? cells[column] : []
            return WordWrap.wrap(layout.spans(inlines, scope: scope, attributes: attributes), width: columns[column])
        }
        let height = wrapped.map(\.count).max() ?? 1
        return (0..<height).map { lineIndex in
            var spans: [Span] = []
            for column in columns.indices {
                if column > 0 { spans.append(Span(Self.separator, scope: "markup.table")) }
                let line = lineIndex < wrapped[column].count ? wrapped[column][lineIndex] : StyledLine()
                let gap = columns[column] - line.width
                let alignment = column < alignments.count ? alignments[column] : .left
                let before = alignment == .right ? gap : alignment == .center ? gap / 2 : 0
                if before > 0 { spans.append(Span(String(repeating: " ", count: before), scope: scope)) }
                spans += line.spans
                if gap - before > 0 { spans.append(Span(String(repeating: " ", count: gap - before), scope: scope)) }
            }
            return StyledLine(spans)
        }
    }

    private func stacked(width: Int) -> [StyledLine] {
        var output: [StyledLine] = []
        for (rowIndex, cells) in rows.enumerated() {
            if rowIndex > 0 { output.append(StyledLine([Span(String(repeating: "─", count: width), scope: "markup.table")])) }
            for (column, cell) in cells.enumerated() {
                let name = column < header.count ? MarkdownInline.plainText(header[column]) : "\(column + 1)"
                let spans = [Span(name + ": ", scope: "markup.table.header", attributes: .bold)]
                    + layout.spans(cell, scope: layout.baseScope)
                output += WordWrap.wrap(spans, width: width)
            }
        }
        return output
    }
}
