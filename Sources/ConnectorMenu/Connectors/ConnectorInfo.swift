import ConversationModel

/// What the interface knows of one configured connector.
public struct ConnectorInfo: Equatable, Sendable {
    public struct ToolSummary: Equatable, Sendable {
        public enum Effect: String, Sendable { case reads = "read-only", writes = "writes", destroys = "destructive" }
        public var id: String
        /// The tool's own name, as its server knows it.
        public var name: String = ""
        public var title: String
        public var effect: Effect
        public var tokens: Int
        public var hiddenFromModel: Bool
        /// Its visibility includes `app`: a card's actions offer it.
        public var callableFromCards = true
        public var inputSchema: JSONValue = .object([:])

        public init(id: String, name: String = "", title: String, effect: Effect, tokens: Int, hiddenFromModel: Bool, callableFromCards: Bool = true, inputSchema: JSONValue = .object([:])) {
            self.id = id
            self.name = name
            self.title = title
            self.effect = effect
            self.tokens = tokens
            self.hiddenFromModel = hiddenFromModel
            self.callableFromCards = callableFromCards
            self.inputSchema = inputSchema
        }
    }

    /// Where a connector comes from, which says how far it is trusted by default.
    public enum Source: Equatable, Sendable { case builtin, yours, thisFolder }

    public var name: String
    public var source: Source = .yours
    /// The person trusts its word about its tools: read-only tools run unasked.
    public var isTrusted = false
    /// A sign-in token is kept for it.
    public var isSignedIn = false
    /// The person's variables its configuration passes on, and whether it gets the whole environment.
    public var variablesRead: [String] = []
    public var inheritsEnvironment = false
    /// The variables a local server's entry sets for it (`env`), by name: `LD_PRELOAD` there runs code in it.
    public var environmentSet: [String] = []
    /// `stdio`, `http` or `sse`, and the command line or URL.
    public var transport: String
    public var address: String
    public var health: ConnectorHealth = .starting
    /// Why it failed or needs sign-in, in one line.
    public var reason: String?
    public var logPath: String?
    /// The server's name and version once connected.
    public var server: String?
    public var description: String?
    public var tools: [ToolSummary] = []
    public var resources: [ResourceEntry] = []
    public var prompts: [PromptEntry] = []
    /// The last lines of its log, when it failed.
    public var logTail: [String] = []

    public var tokenCost: Int { tools.filter { !$0.hiddenFromModel }.reduce(0) { $0 + $1.tokens } }

    public init(name: String, source: Source = .yours, isTrusted: Bool = false, isSignedIn: Bool = false, variablesRead: [String] = [], inheritsEnvironment: Bool = false, transport: String, address: String, health: ConnectorHealth = .starting, reason: String? = nil, logPath: String? = nil, server: String? = nil, description: String? = nil, tools: [ToolSummary] = [], resources: [ResourceEntry] = [], prompts: [PromptEntry] = [], logTail: [String] = []) {
        self.name = name
        self.source = source
        self.isTrusted = isTrusted
        self.isSignedIn = isSignedIn
        self.variablesRead = variablesRead
        self.inheritsEnvironment = inheritsEnvironment
        self.transport = transport
        self.address = address
        self.health = health
        self.reason = reason
        self.logPath = logPath
        self.server = server
        self.description = description
        self.tools = tools
        self.resources = resources
        self.prompts = prompts
        self.logTail = logTail
    }
}

/// A connector's state in brief.
public enum ConnectorHealth: Equatable, Sendable {
    case starting, ready, needsSignIn, failed
    /// It may run, but nothing has used it yet (off in the conversation shown): no process, no connection.
    case notStarted
    /// A managed policy forbids it; it is never started.
    case blocked
    /// From this folder's `.mcp.json`, which the person has not approved: never started until they do.
    case notApproved
    /// Nothing to do here (Files in the home folder), said why: not started, not a failure.
    case idle
}

extension ConnectorUse {
    /// Space cycles: on → on demand → off → on.
    public var next: ConnectorUse {
        switch self {
        case .on: return .onDemand
        case .onDemand: return .off
        case .off: return .on
        }
    }

    public var label: String {
        switch self {
        case .on: return "on"
        case .onDemand: return "on demand"
        case .off: return "off"
        }
    }
}
