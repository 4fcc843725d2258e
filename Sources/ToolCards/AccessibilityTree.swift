import Foundation

/// A live view's accessibility tree as the browser reports it (`Accessibility.getFullAXTree`):
/// the roles, names, values and states a card is drawn from. Untrusted: every string is the view's.
public struct AccessibilityTree: Equatable, Sendable {
    public struct Node: Equatable, Sendable {
        public var id: String
        public var role: String
        public var name: String
        public var value: String?
        /// States and attributes by name (`checked`, `expanded`, `level`, `focused`, `url`, …), as text.
        public var properties: [String: String]
        public var childIDs: [String]
        public var parentID: String?
        /// The DOM node behind it, which keys focus.
        public var domNodeID: Int?
        public var isIgnored: Bool

        public init(id: String, role: String, name: String = "", value: String? = nil, properties: [String: String] = [:],
                    childIDs: [String] = [], parentID: String? = nil, domNodeID: Int? = nil, isIgnored: Bool = false) {
            self.id = id
            self.role = role
            self.name = name
            self.value = value
            self.properties = properties
            self.childIDs = childIDs
            self.parentID = parentID
            self.domNodeID = domNodeID
            self.isIgnored = isIgnored
        }
    }

    public var nodes: [String: Node]
    public var rootID: String?

    public init(nodes: [Node]) {
        self.nodes = Dictionary(nodes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        rootID = nodes.first { $0.parentID == nil }?.id ?? nodes.first?.id
    }

    /// Reads the DevTools answer (`{"nodes": [...]}`, or the whole message around it as `result`);
    /// a tree bigger than `maximumNodes` is cut.
    public init(devToolsJSON data: Data, maximumNodes: Int = 20_000) throws {
        let answer = try JSONDecoder().decode(Answer.self, from: data)
        self.init(nodes: (answer.nodes ?? answer.result?.nodes ?? []).prefix(maximumNodes).map { $0.node })
    }

    private struct Answer: Decodable {
        struct Result: Decodable { let nodes: [WireNode] }
        let nodes: [WireNode]?
        let result: Result?
    }

    /// The wire shape: every value wrapped as `{"type": …, "value": …}`.
    private struct WireNode: Decodable {
        struct Wrapped: Decodable {
            let value: Scalar?
        }
        struct Property: Decodable {
            let name: String
            let value: Wrapped
        }
        let nodeId: String
        let ignored: Bool?
        let role: Wrapped?
        let name: Wrapped?
        let value: Wrapped?
        let properties: [Property]?
        let parentId: String?
        let childIds: [String]?
        let backendDOMNodeId: Int?

        var node: Node {
            var states: [String: String] = [:]
            for property in properties ?? [] { if let text = property.value.value?.text { states[property.name] = text } }
            return Node(id: nodeId, role: role?.value?.text ?? "", name: name?.value?.text ?? "", value: value?.value?.text,
                        properties: states, childIDs: childIds ?? [], parentID: parentId, domNodeID: backendDOMNodeId,
                        isIgnored: ignored ?? false)
        }
    }

    /// A JSON scalar as text; objects and arrays (related nodes) are not read.
    private struct Scalar: Decodable {
        let text: String?
        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let string = try? container.decode(String.self) { text = string }
            else if let bool = try? container.decode(Bool.self) { text = bool ? "true" : "false" }
            else if let int = try? container.decode(Int.self) { text = String(int) }
            else if let double = try? container.decode(Double.self) { text = String(double) }
            else { text = nil }
        }
    }
}
