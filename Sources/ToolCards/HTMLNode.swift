import CLibXML2

/// Reading libxml2's tree: names, text and attributes of nodes, and walks over them
/// without recursion, so a page nested a million deep is as safe as a flat one.
enum HTMLNode {
    /// Elements whose content is never text a person reads; they are skipped, never run.
    static let skipped: Set<String> = ["script", "style", "template", "head", "meta", "link", "svg", "math", "canvas", "object", "embed", "noembed"]

    static func name(of node: xmlNodePtr) -> String {
        guard let name = node.pointee.name else { return "" }
        return String(cString: name).lowercased()
    }

    static func content(of node: xmlNodePtr) -> String {
        guard let content = node.pointee.content else { return "" }
        return String(cString: content)
    }

    static func attribute(_ name: String, of node: xmlNodePtr) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { chattui_xml_free(value) }
        return String(cString: value).trimmingCharacters(in: .whitespacesAndNewlines).nonEmptyTrimmed
    }

    enum Step { case descend, skipChildren, stop }

    /// Every node under `node` in document order, walked without recursion so any depth is
    /// safe; `visit` says whether to go into a node's children, or to stop.
    static func walk(_ node: xmlNodePtr, _ visit: (xmlNodePtr) -> Step) {
        var stack: [xmlNodePtr] = []
        var child = node.pointee.children
        while true {
            guard let current = child else {
                guard let parent = stack.popLast() else { return }
                child = parent.pointee.next
                continue
            }
            switch visit(current) {
            case .stop: return
            case .descend where current.pointee.children != nil:
                stack.append(current)
                child = current.pointee.children
                continue
            default:
                child = current.pointee.next
            }
        }
    }

    /// Elements that hold a value a script puts in: a template ships them empty.
    static let valueSlots: Set<String> = ["dd", "tbody", "output"]

    /// A template its script fills in: the page has a script, and a place for a value left
    /// empty (a definition, a table body, an `output`, an element marked `data-field`).
    static func isFilledByScript(_ root: xmlNodePtr) -> Bool {
        var hasScript = name(of: root) == "script"
        var hasEmptySlot = false
        walk(root) { node in
            guard node.pointee.type == XML_ELEMENT_NODE else { return .skipChildren }
            let element = name(of: node)
            if element == "script" {
                hasScript = true
            } else if !hasEmptySlot, valueSlots.contains(element) || attribute("data-field", of: node) != nil {
                hasEmptySlot = collapse(flatText(node, limit: 64)).isEmpty && !hasControl(node)
            }
            return hasScript && hasEmptySlot ? .stop : .descend
        }
        return hasScript && hasEmptySlot
    }

    private static func hasControl(_ node: xmlNodePtr) -> Bool {
        var found = false
        walk(node) { child in
            found = ["input", "select", "textarea", "img"].contains(name(of: child))
            return found ? .stop : .descend
        }
        return found
    }

    /// The text under `node`, skipping scripts and styles.
    static func flatText(_ node: xmlNodePtr, limit: Int) -> String {
        var text = ""
        walk(node) { current in
            if text.utf8.count >= max(0, limit) { return .stop }
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                text += content(of: current)
                return .skipChildren
            case XML_ELEMENT_NODE where !skipped.contains(name(of: current)):
                if name(of: current) == "br" { text += "\n" }
                return .descend
            default:
                return .skipChildren
            }
        }
        return text.count > limit ? String(text.prefix(max(0, limit))) : text
    }

    /// Each element named one of `names` under `node`, in order, not looking inside `stopAt` elements.
    static func forEachElement(in node: xmlNodePtr, named names: Set<String>, stopAt: Set<String>, _ body: (xmlNodePtr) -> Void) {
        walk(node) { current in
            guard current.pointee.type == XML_ELEMENT_NODE else { return .skipChildren }
            let currentName = name(of: current)
            if names.contains(currentName) {
                body(current)
                return .skipChildren
            }
            return stopAt.contains(currentName) ? .skipChildren : .descend
        }
    }

    /// Cells holding block content: the table arranges a page rather than data.
    static func isLayoutTable(_ node: xmlNodePtr) -> Bool {
        let blocks: Set<String> = ["table", "dl", "p", "div", "pre", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "form"]
        var found = false
        forEachElement(in: node, named: ["td", "th"], stopAt: ["table"]) { cell in
            guard !found else { return }
            forEachElement(in: cell, named: blocks, stopAt: []) { _ in found = true }
        }
        return found
    }

    static func input(_ node: xmlNodePtr) -> String? {
        let type = attribute("type", of: node)?.lowercased() ?? "text"
        let label = attribute("aria-label", of: node) ?? attribute("name", of: node) ?? ""
        let value = attribute("value", of: node)
        switch type {
        case "hidden": return nil
        case "checkbox": return (xmlHasProp(node, "checked") != nil ? "[x]" : "[ ]") + (attribute("aria-label", of: node).map { " " + $0 } ?? "")
        case "radio": return (xmlHasProp(node, "checked") != nil ? "(•) " : "( ) ") + (value ?? label)
        case "submit", "button", "reset", "image": return "[ \(value ?? attribute("alt", of: node) ?? type) ]"
        default:
            let shown = value ?? attribute("placeholder", of: node) ?? label
            return "[\(shown)\(shown.isEmpty ? "" : " ")______ ]"
        }
    }

    static func select(_ node: xmlNodePtr) -> String {
        var options: [String] = []
        var selected: String?
        forEachElement(in: node, named: ["option"], stopAt: []) { option in
            let text = collapse(flatText(option, limit: 100)).trimmingCharacters(in: .whitespaces)
            if xmlHasProp(option, "selected") != nil { selected = text }
            if options.count < 8 { options.append(text) }
        }
        let current = selected ?? options.first ?? ""
        let others = options.filter { $0 != current }
        return "[\(current) ▾]" + (others.isEmpty ? "" : " (" + others.joined(separator: " | ") + ")")
    }

    /// HTML whitespace: runs of spaces, tabs and newlines read as one space.
    static func collapse(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for character in text {
            if character.isWhitespace {
                pendingSpace = true
            } else {
                if pendingSpace { output.append(" ") }
                pendingSpace = false
                output.append(character)
            }
        }
        if pendingSpace { output.append(" ") }
        return output
    }
}
