import ConversationModel
import Foundation

/// A schema's local `$ref`s followed within the schema itself: JSON pointers
/// (`#/$defs/Address`, `#/definitions/…`, `#`) and anchors (`#address`). A
/// reference to anything else is never fetched: it stays as written, and its
/// field takes JSON. Keywords beside a `$ref` apply too, and win (a title).
struct LocalReferences {
    let root: JSONValue

    /// A chain of references longer than this (or a cycle) stops where it is.
    static let maximumHops = 16

    func resolve(_ schema: JSONValue) -> JSONValue {
        var current = schema
        for _ in 0..<Self.maximumHops {
            guard let reference = current["$ref"]?.stringValue, case .object(let target)? = lookup(reference),
                  case .object(var beside) = current else { return current }
            beside["$ref"] = nil
            current = .object(target.merging(beside) { _, written in written })
        }
        return current
    }

    private func lookup(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#") else { return nil }
        let fragment = String(reference.dropFirst()).removingPercentEncoding ?? ""
        guard fragment.isEmpty || fragment.hasPrefix("/") else { return Self.anchor(fragment, in: root) }
        var node: JSONValue? = root
        for token in fragment.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            if case .array(let items)? = node, let index = Int(key) { node = items.indices.contains(index) ? items[index] : nil } else { node = node?[key] }
        }
        return node
    }

    /// The subschema whose `$anchor` is `name`, anywhere in `node`.
    private static func anchor(_ name: String, in node: JSONValue) -> JSONValue? {
        switch node {
        case .object(let object):
            if object["$anchor"]?.stringValue == name { return node }
            return object.values.lazy.compactMap { anchor(name, in: $0) }.first
        case .array(let items):
            return items.lazy.compactMap { anchor(name, in: $0) }.first
        default:
            return nil
        }
    }
}
