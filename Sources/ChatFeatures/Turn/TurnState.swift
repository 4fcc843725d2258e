import ConnectorMenu
import ConversationModel
import TerminalUI

/// A turn in progress: the model's text as it streams and the tool calls
/// running (its approval cards wait in `AppState.questions`).
public struct TurnState: Equatable, Sendable {
    var conversationID: ConversationID
    var streamingText = ""
    /// Calls that started in this step, in order, with their progress.
    var activity: [ToolActivity] = []
    /// Shown while the provider is being retried.
    var retryNote: String?
    /// Connectors in use here that the request waits for while they start (named in the status).
    var waitingFor: [String] = []
    var isCancelling = false
    /// When the run loop first said the time after the turn started, and the last time it said.
    /// The reducer reads no clock: the loop ticks only while a turn waits on the model or a tool.
    var startedAt: ContinuousClock.Instant?
    var now: ContinuousClock.Instant?

    /// How often the loop says the time while the turn waits: one spinner frame.
    static let tick: Duration = .milliseconds(250)

    /// The turn, or a call in it, started since the last tick: the loop says the time at once.
    var needsTime: Bool { startedAt == nil || activity.contains { $0.startedAt == nil && !$0.isFinished } }

    mutating func clock(_ now: ContinuousClock.Instant) {
        if startedAt == nil { startedAt = now }
        for index in activity.indices where activity[index].startedAt == nil { activity[index].startedAt = now }
        self.now = now
    }

    /// How long something started at `start` has been running, as far as the last tick knows.
    func elapsed(since start: ContinuousClock.Instant?) -> Duration? {
        guard let start, let now, now >= start else { return nil }
        return now - start
    }
}

public struct ToolActivity: Equatable, Sendable {
    var callID: String
    var name: String
    public var done: Double?
    public var total: Double?
    public var message: String?
    var isFinished = false
    var isError = false
    /// The loop's time at the first tick after the call started.
    var startedAt: ContinuousClock.Instant?

    public init(callID: String, name: String, done: Double? = nil, total: Double? = nil, message: String? = nil, isFinished: Bool = false, isError: Bool = false, startedAt: ContinuousClock.Instant? = nil) {
        self.callID = callID
        self.name = name
        self.done = done
        self.total = total
        self.message = message
        self.isFinished = isFinished
        self.isError = isError
        self.startedAt = startedAt
    }
}

/// A call waiting for approval: the tool, its arguments as an editable form, and the person's choice so far.
public struct ApprovalCard: Equatable, Sendable {
    enum Choice: Int, CaseIterable, Sendable {
        case allowOnce, allowAlways, deny

        var label: String {
            switch self {
            case .allowOnce: return "Allow once"
            case .allowAlways: return "Always allow in this conversation"
            case .deny: return "Deny"
            }
        }
    }

    enum Focus: Equatable, Sendable {
        case choices
        case field(Int)
        /// Typing a reason for denying.
        case reason
        /// "Always allow" a destructive call: asked once more.
        case confirmingAlways
    }

    var request: ApprovalRequest
    /// The arguments as the form every tool call, elicitation and `/task` uses.
    var fields: FormFields
    /// Enter takes it: Deny for a call that may write, so only `y` or a chosen Allow runs a write.
    var choice: Choice
    var focus: Focus = .choices
    var reason = TextField()
    var problem: String?

    init(request: ApprovalRequest) {
        self.request = request
        fields = FormFields(schema: request.tool.definition.inputSchema, arguments: request.call.arguments)
        choice = request.tool.isReadOnly ? .allowOnce : .deny
    }
}
