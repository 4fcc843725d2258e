/// One terminal cell: a grapheme and its style. A wide grapheme fills its own
/// cell and marks the next one as its continuation.
public struct Cell: Hashable, Sendable {
    public var grapheme: String
    public var style: Style
    public var isContinuation: Bool

    public init(_ grapheme: String = " ", style: Style = .plain, isContinuation: Bool = false) {
        self.grapheme = grapheme
        self.style = style
        self.isContinuation = isContinuation
    }
}

/// A grid of cells that views draw into and the backend flushes, cell by cell,
/// only where it changed. Rendering into it needs no terminal, so screens are
/// testable as plain text.
public struct CellBuffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should be shown, if anywhere.
    public var cursor: (row: Int, column: Int)?

    public init(width: Int, height: Int, style: Style = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(style: style), count: self.width * self.height)
    }

    public static func == (lhs: CellBuffer, rhs: CellBuffer) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.cells == rhs.cells
            && lhs.cursor?.row == rhs.cursor?.row && lhs.cursor?.column == rhs.cursor?.column
    }

    public subscript(row: Int, column: Int) -> Cell {
        cells[row * width + column]
    }

    /// Writes text from `column` on `row`, clipped at `limit` (default: the right edge).
    /// Returns the column after the last cell written.
    @discardableResult
    public mutating func put(_ text: String, row: Int, column: Int, style: Style, limit: Int? = nil) -> Int {
        guard row >= 0, row < height else { return column }
        let end = min(limit ?? width, width)
        var col = max(0, column)
        for character in Sanitizer.clean(text, keepNewlines: false) {
            var grapheme = String(character)
            var graphemeWidth = DisplayWidth.of(character)
            if graphemeWidth == 0 {
                // A lone combining mark gets a dotted circle to sit on.
                grapheme = "\u{25CC}" + grapheme
                graphemeWidth = 1
            }
            if col + graphemeWidth > end {
                if graphemeWidth == 2 && col < end { set(row, col, Cell(" ", style: style)) }
                return end
            }
            set(row, col, Cell(grapheme, style: style))
            if graphemeWidth == 2 { set(row, col + 1, Cell("", style: style, isContinuation: true)) }
            col += graphemeWidth
        }
        return col
    }

    /// Writes a styled line, resolving each span's scope through `resolve`.
    @discardableResult
    public mutating func put(_ line: StyledLine, row: Int, column: Int, limit: Int? = nil, resolve: (String, TextAttributes) -> Style) -> Int {
        var col = column
        for span in line.spans {
            col = put(span.text, row: row, column: col, style: resolve(span.scope, span.attributes), limit: limit)
        }
        if let fillScope = line.fillScope {
            fill(row: row, from: col, to: limit ?? width, style: resolve(fillScope, []))
        }
        return col
    }

    /// Paints blank cells with `style` from `from` up to (not including) `to`.
    public mutating func fill(row: Int, from: Int, to: Int, style: Style) {
        guard row >= 0, row < height else { return }
        for col in max(0, from)..<max(max(0, from), min(to, width)) {
            set(row, col, Cell(" ", style: style))
        }
    }

    /// Paints a rectangle blank with `style`.
    public mutating func fill(rows: Range<Int>, columns: Range<Int>, style: Style) {
        for row in rows { fill(row: row, from: columns.lowerBound, to: columns.upperBound, style: style) }
    }

    /// Changes the style of the cells in `columns` on `row`, keeping what they show.
    public mutating func restyle(row: Int, columns: Range<Int>, _ change: (Style) -> Style) {
        guard row >= 0, row < height else { return }
        for column in max(0, columns.lowerBound)..<max(max(0, columns.lowerBound), min(columns.upperBound, width)) {
            cells[row * width + column].style = change(cells[row * width + column].style)
        }
    }

    /// Sets a cell, blanking the other half of any wide character it cuts through.
    private mutating func set(_ row: Int, _ column: Int, _ cell: Cell) {
        let index = row * width + column
        let old = cells[index]
        if old.isContinuation && !cell.isContinuation && column > 0 {
            cells[index - 1] = Cell(" ", style: cells[index - 1].style)
        }
        if !old.isContinuation && column + 1 < width && cells[index + 1].isContinuation && !cell.isContinuation {
            cells[index + 1] = Cell(" ", style: cells[index + 1].style)
        }
        cells[index] = cell
    }

    /// The screen as text lines, trailing spaces trimmed: what snapshots compare.
    public func textLines() -> [String] {
        (0..<height).map { row in
            var line = ""
            for column in 0..<width where !self[row, column].isContinuation {
                line += self[row, column].grapheme
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }
}
