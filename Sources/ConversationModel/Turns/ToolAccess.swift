import Foundation
import TerminalText

/// How a conversation offers tools to the model.
public enum ToolAccessMode: String, Sendable, Codable, CaseIterable {
    /// Every "on" connector's tools are sent with every request.
    case always
    /// Every connector is searched on demand.
    case onDemand = "on_demand"
    /// Always, until the tools of the connectors that are on cost more than the budget.
    case auto
}

/// Which tools go up front and which wait to be found by search.
public struct ToolAccessPlan: Sendable, Equatable {
    public var upFront: [CatalogTool]
    public var deferred: [CatalogTool]

    /// Tokens the up-front definitions cost.
    public var loadedCost: Int { upFront.reduce(0) { $0 + $1.tokenCost } }

    /// Decides what to send. `uses` holds each connector's state in the conversation
    /// (a connector not in it is off); `loaded` are tools a search already found.
    public static func make(tools: [CatalogTool], uses: [String: ConnectorUse], mode: ToolAccessMode,
                            loaded: Set<String>, budget: Int) -> ToolAccessPlan {
        let available = tools.filter { (uses[$0.connector] ?? .off) != .off }
        let onCost = available.filter { uses[$0.connector] == .on }.reduce(0) { $0 + $1.tokenCost }
        let everythingOnDemand = mode == .onDemand || (mode == .auto && onCost > budget)
        var plan = ToolAccessPlan(upFront: [], deferred: [])
        for tool in available {
            let upFront = loaded.contains(tool.id) || (!everythingOnDemand && uses[tool.connector] == .on)
            if upFront { plan.upFront.append(tool) } else { plan.deferred.append(tool) }
        }
        return plan
    }

    /// What a request carries: the up-front tools, then either the deferred ones marked for the
    /// provider's own search, or our `search_tools`.
    public func definitions(nativeSearch: Bool) -> [ToolDefinition] {
        let loaded = upFront.map(\.definition)
        if nativeSearch {
            return loaded + deferred.map { tool in
                var definition = tool.definition
                definition.deferLoading = true
                return definition
            }
        }
        return loaded + [searchTool].compactMap { $0 }
    }

    /// The `search_tools` tool, with a one-line list of what can be found; nil when nothing is deferred.
    public var searchTool: ToolDefinition? {
        guard !deferred.isEmpty else { return nil }
        var counts: [String: Int] = [:]
        for tool in deferred { counts[tool.connector, default: 0] += 1 }
        let listing = counts.keys.sorted().map { "\($0) (\(counted(counts[$0]!, "tool")))" }.joined(separator: ", ")
        return ToolDefinition(
            name: ToolSearch.toolName,
            description: "Finds tools by what they do and loads them so you can call them from your next step. Searchable connectors: \(listing).",
            inputSchema: .object([
                "type": .string("object"),
                "properties": .object([
                    "query": .object(["type": .string("string"), "description": .string("Words describing the tool you need.")]),
                    "limit": .object(["type": .string("integer"), "description": .string("At most this many tools (default 5).")]),
                ]),
                "required": .array([.string("query")]),
            ]))
    }
}

/// BM25 ranking over tool names, titles and descriptions, for `search_tools`.
public struct ToolSearch: Sendable {
    public static let toolName = "search_tools"
    private let tools: [CatalogTool]
    private let documents: [[String: Int]]
    private let lengths: [Int]
    private let documentFrequency: [String: Int]
    private let averageLength: Double

    public init(tools: [CatalogTool]) {
        self.tools = tools
        documents = tools.map { tool in
            Self.terms(of: "\(tool.definition.name) \(tool.title) \(tool.connector) \(tool.definition.description)")
                .reduce(into: [:]) { $0[$1, default: 0] += 1 }
        }
        lengths = documents.map { $0.values.reduce(0, +) }
        documentFrequency = documents.reduce(into: [:]) { counts, document in
            for term in document.keys { counts[term, default: 0] += 1 }
        }
        averageLength = lengths.isEmpty ? 1 : max(1, Double(lengths.reduce(0, +)) / Double(lengths.count))
    }

    /// The best matches, best first; tools with no matching term are left out.
    public func search(_ query: String, limit: Int = 5) -> [CatalogTool] {
        let queryTerms = Set(Self.terms(of: query))
        let k1 = 1.2, b = 0.75, count = Double(tools.count)
        let scored: [(Double, Int)] = documents.indices.compactMap { index in
            var score = 0.0
            for term in queryTerms {
                guard let frequency = documents[index][term].map(Double.init), let containing = documentFrequency[term] else { continue }
                let idf = log(1 + (count - Double(containing) + 0.5) / (Double(containing) + 0.5))
                score += idf * frequency * (k1 + 1) / (frequency + k1 * (1 - b + b * Double(lengths[index]) / averageLength))
            }
            return score > 0 ? (score, index) : nil
        }
        return scored.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }.prefix(max(1, limit)).map { tools[$0.1] }
    }

    /// Lowercased words; `snake_case`, `kebab-case` and `camelCase` names split into theirs.
    static func terms(of text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousWasLower = false
        for character in text {
            if character.isLetter || character.isNumber {
                if character.isUppercase && previousWasLower && !current.isEmpty {
                    words.append(current)
                    current = ""
                }
                current.append(contentsOf: character.lowercased())
                previousWasLower = character.isLowercase
            } else {
                if !current.isEmpty { words.append(current) }
                current = ""
                previousWasLower = false
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
