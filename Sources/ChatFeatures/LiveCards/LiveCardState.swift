import ConversationModel
import ToolCards

/// A card whose MCP Apps view runs in the view engine: starting, drawn (its latest text), or failed.
public struct LiveCard: Equatable, Sendable {
    /// The view's latest text; nil until it is first drawn.
    var text: LiveViewText?
    /// Why it stopped or never started; the card shows the result and says so.
    var failure: String?

    var isDrawn: Bool { text != nil && failure == nil }
    /// Its view was asked for and has not drawn yet (or failed).
    var isStarting: Bool { text == nil && failure == nil }
    /// Drawn or starting: its keys are the live card's table, never the plain card's (a letter typed
    /// while the view started once opened the plain card's actions).
    var hasLiveKeys: Bool { failure == nil }
}

/// Digits typed on a live card, as in lynx and w3m: `1` then `2` is 12. A number no digit could
/// lengthen is taken at once; otherwise it waits `pause` for another digit (or Enter takes it).
struct TypedNumber: Equatable, Sendable {
    var card: CardAddress
    var digits: Int
    /// When the last digit came; nil until the run loop has said the time.
    var typedAt: ContinuousClock.Instant?

    static let pause: Duration = .milliseconds(900)

    /// When the number is taken as it stands: at once when the time of the last digit is not known yet.
    func due(now: ContinuousClock.Instant) -> ContinuousClock.Instant { typedAt.map { $0 + Self.pause } ?? now }
}

/// The MCP Apps type: a tool's declared view, which the view engine runs live.
public enum LiveViewKind {
    public static let mimeType = "text/html;profile=mcp-app"

    static func isLive(_ attachment: ResultAttachment) -> Bool { attachment.kind == .view && attachment.mimeType == mimeType }

    /// What a live view's card says until its view first runs; while it starts, the card says that instead.
    public static let notStartedNote = "Live view: starts when its card is shown or focused; showing the result."
}

/// What the session needs to open a card's view: whose it is, its input and its result.
public struct LiveViewRequest: Equatable, Sendable {
    public var card: CardAddress
    public var conversation: ConversationID
    public var connector: String
    public var uri: String
    public var arguments: JSONValue
    /// The `CallToolResult` as the view gets it: `content` and `structuredContent`.
    public var result: JSONValue
    /// The card's width in cells, for the view's container.
    public var widthCells: Int
    public var theme: String
}

/// A person's key for a live view, as the session passes it on.
public enum LiveViewInput: Equatable, Sendable {
    case nextControl, previousControl
    /// Focuses the control the card numbers `n` (from 1).
    case focus(Int)
    /// A typed character, into the focused field (Space presses the focused control unless it is a text box).
    case typed(Character)
    /// A paste, into the view's focused field as the browser would put it.
    case pasted(String)
    case key(LiveViewKey)
    case reload
}

/// The keys a live view gets as real key events.
public enum LiveViewKey: String, Equatable, Sendable {
    case enter, backspace, delete, home, end, up, down, left, right
}

/// What a running view tells the interface.
public enum LiveViewEvent: Equatable, Sendable {
    case redrawn(CardAddress, LiveViewText)
    case failed(CardAddress, String)
    /// `ui/message`: text for the composer; the view waits for `answerViewRequest(request, …)`.
    case message(String, request: String)
    /// `ui/open-link`: asks first, as a card's links do; the view waits for `answerViewRequest(request, …)`.
    case openLink(String, request: String)
    /// The view's `tools/call` needs the person's approval; it asks whether or not a turn runs.
    case approvalNeeded(ApprovalRequest)
    /// A call the view made went to its connector, or came back.
    case callStarted(CardAddress), callEnded(CardAddress)
}
