import TerminalText

/// Lays out a Markdown document as styled lines for a given width.
///
/// Scopes used: `markup.heading`, `markup.code`, `markup.codeblock`,
/// `markup.quote`, `markup.link`, `markup.link.url`, `markup.list`,
/// `markup.table`, `markup.rule`, and the caller's base scope for body text.
public struct MarkdownLayout: Sendable {
    public let baseScope: String

    public init(baseScope: String) {
        self.baseScope = baseScope
    }

    /// Parses and lays out `markdown` in `width` columns. Text is sanitised first.
    public func lines(for markdown: String, width: Int) -> [StyledLine] {
        lines(for: MarkdownParser.parse(Sanitizer.clean(WordWrap.shown(markdown))), width: width)
    }

    public func lines(for blocks: [MarkdownBlock], width: Int) -> [StyledLine] {
        var output: [StyledLine] = []
        for (index, block) in blocks.enumerated() {
            if index > 0 { output.append(StyledLine()) }
            output += lines(for: block, width: max(1, width))
        }
        return output
    }

    private func lines(for block: MarkdownBlock, width: Int) -> [StyledLine] {
        switch block {
        case .paragraph(let inlines):
            return WordWrap.wrap(spans(inlines, scope: baseScope), width: width)
        case .heading(let level, let inlines):
            let attributes: TextAttributes = level == 1 ? [.bold, .underline] : [.bold]
            return WordWrap.wrap(spans(inlines, scope: "markup.heading", attributes: attributes), width: width)
        case .codeBlock(let info, let code):
            return codeBlock(info: info, code: code, width: width)
        case .quote(let inner):
            let prefix = [Span("│ ", scope: "markup.quote")]
            return lines(for: inner, width: width - 2).map { $0.prefixed(with: prefix) }
        case .list(let ordered, let start, let tight, let items):
            return list(ordered: ordered, start: start, tight: tight, items: items, width: width)
        case .table(let alignments, let header, let rows):
            return TableLayout(alignments: alignments, header: header, rows: rows, layout: self).lines(width: width)
        case .rule:
            return [StyledLine([Span(String(repeating: "─", count: width), scope: "markup.rule")])]
        case .html(let html):
            return WordWrap.hardWrap(html, scope: baseScope, width: width)
        }
    }

    private func codeBlock(info: String, code: String, width: Int) -> [StyledLine] {
        var output: [StyledLine] = []
        let language = info.split(separator: " ").first.map(String.init) ?? ""
        if !language.isEmpty {
            output.append(StyledLine([Span(" " + language, scope: "markup.codeblock.info")], fillScope: "markup.codeblock"))
        }
        for line in WordWrap.hardWrap(code, scope: "markup.codeblock", width: max(1, width - 1)) {
            var padded = line.prefixed(with: [Span(" ", scope: "markup.codeblock")])
            padded.fillScope = "markup.codeblock"
            output.append(padded)
        }
        return output
    }

    private func list(ordered: Bool, start: Int, tight: Bool, items: [[MarkdownBlock]], width: Int) -> [StyledLine] {
        let markers = items.indices.map { ordered ? "\(start + $0). " : "• " }
        let markerWidth = markers.map { DisplayWidth.of($0) }.max() ?? 2
        var output: [StyledLine] = []
        for (index, item) in items.enumerated() {
            if index > 0 && !tight { output.append(StyledLine()) }
            let body = tight ? item.flatMap { lines(for: $0, width: width - markerWidth) } : lines(for: item, width: width - markerWidth)
            let marker = markers[index] + String(repeating: " ", count: markerWidth - DisplayWidth.of(markers[index]))
            for (lineIndex, line) in (body.isEmpty ? [StyledLine()] : body).enumerated() {
                let prefix = lineIndex == 0 ? marker : String(repeating: " ", count: markerWidth)
                output.append(line.prefixed(with: [Span(prefix, scope: "markup.list")]))
            }
        }
        return output
    }

    /// Inline content as spans, with emphasis as attributes on the surrounding scope.
    func spans(_ inlines: [MarkdownInline], scope: String, attributes: TextAttributes = []) -> [Span] {
        var output: [Span] = []
        for inline in inlines {
            switch inline {
            case .text(let text): output.append(Span(text, scope: scope, attributes: attributes))
            case .code(let code): output.append(Span(code, scope: "markup.code", attributes: attributes))
            case .emphasis(let inner): output += spans(inner, scope: scope, attributes: attributes.union(.italic))
            case .strong(let inner): output += spans(inner, scope: scope, attributes: attributes.union(.bold))
            case .strikethrough(let inner): output += spans(inner, scope: scope, attributes: attributes.union(.strikethrough))
            case .link(let url, let inner):
                output += spans(inner, scope: "markup.link", attributes: attributes.union(.underline))
                let label = MarkdownInline.plainText(inner)
                if !url.isEmpty && label != url && "mailto:" + label != url {
                    output.append(Span(" <\(url)>", scope: "markup.link.url", attributes: attributes))
                }
            case .image(let url, let alt):
                let name = alt.isEmpty ? url : alt
                output.append(Span("[image: \(name)]", scope: "markup.link", attributes: attributes))
            // A line break the writer typed is kept: chat answers and tool output are written in lines.
            case .softBreak: output.append(Span("\n", scope: scope, attributes: attributes))
            case .lineBreak: output.append(Span("\n", scope: scope, attributes: attributes))
            }
        }
        return output
    }
}
