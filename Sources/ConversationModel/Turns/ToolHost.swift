import Foundation

/// A tool a conversation may use, with what the engine needs to decide how to offer and run it.
public struct CatalogTool: Sendable, Equatable {
    public var definition: ToolDefinition
    public var connector: String
    public var title: String
    /// `readOnlyHint: true`: its server says it only reads.
    public var isReadOnly: Bool
    public var isDestructive: Bool
    /// How many tokens its definition costs in a request (an estimate).
    public var tokenCost: Int
    /// The person trusts its connector, so the server's word that it only reads is believed.
    public var isVerified: Bool

    public init(definition: ToolDefinition, connector: String, title: String, isReadOnly: Bool, isDestructive: Bool, tokenCost: Int,
                isVerified: Bool = false) {
        self.definition = definition
        self.connector = connector
        self.title = title
        self.isReadOnly = isReadOnly
        self.isDestructive = isDestructive
        self.tokenCost = tokenCost
        self.isVerified = isVerified
    }

    public var id: String { definition.name }
    /// Runs without asking: read-only by its server's word, and the person trusts that server.
    public var runsUnasked: Bool { isReadOnly && isVerified }
}

/// The tools of the connectors that are ready, and how to call them. The
/// engine filters them by the conversation's connector states; the host knows MCP.
public protocol ToolHost: Sendable {
    /// Every tool the model may see, of every ready connector.
    func tools() async -> [CatalogTool]
    /// Runs a call; `progress` reports (done, total, message) while it runs.
    /// Cancelling the calling task cancels the call on the server.
    func call(_ call: ToolCall, progress: @escaping @Sendable (Double, Double?, String?) -> Void) async -> ToolResult
}

/// A tool host with no tools, for a conversation with no connectors.
public struct NoTools: ToolHost {
    public init() {}
    public func tools() async -> [CatalogTool] { [] }
    public func call(_ call: ToolCall, progress: @escaping @Sendable (Double, Double?, String?) -> Void) async -> ToolResult {
        ToolResult(callID: call.id, content: "No tool named \(call.name) is available.", isError: true)
    }
}

/// The person's answer to a call that needs approval.
public enum ApprovalDecision: Sendable, Equatable {
    /// Run it once, with these (possibly edited) arguments.
    case allowOnce(JSONValue)
    /// Run it, and every later call of this tool in this conversation, without asking.
    case allowAlways(JSONValue)
    case deny(reason: String?)
}

/// A call waiting for the person.
public struct ApprovalRequest: Sendable, Equatable {
    public var call: ToolCall
    public var tool: CatalogTool

    public init(call: ToolCall, tool: CatalogTool) {
        self.call = call
        self.tool = tool
    }
}

/// Asks the person about a call. The interface shows a card; `chattui -p` answers from `--allow`.
public protocol ApprovalGate: Sendable {
    func decide(_ request: ApprovalRequest) async -> ApprovalDecision
}
