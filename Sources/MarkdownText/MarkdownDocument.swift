import CCmarkGFM
import Foundation

/// A Markdown document parsed by cmark-gfm (GitHub-flavoured: tables,
/// strikethrough, autolinks), converted to a small Swift tree and freed, so
/// no C pointer outlives the parse.
public indirect enum MarkdownBlock: Equatable, Sendable {
    case paragraph([MarkdownInline])
    case heading(level: Int, [MarkdownInline])
    case codeBlock(info: String, code: String)
    case quote([MarkdownBlock])
    case list(ordered: Bool, start: Int, tight: Bool, items: [[MarkdownBlock]])
    case table(alignments: [TableAlignment], header: [[MarkdownInline]], rows: [[[MarkdownInline]]])
    case rule
    case html(String)
}

public enum TableAlignment: Equatable, Sendable { case left, center, right }

public indirect enum MarkdownInline: Equatable, Sendable {
    case text(String)
    case code(String)
    case emphasis([MarkdownInline])
    case strong([MarkdownInline])
    case strikethrough([MarkdownInline])
    case link(url: String, [MarkdownInline])
    case image(url: String, alt: String)
    case softBreak
    case lineBreak
}

public enum MarkdownParser {
    /// cmark-gfm's extension registry is global and not thread-safe to fill;
    /// a static's initialiser runs exactly once, whichever thread gets here first.
    private static let extensionsRegistered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// Attaching an extension adds its characters to a table cmark-gfm keeps in
    /// a global, and freeing the parser removes them: two parses at once would
    /// undo each other's `~~`. One parse at a time, then.
    private static let parsing = NSLock()

    /// Parses Markdown. Never fails: cmark accepts any input.
    public static func parse(_ markdown: String) -> [MarkdownBlock] {
        parsing.withLock { parseAlone(markdown) }
    }

    private static func parseAlone(_ markdown: String) -> [MarkdownBlock] {
        _ = extensionsRegistered
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return [.paragraph([.text(markdown)])] }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink"] {
            if let extensionHandle = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, extensionHandle)
            }
        }
        var bytes = Array(markdown.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                cmark_parser_feed(parser, $0, buffer.count)
            }
        }
        guard let root = cmark_parser_finish(parser) else { return [] }
        defer { cmark_node_free(root) }
        return blocks(under: root)
    }

    private static func children(of node: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            result.append(current)
            child = cmark_node_next(current)
        }
        return result
    }

    private static func type(of node: OpaquePointer) -> String {
        cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
    }

    private static func literal(of node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    private static func blocks(under node: OpaquePointer) -> [MarkdownBlock] {
        children(of: node).compactMap(block)
    }

    private static func block(_ node: OpaquePointer) -> MarkdownBlock? {
        switch type(of: node) {
        case "paragraph": return .paragraph(inlines(under: node))
        case "heading": return .heading(level: Int(cmark_node_get_heading_level(node)), inlines(under: node))
        case "code_block":
            let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
            var code = literal(of: node)
            if code.hasSuffix("\n") { code.removeLast() }
            return .codeBlock(info: info, code: code)
        case "block_quote": return .quote(blocks(under: node))
        case "list":
            let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            let items = children(of: node).map { blocks(under: $0) }
            return .list(ordered: ordered, start: Int(cmark_node_get_list_start(node)),
                         tight: cmark_node_get_list_tight(node) != 0, items: items)
        case "thematic_break": return .rule
        case "html_block":
            var html = literal(of: node)
            if html.hasSuffix("\n") { html.removeLast() }
            return .html(html)
        case "table": return table(node)
        default:
            let inner = blocks(under: node)
            return inner.isEmpty ? nil : .quote(inner)
        }
    }

    private static func table(_ node: OpaquePointer) -> MarkdownBlock {
        let columnCount = Int(cmark_gfm_extensions_get_table_columns(node))
        var alignments: [TableAlignment] = []
        if let raw = cmark_gfm_extensions_get_table_alignments(node) {
            for index in 0..<columnCount {
                switch UInt8(raw[index]) {
                case UInt8(ascii: "c"): alignments.append(.center)
                case UInt8(ascii: "r"): alignments.append(.right)
                default: alignments.append(.left)
                }
            }
        }
        var header: [[MarkdownInline]] = []
        var rows: [[[MarkdownInline]]] = []
        for row in children(of: node) {
            let cells = children(of: row).map { inlines(under: $0) }
            if cmark_gfm_extensions_get_table_row_is_header(row) != 0 { header = cells } else { rows.append(cells) }
        }
        return .table(alignments: alignments, header: header, rows: rows)
    }

    private static func inlines(under node: OpaquePointer) -> [MarkdownInline] {
        children(of: node).compactMap(inline)
    }

    private static func inline(_ node: OpaquePointer) -> MarkdownInline? {
        switch type(of: node) {
        case "text", "html_inline": return .text(literal(of: node))
        case "code": return .code(literal(of: node))
        case "emph": return .emphasis(inlines(under: node))
        case "strong": return .strong(inlines(under: node))
        case "strikethrough": return .strikethrough(inlines(under: node))
        case "softbreak": return .softBreak
        case "linebreak": return .lineBreak
        case "link":
            return .link(url: cmark_node_get_url(node).map { String(cString: $0) } ?? "", inlines(under: node))
        case "image":
            let alt = MarkdownInline.plainText(inlines(under: node))
            return .image(url: cmark_node_get_url(node).map { String(cString: $0) } ?? "", alt: alt)
        default:
            let inner = inlines(under: node)
            return inner.isEmpty ? .text(literal(of: node)) : .emphasis(inner)
        }
    }
}

extension MarkdownInline {
    /// The text a reader sees, without styling.
    static func plainText(_ inlines: [MarkdownInline]) -> String {
        inlines.map { inline in
            switch inline {
            case .text(let text), .code(let text): return text
            case .emphasis(let inner), .strong(let inner), .strikethrough(let inner), .link(_, let inner):
                return plainText(inner)
            case .image(_, let alt): return alt
            case .softBreak: return " "
            case .lineBreak: return "\n"
            }
        }.joined()
    }
}
