import Foundation

/// What a turn needs to know about its conversation.
public struct TurnSettings: Sendable, Equatable {
    public var model: String
    public var system: String?
    /// Each connector's state in the conversation; a connector not listed is off.
    public var connectorUses: [String: ConnectorUse]
    public var toolAccess: ToolAccessMode
    /// Tokens of tool definitions above which Auto sends everything on demand.
    public var toolBudget: Int
    /// Model requests in one turn before it is stopped.
    public var stepLimit: Int
    /// Ask before every call, read-only ones too.
    public var askForEveryCall: Bool
    /// The provider searches deferred tools itself (Anthropic's tool search tool) instead of `search_tools`.
    public var nativeToolSearch: Bool
    public var maxTokens: Int

    public init(model: String, system: String? = nil, connectorUses: [String: ConnectorUse] = [:], toolAccess: ToolAccessMode = .auto,
                toolBudget: Int = 20_000, stepLimit: Int = 25, askForEveryCall: Bool = false, maxTokens: Int = 8192,
                nativeToolSearch: Bool = false) {
        self.nativeToolSearch = nativeToolSearch
        self.model = model
        self.system = system
        self.connectorUses = connectorUses
        self.toolAccess = toolAccess
        self.toolBudget = toolBudget
        self.stepLimit = stepLimit
        self.askForEveryCall = askForEveryCall
        self.maxTokens = maxTokens
    }
}

/// What happens during a turn, for the interface to show as it happens.
public enum TurnEvent: Sendable, Equatable {
    /// The model's text as it streams (not yet stored).
    case textDelta(String)
    /// A step finished and was stored.
    case committed(Message)
    case toolStarted(ToolCall)
    case toolProgress(callID: String, done: Double, total: Double?, message: String?)
    case toolFinished(ToolResult)
    case retrying(attempt: Int, delay: Duration, reason: String)
    /// The request waits for these connectors (in use here) to finish starting.
    case waitingForConnectors([String])
    /// How many tokens the tool definitions sent with the last request cost.
    case toolsLoaded(upFront: Int, deferred: Int, tokens: Int)
}

/// How a turn ended.
public enum TurnOutcome: Sendable, Equatable {
    case completed
    case cancelled
    case stepLimitReached(Int)
    case failed(String)
}

