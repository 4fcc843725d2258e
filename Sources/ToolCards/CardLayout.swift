import MarkdownText
import TerminalText

/// Lays a card out as bordered lines at a width. Every piece of text passes the
/// sanitizer on its way in: a card holds what servers sent.
public struct CardLayout: Sendable {
    public struct Options: Equatable, Sendable {
        public var isExpanded = false
        public var isFocused = false
        /// Body lines a collapsed card shows.
        public var collapsedLines = 12
        /// Body lines an expanded card shows at most, however large the result.
        public var expandedLines = 600
        public var keys = Keys()
        /// What a focused card says of its keys instead of its own (a live card's keys go to its view).
        public var focusHint: String?
        /// What the card is doing meanwhile (its view starting), said under its text.
        public var status: String?

        public init(isExpanded: Bool = false, isFocused: Bool = false, keys: Keys = Keys(), focusHint: String? = nil, status: String? = nil) {
            self.isExpanded = isExpanded
            self.isFocused = isFocused
            self.keys = keys
            self.focusHint = focusHint
            self.status = status
        }
    }

    /// The keys the person's keymap binds to a card's commands, for the card's hints; a nil key
    /// (unbound) leaves its hint out. The caller owns the keymap, so hints say what it binds.
    public struct Keys: Equatable, Sendable {
        public var toggle, openLink, actions, refresh, toComposer, copyJSON: String?

        public init(toggle: String? = nil, openLink: String? = nil, actions: String? = nil, refresh: String? = nil,
                    toComposer: String? = nil, copyJSON: String? = nil) {
            (self.toggle, self.openLink, self.actions, self.refresh, self.toComposer, self.copyJSON) =
                (toggle, openLink, actions, refresh, toComposer, copyJSON)
        }
    }

    let markdown = MarkdownLayout(baseScope: "card.text")

    public init() {}

    public func lines(for card: ToolCard, width: Int, options: Options = Options()) -> [StyledLine] {
        let inner = max(8, width - 4)
        let border = card.isError ? "card.border.error" : options.isFocused ? "card.border.focused" : "card.border"
        var body: [StyledLine] = []
        if !card.arguments.isEmpty { body += argumentLines(card.arguments, expanded: options.isExpanded, width: inner) }
        for section in card.sections {
            if !body.isEmpty { body.append(StyledLine()) }
            body += lines(for: section, width: inner)
        }
        if !card.links.isEmpty {
            body.append(StyledLine())
            for (index, link) in card.links.enumerated() {
                let number = "[\(index + card.firstLinkNumber)] "
                let text = link.text == link.url ? "" : Sanitizer.line(link.text) + " "
                body += WordWrap.wrap([Span(number, scope: "card.link.number"), Span(text, scope: "card.text"),
                                       Span(Sanitizer.line(link.url), scope: "card.link")], width: inner)
            }
        }
        let limit = options.isExpanded ? options.expandedLines : options.collapsedLines
        let hidden = body.count - limit
        if hidden > 0 {
            body = Array(body.prefix(limit))
            let expand = options.keys.toggle.map { " · \($0) expands" } ?? ""
            let hint = options.isExpanded ? "… \(counted(hidden, "more line", plural: "more lines")) not shown" : "… \(counted(hidden, "more line", plural: "more lines"))" + expand
            body.append(StyledLine([Span(hint, scope: "card.meta", attributes: .italic)]))
        }
        if let status = options.status {
            body += WordWrap.wrap([Span(Sanitizer.line(status), scope: "card.meta", attributes: .italic)], width: inner)
        }
        if options.isFocused {
            body.append(StyledLine([Span(DisplayWidth.truncate(options.focusHint ?? Self.focusHint(card, expanded: options.isExpanded, keys: options.keys), to: inner), scope: "card.meta")]))
        }
        let mark = card.isError ? " ✗" : ""
        let frame = BoxFrame(inner: inner, border: border)
        let title = DisplayWidth.truncate(" \(Sanitizer.line(card.title) + mark) ", to: inner)
        return [frame.top([Span(title, scope: "card.title")])] + body.map { frame.row($0.spans) } + [frame.bottom()]
    }

    /// Tools write plain text as often as Markdown: a line's indentation outside a code block
    /// is kept (Markdown would drop it, or make the line code) by holding it in no-break spaces,
    /// which `plainSpaces` turns back after layout. Indented list items still nest.
    static func keepingIndentation(_ text: String) -> String {
        var inFence = false
        return WordWrap.sourceLines(of: text).map { line -> String in
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { inFence.toggle(); return String(line) }
            if inFence || trimmed.isEmpty || trimmed.startIndex == line.startIndex || startsListItem(trimmed) { return String(line) }
            let columns = line[..<trimmed.startIndex].reduce(0) { $0 + ($1 == "\t" ? 4 : 1) }
            return String(repeating: "\u{00A0}", count: columns) + trimmed
        }.joined(separator: "\n")
    }

