import Foundation
import MCP

/// A tool's `x-mcp-header` annotations (2026-07-28): arguments the client
/// copies into `Mcp-Param-<token>` HTTP headers so gateways can route on them.
/// An annotation is valid only on a string, integer or boolean property reached
/// from the root through `properties` alone, naming an RFC 9110 token that no
/// other annotation in the schema repeats (case-insensitively); a tool with an
/// invalid one must not be used.
struct ToolHeaders: Sendable, Equatable {
    /// Property path (a chain of `properties` keys) → header token.
    let tokens: [[String]: String]

    enum Invalid: Error, CustomStringConvertible {
        case reason(String)
        var description: String { switch self { case .reason(let why): return why } }
    }

    /// The annotations of `schema`, or why they are invalid.
    init(schema: Value) throws {
        var tokens: [[String]: String] = [:]
        var seen: [String: String] = [:]
        // Every schema position: `properties` keeps the path, any other applicator loses it.
        var stack: [(path: [String]?, node: Value)] = [([], schema)]
        while let (path, node) = stack.popLast() {
            guard case .object(let object) = node else { continue }
            if let annotation = object["x-mcp-header"] {
                guard let path, !path.isEmpty else { throw Invalid.reason("x-mcp-header outside a chain of `properties`") }
                let place = path.joined(separator: ".")
                guard case .string(let token) = annotation, Self.isToken(token) else {
                    throw Invalid.reason("property \(place): x-mcp-header is not an HTTP header token")
                }
                guard case .string(let type) = object["type"], ["string", "integer", "boolean"].contains(type) else {
                    throw Invalid.reason("property \(place): x-mcp-header is only allowed on string, integer or boolean properties")
                }
                if let other = seen[token.lowercased()] { throw Invalid.reason("property \(place): x-mcp-header \(token) repeats property \(other)'s") }
                seen[token.lowercased()] = place
                tokens[path] = token
            }
            for (keyword, value) in object {
                if keyword == "properties", case .object(let properties) = value {
                    stack += properties.map { key, property in (path.map { $0 + [key] }, property) }
                } else if Self.single.contains(keyword) {
                    stack.append((nil, value))
                } else if Self.lists.contains(keyword), case .array(let items) = value {
                    stack += items.map { (nil, $0) }
                } else if Self.maps.contains(keyword), case .object(let schemas) = value {
                    stack += schemas.values.map { (nil, $0) }
                }
            }
        }
        self.tokens = tokens
    }

    /// The headers for a call with `arguments`; absent and non-scalar values send none.
    func headers(for arguments: [String: Value]) -> [String: String] {
        var headers: [String: String] = [:]
        for (path, token) in tokens {
            var node: Value? = .object(arguments)
            for key in path { node = node?.objectValue?[key] }
            let rendered: String?
            switch node {
            case .string(let text): rendered = text
            case .int(let number): rendered = String(number)
            case .bool(let flag): rendered = flag ? "true" : "false"
            case .double(let number): rendered = String(number)
            default: rendered = nil
            }
            if let rendered { headers["Mcp-Param-\(token)"] = HeaderValue.encode(rendered) }
        }
        return headers
    }

    private static let single: Set = ["items", "contains", "unevaluatedItems", "additionalProperties", "propertyNames",
                                      "unevaluatedProperties", "not", "if", "then", "else", "contentSchema"]
    private static let lists: Set = ["allOf", "anyOf", "oneOf", "prefixItems"]
    private static let maps: Set = ["patternProperties", "dependentSchemas", "$defs", "definitions"]
    private static let tokenCharacters = Set("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")

    static func isToken(_ text: String) -> Bool { !text.isEmpty && text.allSatisfy(tokenCharacters.contains) }
}
