import ConversationModel

/// Everything that can change the state: input, and the results of effects.
enum Action: Equatable, Sendable {
    case input(InputEvent)
    case conversationOpened(ConversationSnapshot)
    case conversationChanged(Conversation)
    case earlierMessagesLoaded([Message], hasEarlier: Bool, scrollToTop: Bool)
    case messageAppended(Message)
    case conversationsListed(query: String, [ConversationSummary])
    case failed(String)
    /// A signal (SIGTERM, SIGHUP) asked the app to leave.
    case quitRequested
}

/// What opening a conversation brings back from the store.
struct ConversationSnapshot: Equatable, Sendable {
    var conversation: Conversation
    var messages: [Message]
    var hasEarlier: Bool
    var inputHistory: [String]
    var connectorsOn: Int
}

/// Work the reducer asks for; the effect runner does it and feeds results
/// back as actions. Plain values, so tests compare them with `==`.
enum Effect: Equatable, Sendable {
    case commitUserMessage(ConversationID, String)
    case saveDraft(ConversationID, String)
    case newConversation
    case openConversation(ConversationID)
    case loadEarlierMessages(ConversationID, before: MessageID, all: Bool)
    case listConversations(query: String)
    case renameConversation(ConversationID, String)
    /// Deletes one; when it is the open one, opens another (or a new one).
    case deleteConversation(ConversationID, isOpen: Bool)
    case saveTheme(String)
    /// Ctrl-Z: hand the terminal back to the shell until `fg`.
    case suspendToShell
}
