import Foundation

/// Walks an accessibility tree in document order and writes the outline a card draws: headings
/// with `#` by level, text, lists, tables with their header row, and every control as a numbered
/// line or word (`[1][ Save ]`, `[2]Title: [draft_____]`, `[3][x] Urgent`, `[4](•) Small`).
struct AccessibilityOutlineReader {
    let tree: AccessibilityTree
    let limits: HTMLOutline.Limits
    private var outline = HTMLOutline()
    private var controls: [LiveViewText.Control] = []
    private var focused: Int?
    private var inline: [HTMLOutline.Inline] = []
    private var listItem: (depth: Int, marker: String)?
    /// The text gathered is a control on a line of its own.
    private var isField = false
    private var listDepth = -1
    private var characters = 0
    private var visited = 0

    init(tree: AccessibilityTree, limits: HTMLOutline.Limits) {
        self.tree = tree
        self.limits = limits
    }

    /// Roles that hold blocks: their text is a paragraph of its own.
    private static let blockRoles: Set<String> = ["paragraph", "generic", "group", "region", "main", "article", "section",
                                                  "navigation", "form", "dialog", "alertdialog", "alert", "status", "banner",
                                                  "contentinfo", "complementary", "blockquote", "figure", "Section", "radiogroup",
                                                  "toolbar", "tablist", "tabpanel", "menu", "menubar", "listbox", "note", "log"]

    mutating func read() -> LiveViewText {
        if let root = tree.rootID { visit(root) }
        flush()
        if visited > limits.blocks * 50 { outline.notes.append("The view is too large to show whole.") }
        outline.numberedControls = controls.isEmpty ? nil : controls.count
        return LiveViewText(outline: outline, controls: controls, focusedControl: focused)
    }

    private mutating func visit(_ id: String) {
        guard let node = tree.nodes[id], visited < limits.blocks * 50, outline.blocks.count < limits.blocks else { return }
        visited += 1
        guard !node.isIgnored else { return node.childIDs.forEach { visit($0) } }
        switch node.role {
        case "heading":
            flush()
            let level = min(6, max(1, Int(node.properties["level"] ?? "") ?? 2))
            let text = label(of: node)
            if !text.isEmpty { append(.heading(level: level, text: [.init(String(repeating: "#", count: level) + " " + text)])) }
        case "StaticText":
            // Text runs keep the spaces at their edges: "read the " + link + " first".
            let text = Self.collapse(node.name)
            let edges = (node.name.first?.isWhitespace == true ? " " : "", node.name.last?.isWhitespace == true ? " " : "")
            add(.init(text.isEmpty ? " " : edges.0 + text + edges.1))
        case "InlineTextBox":
            return
        case "LineBreak":
            flush()
        case "ListMarker":
            if listItem != nil { listItem?.marker = Self.collapse(node.name) }
        case "list":
            flush()
            listDepth += 1
            node.childIDs.forEach { visit($0) }
            flush()
            listDepth -= 1
        case "listitem":
            flush()
            listItem = (max(0, listDepth), "•")
            node.childIDs.forEach { visit($0) }
            flush()
            listItem = nil
        case "table", "grid", "treegrid":
            flush()
            table(node)
        case "separator":
            flush()
            append(.rule)
        case "image", "img":
            let alt = Self.collapse(node.name)
            if !alt.isEmpty { add(.init("[image: \(alt)]", .image)) }
        case "button", "tab", "menuitem", "togglebutton", "PopUpButton":
            add(control(node, .button) { "[ \($0) ]" })
        case "link":
            let link = control(node, .link, url: node.properties["url"]) { $0 }
            add(link.kind == .focusedControl ? link : .init(link.text, .link))
        case "textbox", "searchbox", "spinbutton", "slider", "combobox":
            let kind: LiveViewText.Control.Kind = node.role == "combobox" ? .combobox : node.role == "slider" ? .slider : .textbox
            let value = Self.collapse(node.value ?? "")
            addField(control(node, kind, label: Self.collapse(node.name)) { label in
                let field = kind == .combobox ? "[\(value.isEmpty ? "…" : value) ▾]"
                    : "[" + value + String(repeating: "_", count: max(2, 12 - value.count)) + "]"
                return label.isEmpty ? field : "\(label): \(field)"
            })
            // A native select keeps its options inside it: shown while it is open, the one the arrows are on marked.
            if kind == .combobox, node.properties["expanded"] == "true" {
                options(in: node, depth: 0).forEach { addOption($0, current: Self.collapse($0.name) == value) }
            }
        case "checkbox", "switch", "menuitemcheckbox":
            let mark = ["true": "[x]", "mixed": "[-]"][node.properties["checked"] ?? ""] ?? "[ ]"
            addField(control(node, .checkbox) { "\(mark) \($0)" })
        case "radio", "menuitemradio":
            let on = node.properties["checked"] == "true"
            addField(control(node, .radio) { "\(on ? "(•)" : "( )") \($0)" })
        case "option":
            addOption(node, current: node.properties["focused"] == "true")
        default:
            let isBlock = Self.blockRoles.contains(node.role) || node.role == "RootWebArea"
            if isBlock { flush() }
            node.childIDs.forEach { visit($0) }
            if isBlock { flush() }
        }
    }

