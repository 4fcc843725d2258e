import ConversationModel
import ToolCards

/// A card whose MCP Apps view runs in the view engine: starting, drawn (its latest text), or failed.
public struct LiveCard: Equatable, Sendable {
    /// The view's latest text; nil until it is first drawn.
    var text: LiveViewText?
    /// Why it stopped or never started; the card shows the result and says so.
    var failure: String?

    var isDrawn: Bool { text != nil && failure == nil }
}

/// The MCP Apps type: a tool's declared view, which the view engine runs live.
public enum LiveViewKind {
    public static let mimeType = "text/html;profile=mcp-app"

    static func isLive(_ attachment: ResultAttachment) -> Bool { attachment.kind == .view && attachment.mimeType == mimeType }
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
    /// A typed character: the view's own focus decides (a digit picks a control unless a text box has the focus).
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
    /// `ui/message`: text for the composer.
    case message(String)
    /// `ui/open-link`: asks first, as a card's links do.
    case openLink(String)
    /// The view's `tools/call` needs the person's approval; it asks whether or not a turn runs.
    case approvalNeeded(ApprovalRequest)
    /// A call the view made went to its connector, or came back.
    case callStarted(CardAddress), callEnded(CardAddress)
}