    private static func startsListItem(_ line: Substring) -> Bool {
        if line.hasPrefix("- ") || line.hasPrefix("* ") || line.hasPrefix("+ ") { return true }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        let after = line.dropFirst(digits.count)
        return !digits.isEmpty && (after.hasPrefix(". ") || after.hasPrefix(") "))
    }

    private static func plainSpaces(_ line: StyledLine) -> StyledLine {
        var line = line
        for index in line.spans.indices where line.spans[index].text.contains("\u{00A0}") {
            line.spans[index].text = String(line.spans[index].text.map { $0 == "\u{00A0}" ? " " : $0 })
        }
        return line
    }

    /// Only what applies to this card: links, a refresh for a read-only tool, JSON when structured.
    static func focusHint(_ card: ToolCard, expanded: Bool, keys: Keys) -> String {
        let offered: [(String?, String)] = [
            (keys.toggle, expanded ? "collapses" : "expands"),
            (card.links.isEmpty ? nil : keys.openLink, "opens a link"),
            (keys.actions, "actions"),
            (card.presentation?.isReadOnly == true ? keys.refresh : nil, "refreshes"),
            (keys.toComposer, "to composer"),
            (card.structured == nil ? nil : keys.copyJSON, "copies JSON"),
        ]
        return offered.compactMap { key, says in key.map { "\($0) \(says)" } }.joined(separator: " · ")
    }

    // MARK: Sections

    private func argumentLines(_ arguments: [ToolCard.Row], expanded: Bool, width: Int) -> [StyledLine] {
        guard expanded else {
            let summary = arguments.map { "\($0.label)=\($0.value)" }.joined(separator: ", ")
            return [StyledLine([Span("▸ ", scope: "card.meta"), Span(DisplayWidth.truncate(Sanitizer.line(summary), to: width - 2), scope: "card.meta")])]
        }
        return [StyledLine([Span("▾ arguments", scope: "card.meta")])] + rowLines(arguments, width: width)
    }

    func lines(for section: ToolCard.Section, width: Int) -> [StyledLine] {
        switch section {
        case .text(let text):
            // Capped before anything walks it: a 5 MB result costs what is shown (the whole text stays in the store).
            return markdown.lines(for: Self.keepingIndentation(WordWrap.shown(text)), width: width).map(Self.plainSpaces)
        case .rows(let rows):
            return rowLines(rows, width: width)
        case .table(let table):
            var lines: [StyledLine] = []
            if let caption = table.caption { lines.append(StyledLine([Span(DisplayWidth.truncate(Sanitizer.line(caption), to: width), scope: "card.label", attributes: .bold)])) }
            return lines + TableLayout.lines(headers: table.headers, rows: table.rows, width: width)
        case .view(let outline):
            return OutlineLayout.lines(for: outline, width: width)
        case .attachment(let symbol, let label, let detail):
            return WordWrap.wrap([Span(symbol + " ", scope: "card.label"), Span(Sanitizer.line(label), scope: "card.label", attributes: .bold),
                                  Span("  " + Sanitizer.line(detail), scope: "card.meta")], width: width)
        case .notice(let notice):
            return WordWrap.wrap([Span(Sanitizer.clean(notice), scope: "card.meta", attributes: .italic)], width: width)
        }
    }

    /// Lines one row's value shows at most.
    static let valueLines = 8

    /// Label, value, and the description under the value; labels in one column.
    private func rowLines(_ rows: [ToolCard.Row], width: Int) -> [StyledLine] {
        let labelWidth = min(max(4, width / 3), rows.map { DisplayWidth.of(Sanitizer.line($0.label)) }.max() ?? 4)
        let valueWidth = max(4, width - labelWidth - 2)
        var lines: [StyledLine] = []
        for row in rows {
            let label = DisplayWidth.truncate(Sanitizer.line(row.label), to: labelWidth)
            let pad = String(repeating: " ", count: labelWidth - DisplayWidth.of(label) + 2)
            // A value shows 8 lines at most, so no more than that much of it is sanitised and wrapped.
            let value = WordWrap.shown(row.value, upTo: Self.valueLines * valueWidth)
            var values = WordWrap.wrap([Span(Sanitizer.clean(value), scope: "card.text")], width: valueWidth)
            if let help = row.help { values += WordWrap.wrap([Span(Sanitizer.line(help), scope: "card.meta")], width: valueWidth) }
            for (index, value) in values.prefix(Self.valueLines).enumerated() {
                let lead = index == 0 ? [Span(label, scope: "card.label"), Span(pad, scope: "text")] : [Span(String(repeating: " ", count: labelWidth + 2), scope: "text")]
                lines.append(StyledLine(lead + value.spans))
            }
        }
        return lines
    }
}