    /// A control on a line of its own.
    private mutating func addField(_ run: HTMLOutline.Inline) {
        // A field's own label, just before it, is said once: in the field (just numbered: the last control).
        let label = controls.last?.label ?? ""
        if !label.isEmpty, Self.collapse(inline.map(\.text).joined()) == label { inline = [] }
        if inline.isEmpty, case .paragraph(let text)? = outline.blocks.last, Self.collapse(text.map(\.text).joined()) == label {
            outline.blocks.removeLast()
        }
        flush()
        add(run)
        isField = true
        flush()
    }

    /// An open list's option, under its select: not numbered (a number would shift every control after
    /// it while the list is open); the arrows move between options and Enter chooses.
    private mutating func addOption(_ node: AccessibilityTree.Node, current: Bool) {
        let chosen = node.properties["selected"] == "true" || node.properties["checked"] == "true"
        flush()
        // A block of its own, as flushing would trim the indent that sets it under its select.
        let text = (current ? "› " : "  ") + (chosen ? "(•) " : "( ) ") + label(of: node)
        characters += text.count
        if characters < limits.characters { append(.field([.init(text, current ? .focusedControl : .control)])) }
    }

    private func options(in node: AccessibilityTree.Node, depth: Int) -> [AccessibilityTree.Node] {
        guard depth < limits.depth else { return [] }
        return node.childIDs.compactMap { tree.nodes[$0] }.flatMap { child in
            child.role == "option" ? [child] : options(in: child, depth: depth + 1)
        }
    }

    /// Numbers a control and returns its text as one unbreakable run.
    private mutating func control(_ node: AccessibilityTree.Node, _ kind: LiveViewText.Control.Kind, url: String? = nil,
                                  label given: String? = nil, text: (String) -> String) -> HTMLOutline.Inline {
        let name = given ?? label(of: node)
        controls.append(.init(kind: kind, label: name, domNodeID: node.domNodeID, url: url))
        let number = controls.count
        if node.properties["focused"] == "true" { focused = number }
        return .init("[\(number)]" + text(name), focused == number ? .focusedControl : .control)
    }

    /// A node's name, else the text inside it.
    private func label(of node: AccessibilityTree.Node) -> String {
        let name = Self.collapse(node.name)
        return name.isEmpty ? Self.collapse(textInside(node)) : name
    }

    private func textInside(_ node: AccessibilityTree.Node, depth: Int = 0) -> String {
        guard depth < limits.depth else { return "" }
        if node.role == "StaticText" { return node.name }
        return node.childIDs.compactMap { tree.nodes[$0] }.map { textInside($0, depth: depth + 1) }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// Rows of a table, through row groups; a row of column headers is the header.
    private mutating func table(_ node: AccessibilityTree.Node) {
        var rows: [(cells: [String], isHeader: Bool)] = []
        func collect(_ id: String, depth: Int) {
            guard let row = tree.nodes[id], depth < limits.depth, rows.count < limits.tableRows + 1 else { return }
            guard row.role == "row" else { return row.childIDs.forEach { collect($0, depth: depth + 1) } }
            let cells = cellNodes(row, depth: 0)
            rows.append((cells.prefix(limits.tableColumns).map { label(of: $0) }, !cells.isEmpty && cells.allSatisfy { $0.role == "columnheader" }))
        }
        node.childIDs.forEach { collect($0, depth: 0) }
        guard !rows.isEmpty else { return }
        let headers = rows.prefix { $0.isHeader }.count > 0 ? 1 : 0
        append(.table(rows: rows.map(\.cells), headerRows: headers))
    }

    private func cellNodes(_ node: AccessibilityTree.Node, depth: Int) -> [AccessibilityTree.Node] {
        node.childIDs.compactMap { tree.nodes[$0] }.flatMap { child -> [AccessibilityTree.Node] in
            if ["cell", "gridcell", "columnheader", "rowheader"].contains(child.role) { return [child] }
            return depth < 4 ? cellNodes(child, depth: depth + 1) : []
        }
    }

    private mutating func add(_ run: HTMLOutline.Inline) {
        guard !run.text.isEmpty, characters < limits.characters else { return }
        characters += run.text.count
        // Text meets text as the page wrote it; a control or link is always a word of its own.
        if let previous = inline.last, previous.text.last?.isWhitespace == false, run.text.first?.isWhitespace == false,
           previous.kind != .plain || run.kind != .plain {
            inline.append(.init(" "))
        }
        inline.append(run)
    }

    private mutating func append(_ block: HTMLOutline.Block) {
        guard outline.blocks.count < limits.blocks else { return }
        outline.blocks.append(block)
    }

    /// Ends the text gathered so far as a paragraph, or as the list item it belongs to.
    private mutating func flush() {
        while let first = inline.first, first.text.allSatisfy(\.isWhitespace) { inline.removeFirst() }
        while let last = inline.last, last.text.allSatisfy(\.isWhitespace) { inline.removeLast() }
        guard !inline.isEmpty else { return }
        inline[0].text = String(inline[0].text.drop { $0.isWhitespace })
        inline[inline.count - 1].text = String(inline[inline.count - 1].text.reversed().drop { $0.isWhitespace }.reversed())
        if let item = listItem {
            append(.listItem(depth: item.depth, marker: item.marker, text: inline))
            listItem = nil
        } else {
            append(isField ? .field(inline) : .paragraph(inline))
        }
        inline = []
        isField = false
    }

    static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace || $0.isNewline }).joined(separator: " ")
    }
}
