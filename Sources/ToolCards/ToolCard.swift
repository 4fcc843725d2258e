import ConversationModel
import Foundation
import TerminalText

/// A tool result as a card: the call, then what came back, each part in the form
/// a person reads best. Built from what the store keeps, so a card looks the same
/// after a restart; width-free, so it reflows at any width.
public struct ToolCard: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        public var label: String
        public var value: String
        /// The output schema's description of the field.
        public var help: String?
    }

    public struct Table: Equatable, Sendable {
        public var caption: String?
        public var headers: [String]
        public var rows: [[String]]
    }

    public enum Section: Equatable, Sendable {
        /// Text the tool returned, as Markdown.
        case text(String)
        case rows([Row])
        case table(Table)
        /// An MCP Apps or MCP-UI view's static structure; its links are the card's first.
        case view(HTMLOutline)
        /// An embedded resource, image or audio: a one-line placeholder.
        case attachment(symbol: String, label: String, detail: String)
        case notice(String)
    }

    public struct Link: Equatable, Sendable {
        public var text: String
        public var url: String
    }

    public var title: String
    public var connector: String
    public var isError: Bool
    public var arguments: [Row]
    public var sections: [Section]
    /// Every link in the card, numbered from `firstLinkNumber` in this order.
    public var links: [Link]
    /// 1, or after a live view's numbered controls: one numbering per card, so a number means one thing.
    public var firstLinkNumber = 1
    /// The structured result, for copying as JSON.
    public var structured: JSONValue?
    public var presentation: ToolPresentation?

    /// The plain text of the result, for the composer.
    public var plainText: String {
        sections.compactMap { section -> String? in
            switch section {
            case .text(let text): return text
            case .rows(let rows): return rows.map { "\($0.label): \($0.value)" }.joined(separator: "\n")
            case .table(let table): return ([table.headers] + table.rows).map { $0.joined(separator: " | ") }.joined(separator: "\n")
            case .view(let outline): return outline.plainText
            case .attachment(_, let label, let detail): return "\(label) (\(detail))"
            case .notice(let notice): return notice
            }
        }.joined(separator: "\n\n")
    }

    /// Whether `structured` only wraps the text as one member, as the Python SDK does with a tool's
    /// plain return (`{"result": "…"}`), so showing both would say it twice.
    static func wraps(_ text: String, _ structured: JSONValue?) -> Bool {
        guard !text.isEmpty, case .object(let members) = structured, members.count == 1, let value = members.first?.value else { return false }
        if case .string(let string) = value { return string.trimmingCharacters(in: .whitespacesAndNewlines) == text }
        return JSONValue.parse(text) == value
    }

    /// The card for a stored result; `fallbackTitle` names the tool when the result does not.
    /// `viewReplacesStructured`: the view's text is current, so the structured result's sections,
    /// maybe old, are not shown beside it (they still are when the view shows nothing).
    public init(result: ToolResult, fallbackTitle: String, viewReplacesStructured: Bool = false) {
        let presentation = result.presentation
        self.presentation = presentation
        connector = presentation?.connector ?? ""
        title = presentation.map { $0.connector.isEmpty ? $0.title : "\($0.connector) · \($0.title)" } ?? fallbackTitle
        isError = result.isError
        structured = result.structured
        arguments = (presentation?.arguments.objectValue ?? [:]).sorted { $0.key < $1.key }.map {
            Row(label: $0.key, value: Self.text(of: $0.value), help: nil)
        }
        let structuredSections = result.structured.map { Self.sections(for: $0, schema: presentation?.outputSchema) } ?? []
        let text = Self.trimmed(Self.withoutPlaceholders(result.content, attachments: presentation?.attachments ?? []))
        let textIsJSONCopy = !structuredSections.isEmpty && JSONValue.parse(text) == result.structured
        sections = (!text.isEmpty && !textIsJSONCopy ? [.text(text)] : [])
            + (Self.wraps(text, result.structured) ? [] : structuredSections)
        links = []
        var viewLinks: [Link] = []
        var otherLinks: [Link] = []
        for attachment in presentation?.attachments ?? [] {
            switch attachment.kind {
            case .view:
                if let outline = attachment.outline.flatMap(HTMLOutline.init(json:)), !outline.isEmpty {
                    sections.append(.view(outline))
                    viewLinks += outline.links.map { Link(text: $0.text, url: $0.url) }
                    firstLinkNumber += outline.numberedControls ?? 0
                }
                if let note = attachment.note { sections.append(.notice(note)) }
            case .link:
                otherLinks.append(Link(text: attachment.name ?? attachment.uri ?? "link", url: attachment.uri ?? ""))
            case .resource:
                let size = attachment.byteCount.map(Self.size) ?? "?"
                sections.append(.attachment(symbol: "📄", label: attachment.name ?? attachment.uri ?? "resource",
                                            detail: [attachment.mimeType, size].compactMap { $0 }.joined(separator: " · ")))
                if let note = attachment.note { sections.append(.notice(note)) }
            case .image, .audio:
                let size = attachment.byteCount.map(Self.size) ?? "?"
                sections.append(.attachment(symbol: attachment.kind == .image ? "🖼" : "🔊", label: attachment.kind.rawValue,
                                            detail: [attachment.mimeType, size, "o opens or saves it"].compactMap { $0 }.joined(separator: " · ")))
            }
        }
        if viewReplacesStructured, sections.contains(where: { if case .view = $0 { true } else { false } }) {
            sections.removeAll(where: structuredSections.contains)
        }
        if sections.isEmpty { sections.append(.notice("(no output)")) }
        otherLinks += Self.urls(in: text).filter { url in !otherLinks.contains { $0.url == url } }.map { Link(text: $0, url: $0) }
        links = viewLinks + otherLinks
    }

    /// `text` without white space at its ends; only the ends are read (Foundation's trimming
    /// copies the whole text to UTF-16 first, which a megabyte-long result makes slow).
    static func trimmed(_ text: String) -> String {
        let start = text.firstIndex { !$0.isWhitespace } ?? text.endIndex
        let end = text[start...].lastIndex { !$0.isWhitespace }.map(text.index(after:)) ?? start
        return start == text.startIndex && end == text.endIndex ? text : String(text[start..<end])
    }

    /// The result's text without the lines that stand in, for a model, for what the card shows itself.
    static func withoutPlaceholders(_ text: String, attachments: [ResultAttachment]) -> String {
        let placeholders = Set(attachments.compactMap(placeholder))
        guard !placeholders.isEmpty else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).filter { !placeholders.contains(String($0)) }.joined(separator: "\n")
    }

    static func placeholder(_ attachment: ResultAttachment) -> String? {
        typealias Placeholder = ResultAttachment.Placeholder
        switch attachment.kind {
        case .view: return attachment.uri.map(Placeholder.view)
        case .image: return attachment.mimeType.map(Placeholder.image)
        case .audio: return attachment.mimeType.map(Placeholder.audio)
        case .resource: return attachment.text == nil ? attachment.uri.map(Placeholder.resource) : nil
        case .link: return Placeholder.link(attachment.name ?? "", attachment.uri ?? "")
        }
    }

    // MARK: Structured content

    /// An object of scalars as labelled rows; arrays of objects as tables.
    static func sections(for value: JSONValue, schema: JSONValue?) -> [Section] {
        guard let object = value.objectValue else {
            if let table = table(for: value, caption: nil, itemSchema: schema?["items"]) { return [.table(table)] }
            return [.text("```json\n\(value.jsonText)\n```")]
        }
        let properties = schema?["properties"]?.objectValue ?? [:]
        // `{"issue": {...}}`: the one object is the result.
        if object.count == 1, let (key, inner) = object.first, inner.objectValue != nil {
            return sections(for: inner, schema: properties[key])
        }
        var rows: [Row] = []
        var sections: [Section] = []
        for key in orderedKeys(object, schema: schema) {
            let field = object[key]!
            let property = properties[key]
            let label = property?["title"]?.stringValue ?? key
            if let table = table(for: field, caption: label, itemSchema: property?["items"]) {
                sections.append(.table(table))
            } else if let nested = field.objectValue, !nested.isEmpty, nested.values.allSatisfy({ $0.objectValue == nil && $0.arrayValue == nil }) {
                let nestedProperties = property?["properties"]?.objectValue ?? [:]
                rows += orderedKeys(nested, schema: property).map { child in
                    Row(label: label + " › " + (nestedProperties[child]?["title"]?.stringValue ?? child), value: text(of: nested[child]!),
                        help: nestedProperties[child]?["description"]?.stringValue)
                }
            } else {
                rows.append(Row(label: label, value: text(of: field), help: property?["description"]?.stringValue))
            }
        }
        return (rows.isEmpty ? [] : [.rows(rows)]) + sections
    }

    static func table(for value: JSONValue, caption: String?, itemSchema: JSONValue?) -> Table? {
        guard let items = value.arrayValue, !items.isEmpty, items.allSatisfy({ $0.objectValue != nil }) else { return nil }
        var keys = orderedKeys(items[0].objectValue ?? [:], schema: itemSchema)
        for item in items.dropFirst() {
            keys += (item.objectValue ?? [:]).keys.sorted().filter { !keys.contains($0) }
        }
        let properties = itemSchema?["properties"]?.objectValue ?? [:]
        let headers = keys.map { properties[$0]?["title"]?.stringValue ?? $0 }
        let rows = items.map { item in keys.map { key in item[key].map(text(of:)) ?? "" } }
        return Table(caption: caption, headers: headers, rows: rows)
    }

    /// Keys in the schema's order when it lists them (its `properties` order is lost in
    /// JSON objects, so required ones first), then the rest by name.
    static func orderedKeys(_ object: [String: JSONValue], schema: JSONValue?) -> [String] {
        let required = schema?["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let first = required.filter { object[$0] != nil }
        return first + object.keys.sorted().filter { !first.contains($0) }
    }

    /// A value as one line: strings bare, everything else as JSON.
    public static func text(of value: JSONValue) -> String {
        switch value {
        case .string(let string): return string.isEmpty ? "—" : string
        case .null, .array([]): return "—"
        case .array(let items) where items.allSatisfy({ $0.stringValue != nil }): return items.compactMap(\.stringValue).joined(separator: ", ")
        default: return value.jsonText
        }
    }

    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1 << 20 { return "\(bytes / 1024) KB" }
        return String(format: "%.1f MB", Double(bytes) / Double(1 << 20))
    }

    /// http(s) URLs in the part of text a card shows, in order, without trailing punctuation; at most 20.
    /// Read from the cleaned text, the text the person sees: a link hidden in an escape sequence
    /// (an OSC 8 target) is never offered.
    static func urls(in text: String) -> [String] {
        var found: [String] = []
        let separators: Set<Unicode.Scalar> = ["<", ">", "(", ")", "\""]
        let shown = Sanitizer.clean(WordWrap.shown(text)).unicodeScalars
        for word in shown.split(whereSeparator: { $0.properties.isWhitespace || separators.contains($0) }) where found.count < 20 {
            let word = Substring(word)
            guard let start = word.range(of: "https://") ?? word.range(of: "http://") else { continue }
            var url = String(word[start.lowerBound...])
            while let last = url.last, ".,;:!?)]*_`'".contains(last) { url.removeLast() }
            if url.count > 10, !found.contains(url) { found.append(url) }
        }
        return found
    }
}

extension HTMLOutline {
    /// The outline from its stored JSON.
    public init?(json: JSONValue) {
        guard let data = try? JSONEncoder().encode(json), let outline = try? JSONDecoder().decode(HTMLOutline.self, from: data) else { return nil }
        self = outline
    }

    /// The outline as JSON, to store with a result.
    public var json: JSONValue? {
        guard let data = try? JSONEncoder().encode(self) else { return nil }
        return try? JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// The text a person would read, without styling.
    public var plainText: String {
        blocks.map { block -> String in
            switch block {
            case .heading(_, let text), .paragraph(let text), .quote(let text), .term(let text), .field(let text): return text.map(\.text).joined()
            case .definition(let text): return "  " + text.map(\.text).joined()
            case .listItem(let depth, let marker, let text): return String(repeating: "  ", count: depth) + marker + " " + text.map(\.text).joined()
            case .preformatted(let text): return text
            case .table(let rows, _): return rows.map { $0.joined(separator: " | ") }.joined(separator: "\n")
            case .rule: return "---"
            }
        }.joined(separator: "\n")
    }
}
