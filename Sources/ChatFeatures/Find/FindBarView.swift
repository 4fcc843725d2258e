import TerminalText

extension Screen {
    /// `/find` on the status line: the query with the cursor, then "3 of 12"; returns the column after it.
    func drawFindBar(_ bar: FindBar, row: Int, into buffer: inout CellBuffer) -> Int {
        var column = buffer.put(" Find: ", row: row, column: 0, style: theme.style("ui.status.key"))
        let query = DisplayWidth.truncate(bar.query.text, to: max(4, buffer.width / 3))
        let end = buffer.put(query, row: row, column: column, style: theme.style("ui.status"))
        buffer.cursor = (row, min(end, column + DisplayWidth.of(String(bar.query.characters[..<bar.query.cursor]))))
        column = end + 2
        let count: String
        switch (bar.matches, bar.current) {
        case (nil, _): count = bar.query.isEmpty ? "type to search this conversation" : "searching…"
        case (let matches?, nil): count = matches.isEmpty ? "no matches" : counted(matches.count, "message")
        case (let matches?, let current?): count = "\(current + 1) of \(matches.count)"
        }
        column = buffer.put(count, row: row, column: column, style: theme.style("ui.status.flash"))
        return column + 3
    }
}

/// Marks every on-screen occurrence of the find text in the transcript (case-insensitive), cell by cell,
/// so it needs nothing from the layout beyond what was drawn.
public enum FindHighlight {
    static func mark(_ query: String, rows: Range<Int>, in buffer: inout CellBuffer, style: Style) {
        let needle = Array(query.trimmingCharacters(in: .whitespaces).lowercased())
        guard !needle.isEmpty else { return }
        for row in rows {
            // Each grapheme shown on the row with the column it starts at.
            let cells = (0..<buffer.width).filter { !buffer[row, $0].isContinuation }.map { (column: $0, text: buffer[row, $0].grapheme.lowercased()) }
            guard cells.count >= needle.count else { continue }
            var start = 0
            while start + needle.count <= cells.count {
                if (0..<needle.count).allSatisfy({ cells[start + $0].text == String(needle[$0]) }) {
                    let last = cells[start + needle.count - 1].column
                    buffer.restyle(row: row, columns: cells[start].column..<(last + DisplayWidth.of(cells[start + needle.count - 1].text))) { $0.layered(with: style) }
                    start += needle.count
                } else {
                    start += 1
                }
            }
        }
    }
}
