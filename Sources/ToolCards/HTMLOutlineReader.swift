import CLibXML2
import Foundation
import TerminalText

extension HTMLOutline {
    /// Reads `html` with libxml2's forgiving HTML parser (the same one browsers' test
    /// suites were checked against for tag soup): unclosed tags, stray markup and
    /// bad bytes are recovered from, never fatal; no network is touched.
    public init(html: String, limits: Limits = Limits()) {
        var utf8 = Array(html.utf8)
        var truncatedInput = false
        if utf8.count > limits.inputBytes {
            utf8 = Array(utf8.prefix(limits.inputBytes))
            truncatedInput = true
        }
        self.init()
        guard !utf8.isEmpty else { return }
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_NODEFDTD.rawValue | XML_PARSE_HUGE.rawValue)
        let document = utf8.withUnsafeBufferPointer { bytes in
            bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) { pointer in
                htmlReadMemory(pointer, Int32(bytes.count), "ui://view", "UTF-8", options)
            }
        }
        guard let document else {
            notes.append("The page could not be read as HTML.")
            return
        }
        defer { xmlFreeDoc(document) }
        var reader = OutlineWalker(limits: limits)
        let root = xmlDocGetRootElement(document)
        if let root { reader.block(root, depth: 0) }
        reader.flush()
        self = reader.outline
        isFilledByScript = root.map(HTMLNode.isFilledByScript) ?? false
        if truncatedInput { notes.append("Only the first \(limits.inputBytes >> 20) MiB of the page were read.") }
    }
}

/// Walks libxml2's tree once, turning block elements into blocks and gathering inline
/// text into the paragraph being built.
private struct OutlineWalker {
    let limits: HTMLOutline.Limits
    var outline = HTMLOutline()
    private var inline: [HTMLOutline.Inline] = []
    private var characters = 0
    private var isFull = false

    init(limits: HTMLOutline.Limits) {
        self.limits = limits
    }

    private static let inlineKinds: [String: HTMLOutline.Inline.Kind] = [
        "b": .strong, "strong": .strong, "em": .emphasis, "i": .emphasis, "code": .code, "kbd": .code, "samp": .code, "tt": .code,
    ]
    private static let inlineElements: Set<String> = [
        "span", "small", "big", "u", "s", "strike", "del", "ins", "mark", "sub", "sup", "abbr", "cite", "q", "time", "label",
        "font", "var", "dfn", "bdi", "bdo", "data", "output", "nobr", "wbr", "meter", "progress",
    ]

    // MARK: Blocks

    mutating func block(_ node: xmlNodePtr, depth: Int) {
        var child = node.pointee.children
        while let current = child, !isFull {
            visit(current, depth: depth + 1)
            child = current.pointee.next
        }
    }

