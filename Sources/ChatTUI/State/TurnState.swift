import ConnectorMenu
import ConversationModel

/// A turn in progress: the model's text as it streams and the tool calls
/// running (its approval cards wait in `AppState.questions`).
struct TurnState: Equatable, Sendable {
    var conversationID: ConversationID
    var streamingText = ""
    /// Calls that started in this step, in order, with their progress.
    var activity: [ToolActivity] = []
    /// Shown while the provider is being retried.
    var retryNote: String?
    var isCancelling = false
}

struct ToolActivity: Equatable, Sendable {
    var callID: String
    var name: String
    var done: Double?
    var total: Double?
    var message: String?
    var isFinished = false
    var isError = false
}

/// A call waiting for approval: the tool, its arguments as an editable form, and the person's choice so far.
struct ApprovalCard: Equatable, Sendable {
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
    var choice: Choice = .allowOnce
    var focus: Focus = .choices
    var reason = TextField()
    var problem: String?

    init(request: ApprovalRequest) {
        self.request = request
        fields = FormFields(schema: request.tool.definition.inputSchema, arguments: request.call.arguments)
    }
}
