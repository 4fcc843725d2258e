import ConnectorMenu
import ConversationModel
import TerminalUI

/// Everything that can change the state: input, and the results of effects.
public enum Action: Equatable, Sendable {
    case input(InputEvent)
    case conversationOpened(ConversationSnapshot)
    case conversationChanged(Conversation)
    case earlierMessagesLoaded([Message], hasEarlier: Bool, scrollToTop: Bool)
    case messageAppended(Message)
    case conversationsListed(query: String, [ConversationSummary])
    /// `/find`: the messages of the conversation that contain the query.
    case conversationSearched(query: String, [MessageID])
    case failed(String)
    case flash(Flash)
    /// A signal (SIGTERM, SIGHUP) asked the app to leave.
    case quitRequested
    case turn(TurnEvent)
    case turnEnded(TurnOutcome)
    case approvalNeeded(ApprovalRequest)
    case elicitationNeeded(ElicitationRequest)
    /// The run loop drew the first waiting question at this moment.
    case questionDrawn(at: ContinuousClock.Instant)
    /// The run loop's clock, when a question's grace may have passed, and every spinner frame while a turn waits.
    case clockAdvanced(to: ContinuousClock.Instant)
    /// The model new conversations use, once known (a local server is asked).
    case defaultModelResolved(String?)
    /// A huge message's lines were laid out off the main thread: the next frame shows them.
    case layoutReady
    /// `/model`'s choices; when there are none, why (from the model resolver).
    case modelsListed([String], whyNone: String?)
    /// The resolver accepted a `/model` choice and it is stored.
    case modelChosen(ConversationID, String)
    case connectorChanged(ConnectorInfo)
    case connectorRemoved(String)
    /// The files were read again for `/connectors` (NAME): the panel opens on what they hold.
    case connectorsReread(opening: String)
    case connectorTrustChanged(String, trusted: Bool)
    case signInStarted(String, url: String, port: Int)
    case signInFinished(String)
    case signInFailed(String, String)
    /// The conversation holds connector content: ask before exporting it.
    case exportNeedsConfirmation(path: String?, connectors: [String])
    case directoryLoaded(Result<ConnectorDirectory, DirectoryError>)
    case registry(RegistryAction)
    /// A prompt's text, ready for the composer.
    case promptLoaded(PromptEntry, String)
    /// The attached resources were read; the message can be stored (and answered).
    case attachmentsRead(ConversationID, String, [ContentBlock], answer: Bool)
    case attachmentsFailed(String, [ResourceEntry], reason: String)
    /// A call the person made: running (with progress), then its result stored.
    case personCallProgress(ToolActivity)
    case personCallFinished(Message?)
    /// A card's live view drew, failed, or asked for something.
    case liveView(LiveViewEvent)
}

/// What opening a conversation brings back from the store.
public struct ConversationSnapshot: Equatable, Sendable {
    public var conversation: Conversation
    var messages: [Message]
    var hasEarlier: Bool
    var inputHistory: [String]
    var connectorUses: [String: ConnectorUse]
    /// The tool `/task` uses here, once chosen.
    var taskTool: String? = nil

    public init(conversation: Conversation, messages: [Message], hasEarlier: Bool, inputHistory: [String], connectorUses: [String: ConnectorUse], taskTool: String? = nil) {
        self.conversation = conversation
        self.messages = messages
        self.hasEarlier = hasEarlier
        self.inputHistory = inputHistory
        self.connectorUses = connectorUses
        self.taskTool = taskTool
    }
}

/// Work the reducer asks for; the effect runner does it and feeds results
/// back as actions. Plain values, so tests compare them with `==`.
public enum Effect: Equatable, Sendable {
    case commitUserMessage(ConversationID, String)
    case saveDraft(ConversationID, String)
    case newConversation
    case openConversation(ConversationID)
    case loadEarlierMessages(ConversationID, before: MessageID, all: Bool)
    case listConversations(query: String)
    case searchConversation(ConversationID, query: String)
    /// `/retry`, `/edit`: drops a message and everything after it.
    case deleteMessages(ConversationID, from: MessageID)
    case renameConversation(ConversationID, String)
    /// Deletes one; when it is the open one, opens another (or a new one).
    case deleteConversation(ConversationID, isOpen: Bool)
    case saveTheme(String)
    /// Ctrl-Z: hand the terminal back to the shell until `fg`.
    case suspendToShell
    /// Put text on the terminal's clipboard (OSC 52).
    case copyToClipboard(String)
    /// Answer the conversation's last message.
    case startTurn(ConversationID)
    case cancelTurn
    case decideApproval(callID: String, ApprovalDecision)
    /// Tells a view whether its message or link went through (refused, declined: not).
    case answerViewRequest(String, accepted: Bool)
    case answerElicitation(id: String, ElicitationAnswer)
    case listModels
    /// Resolve a `/model` name (bare or `provider/model`) and keep it for the conversation.
    case chooseModel(ConversationID, String)
    case setToolAccess(ConversationID, ToolAccessMode)
    case setConnectorUses(ConversationID, [String: ConnectorUse])
    case saveDefaultConnectorUses([String: ConnectorUse])
    case reconnect(String)
    /// Start a connector that never started (the person opened its details); one started before is left as it is.
    case startConnector(String)
    /// Read the connector files again, then open `/connectors` (at NAME's details when named): one added
    /// with `chattui mcp add` meanwhile shows, and opens by its name.
    case openConnectors(named: String)
    /// Approve the folder's `.mcp.json` for it, or trust / stop trusting it.
    case toggleTrust(String)
    case signIn(String)
    case pasteSignIn(String, String)
    case cancelSignIn(String)
    /// Forget a connector's tokens.
    case disconnect(String)
    case loadDirectory
    /// Writes the conversation as Markdown; `confirmed` once the person agreed to include connector content.
    case exportConversation(ConversationID, path: String?, confirmed: Bool)
    case installConnector(DirectoryEntry, conversation: ConversationID)
    case registry(RegistryEffect)
    case addCustomConnector(CustomConnector, conversation: ConversationID)
    case removeConnector(String)
    case getPrompt(PromptEntry, arguments: [String: String])
    /// Reads the attached resources, then the message is stored (and answered).
    case readAttachments(ConversationID, String, [ResourceEntry], answer: Bool)
    case commitUserBlocks(ConversationID, [ContentBlock])
    /// Calls a tool for the person and stores the result as a card.
    case callTool(PersonCall, arguments: JSONValue, conversation: ConversationID)
    case cancelPersonCall
    /// Opens a link in the browser when there is a display; otherwise shows it.
    case openLink(String)
    /// Saves an image or audio from a card (base64) to a file, and opens it when there is a display.
    case saveMedia(data: String, mimeType: String)
    case rememberTaskTool(ConversationID, String)
    /// Starts a card's MCP Apps view in the view engine.
    case openLiveView(LiveViewRequest)
    /// A key for a card's running view.
    case liveViewInput(CardAddress, LiveViewInput)
    /// Stops the calls a card's view made that still run; the view gets an error result.
    case cancelViewCalls(CardAddress)
    /// Stores a message again with its card's latest live text, so a restart shows it at once.
    case updateMessage(Message)
}

/// The three answers to a connector's question: the values, no, or not now.
public enum ElicitationAnswer: Equatable, Sendable {
    case accept(JSONValue)
    case decline
    case cancel
}