    private mutating func visit(_ node: xmlNodePtr, depth: Int) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            appendText(HTMLNode.content(of: node), kind: .plain)
            return
        case XML_ELEMENT_NODE:
            break
        default:
            return
        }
        let name = HTMLNode.name(of: node)
        if name == "title" {
            if outline.title == nil { outline.title = HTMLNode.collapse(HTMLNode.flatText(node, limit: 200)).nonEmptyTrimmed }
            return
        }
        if HTMLNode.skipped.contains(name) {
            if name == "head" { block(node, depth: depth) }
            return
        }
        if depth > limits.depth {
            appendText(HTMLNode.flatText(node, limit: limits.characters - characters), kind: .plain)
            return
        }
        if visitInline(node, name: name, depth: depth) { return }
        switch name {
        case "h1", "h2", "h3", "h4", "h5", "h6":
            flush()
            let text = inlineRuns(of: node, depth: depth)
            if !text.isEmpty { add(.heading(level: Int(name.dropFirst()) ?? 1, text: text)) }
        case "ul", "ol", "menu", "dir":
            flush()
            list(node, ordered: name == "ol", depth: depth, level: 0)
        case "table" where HTMLNode.isLayoutTable(node):
            // A table that lays out a page (cells holding paragraphs, lists, other tables) reads cell by cell.
            flush()
            block(node, depth: depth)
            flush()
        case "table":
            flush()
            table(node)
        case "dl":
            flush()
            definitions(node, depth: depth)
        case "pre", "listing", "xmp", "plaintext":
            flush()
            let text = HTMLNode.flatText(node, limit: limits.characters - characters)
            let trimmed = text.trimmingCharacters(in: .newlines)
            if !trimmed.isEmpty { add(.preformatted(trimmed)) }
        case "blockquote":
            flush()
            let text = inlineRuns(of: node, depth: depth)
            if !text.isEmpty { add(.quote(text)) }
        case "hr":
            flush()
            add(.rule)
        case "br":
            inline.append(HTMLOutline.Inline("\n"))
        case "iframe", "frame":
            if let source = HTMLNode.attribute("src", of: node) { appendLink(text: HTMLNode.attribute("title", of: node) ?? "embedded page", url: source) }
        default:
            flush()
            block(node, depth: depth)
            flush()
        }
    }

    /// Inline elements add to the paragraph being built; true when `node` was one.
    private mutating func visitInline(_ node: xmlNodePtr, name: String, depth: Int) -> Bool {
        if let kind = Self.inlineKinds[name] {
            let text = HTMLNode.collapse(HTMLNode.flatText(node, limit: limits.characters - characters))
            appendText(text, kind: kind)
            return true
        }
        if Self.inlineElements.contains(name) {
            block(node, depth: depth)
            return true
        }
        switch name {
        case "a":
            let text = HTMLNode.collapse(HTMLNode.flatText(node, limit: 500)).nonEmptyTrimmed
            if let href = HTMLNode.attribute("href", of: node), !href.hasPrefix("#"), !href.lowercased().hasPrefix("javascript:") {
                appendLink(text: text ?? href, url: href)
            } else if let text {
                appendText(text, kind: .plain)
            }
        case "img":
            let alt = HTMLNode.attribute("alt", of: node) ?? HTMLNode.attribute("title", of: node)
            if let alt = alt.flatMap({ HTMLNode.collapse($0).nonEmptyTrimmed }) { inline.append(HTMLOutline.Inline("[image: \(alt)]", .image)) }
        case "button":
            let label = HTMLNode.collapse(HTMLNode.flatText(node, limit: 200)).nonEmptyTrimmed ?? HTMLNode.attribute("aria-label", of: node) ?? "button"
            appendControl("[ \(label) ]")
        case "input":
            if let control = HTMLNode.input(node) { appendControl(control) }
        case "select":
            appendControl(HTMLNode.select(node))
        case "textarea":
            let text = HTMLNode.collapse(HTMLNode.flatText(node, limit: 200)).nonEmptyTrimmed
            let hint = text ?? HTMLNode.attribute("placeholder", of: node) ?? HTMLNode.attribute("name", of: node) ?? ""
            appendControl("[\(hint)\(hint.isEmpty ? "" : " ")______ ]")
        default:
            return false
        }
        return true
    }

    private mutating func list(_ node: xmlNodePtr, ordered: Bool, depth: Int, level: Int) {
        var number = Int(HTMLNode.attribute("start", of: node) ?? "") ?? 1
        var child = node.pointee.children
        while let item = child, !isFull {
            child = item.pointee.next
            guard item.pointee.type == XML_ELEMENT_NODE else { continue }
            let name = HTMLNode.name(of: item)
            if name == "ul" || name == "ol" {
                list(item, ordered: name == "ol", depth: depth + 1, level: min(level + 1, 6))
                continue
            }
            var text: [HTMLOutline.Inline] = []
            var nested: [(xmlNodePtr, Bool)] = []
            var part = item.pointee.children
            var saved = inline
            inline = []
            while let current = part {
                part = current.pointee.next
                let partName = current.pointee.type == XML_ELEMENT_NODE ? HTMLNode.name(of: current) : ""
                if partName == "ul" || partName == "ol" { nested.append((current, partName == "ol")) } else { visit(current, depth: depth + 2) }
            }
            flushInto(&text)
            swap(&saved, &inline)
            add(.listItem(depth: level, marker: ordered ? "\(number)." : "•", text: text))
            number += 1
            for (list, isOrdered) in nested { self.list(list, ordered: isOrdered, depth: depth + 1, level: min(level + 1, 6)) }
        }
    }

    private mutating func table(_ node: xmlNodePtr) {
        var rows: [[String]] = []
        var headerRows = 0
        var omitted = 0
        var rowElements: [xmlNodePtr] = []
        HTMLNode.forEachElement(in: node, named: ["tr"], stopAt: ["table"]) { rowElements.append($0) }
        for row in rowElements {
            var cells: [String] = []
            var allHeaders = true
            var cellElements: [xmlNodePtr] = []
            HTMLNode.forEachElement(in: row, named: ["td", "th"], stopAt: ["table"]) { cellElements.append($0) }
            for cell in cellElements {
                if HTMLNode.name(of: cell) != "th" { allHeaders = false }
                cells.append(HTMLNode.collapse(HTMLNode.flatText(cell, limit: 400)).trimmingCharacters(in: .whitespaces) + cellLinks(cell))
            }
            guard !cells.isEmpty else { continue }
            if rows.count >= limits.tableRows {
                omitted += 1
                continue
            }
            if allHeaders && rows.count == headerRows { headerRows += 1 }
            rows.append(Array(cells.prefix(limits.tableColumns)))
        }
        guard !rows.isEmpty else { return }
        add(.table(rows: rows, headerRows: headerRows))
        if omitted > 0 { outline.notes.append("A table's last \(counted(omitted, "row")) \(omitted == 1 ? "was" : "were") left out.") }
    }

    /// A cell's links, numbered with the rest, as markers after its text.
    private mutating func cellLinks(_ cell: xmlNodePtr) -> String {
        var anchors: [xmlNodePtr] = []
        HTMLNode.forEachElement(in: cell, named: ["a"], stopAt: []) { anchors.append($0) }
        var markers = ""
        for anchor in anchors {
            guard let href = HTMLNode.attribute("href", of: anchor), !href.hasPrefix("#"), !href.lowercased().hasPrefix("javascript:"),
                  outline.links.count < limits.links else { continue }
            outline.links.append(HTMLOutline.Link(text: HTMLNode.collapse(HTMLNode.flatText(anchor, limit: 200)).nonEmptyTrimmed ?? href, url: href))
            markers += " [\(outline.links.count)]"
        }
        return markers
    }

    private mutating func definitions(_ node: xmlNodePtr, depth: Int) {
        HTMLNode.forEachElement(in: node, named: ["dt", "dd"], stopAt: ["dl"]) { entry in
            let text = inlineRuns(of: entry, depth: depth)
            guard !text.isEmpty else { return }
            add(HTMLNode.name(of: entry) == "dt" ? .term(text) : .definition(text))
        }
    }

    // MARK: Inline text

    /// The inline content of `node` as runs (its block children are read as inline too).
    private mutating func inlineRuns(of node: xmlNodePtr, depth: Int) -> [HTMLOutline.Inline] {
        var saved = inline
        inline = []
        var child = node.pointee.children
        while let current = child {
            child = current.pointee.next
            if current.pointee.type == XML_ELEMENT_NODE, !visitInline(current, name: HTMLNode.name(of: current), depth: depth + 1) {
                let name = HTMLNode.name(of: current)
                if !HTMLNode.skipped.contains(name) { appendText(HTMLNode.flatText(current, limit: limits.characters - characters), kind: .plain) }
            } else if current.pointee.type != XML_ELEMENT_NODE {
                visit(current, depth: depth + 1)
            }
        }
        var runs: [HTMLOutline.Inline] = []
        flushInto(&runs)
        swap(&saved, &inline)
        return runs
    }

    private mutating func appendText(_ text: String, kind: HTMLOutline.Inline.Kind) {
        guard !text.isEmpty, !isFull else { return }
        let room = limits.characters - characters
        guard room > 0 else { return markFull("The page's text was cut at \(counted(limits.characters, "character")).") }
        let collapsed = kind == .code ? text : HTMLNode.collapse(text)
        let kept = collapsed.count > room ? String(collapsed.prefix(room)) : collapsed
        characters += kept.count
        if let last = inline.last, last.kind == kind, kind == .plain {
            inline[inline.count - 1].text += kept
        } else {
            inline.append(HTMLOutline.Inline(kept, kind))
        }
    }

    private mutating func appendLink(text: String, url: String) {
        guard outline.links.count < limits.links else { return appendText(text, kind: .plain) }
        outline.links.append(HTMLOutline.Link(text: text, url: url))
        inline.append(HTMLOutline.Inline(HTMLNode.collapse(text), .link))
        inline.append(HTMLOutline.Inline(" [\(outline.links.count)]", .link))
    }

    private mutating func appendControl(_ text: String) {
        if let last = inline.last, last.kind == .plain, !last.text.hasSuffix(" "), !last.text.hasSuffix("\n") { inline.append(HTMLOutline.Inline(" ")) }
        inline.append(HTMLOutline.Inline(HTMLNode.collapse(text), .control))
        inline.append(HTMLOutline.Inline(" "))
    }

    /// Ends the paragraph being built.
    mutating func flush() {
        var runs: [HTMLOutline.Inline] = []
        flushInto(&runs)
        if !runs.isEmpty { add(.paragraph(runs)) }
    }

    /// Moves the gathered runs into `runs`: plain runs joined, spaces around line breaks
    /// dropped, and the ends trimmed.
    private mutating func flushInto(_ runs: inout [HTMLOutline.Inline]) {
        var merged: [HTMLOutline.Inline] = []
        for run in inline {
            if run.kind == .plain, let last = merged.last, last.kind == .plain {
                merged[merged.count - 1].text += run.text
            } else {
                merged.append(run)
            }
        }
        inline = []
        var output: [HTMLOutline.Inline] = []
        for var run in merged {
            if run.kind == .plain { run.text = Self.tidy(run.text) }
            if let last = output.last, last.text.hasSuffix(" ") || last.text.hasSuffix("\n"), run.text.hasPrefix(" ") { run.text.removeFirst() }
            if !run.text.isEmpty { output.append(run) }
        }
        while let first = output.first, first.kind == .plain {
            let trimmed = String(first.text.drop { $0 == " " || $0 == "\n" })
            if trimmed.isEmpty { output.removeFirst() } else { output[0].text = trimmed; break }
        }
        while let last = output.last, last.kind == .plain || last.text == " " {
            let trimmed = String(last.text.reversed().drop { $0 == " " || $0 == "\n" }.reversed())
            if trimmed.isEmpty { output.removeLast() } else { output[output.count - 1].text = trimmed; break }
        }
        runs = output
    }

    /// Single spaces, no space beside a line break, at most one break in a row.
    static func tidy(_ text: String) -> String {
        var output = ""
        for character in text {
            if character == " " {
                if output.last != " " && output.last != "\n" { output.append(" ") }
            } else if character == "\n" {
                if output.last == " " { output.removeLast() }
                if output.last != "\n" { output.append("\n") }
            } else {
                output.append(character)
            }
        }
        return output
    }

    private mutating func add(_ block: HTMLOutline.Block) {
        guard !isFull else { return }
        guard outline.blocks.count < limits.blocks else { return markFull("The page was cut at \(counted(limits.blocks, "block")).") }
        outline.blocks.append(block)
    }

    private mutating func markFull(_ note: String) {
        isFull = true
        outline.notes.append(note)
    }
}

extension String {
    /// Trimmed of whitespace, or nil when nothing is left.
    var nonEmptyTrimmed: String? {
        let trimmed = trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
