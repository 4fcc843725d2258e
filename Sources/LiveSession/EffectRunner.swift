import ChatFeatures
import Foundation
import ChatStore
import ConversationModel
import TerminalText

/// Does the I/O that effects ask for and turns the results into actions.
/// Runs on the main thread: each store call is one short SQLite transaction.
public struct EffectRunner {
    let store: ConversationStore
    let session: ChatSession
    /// How many messages a conversation opens with; older ones load as the person scrolls.
    static let pageSize = 200

    public func run(_ effect: Effect) -> [Action] {
        do {
            return try perform(effect)
        } catch {
            return [.failed(error.description)]
        }
    }

    private func perform(_ effect: Effect) throws(StoreError) -> [Action] {
        switch effect {
        case .commitUserMessage(let id, let text):
            let message = try store.appendMessage(to: id, role: .user, blocks: [.text(text)])
            var actions: [Action] = [.messageAppended(message)]
            if let conversation = try store.conversation(id) { actions.append(.conversationChanged(conversation)) }
            return actions
        case .saveDraft(let id, let text):
            // A read-only window says so once, at start, rather than at every key.
            guard !store.isReadOnly else { return [] }
            try store.saveDraft(text, in: id)
            return []
        case .newConversation:
            let conversation = try store.createConversation()
            return [.conversationOpened(try snapshot(of: conversation))]
        case .openConversation(let id):
            guard let conversation = try store.conversation(id) else { return [.failed("That conversation no longer exists.")] }
            return [.conversationOpened(try snapshot(of: conversation))]
        case .loadEarlierMessages(let id, let before, let all):
            let limit = all ? Int.max : Self.pageSize
            let messages = try store.messages(in: id, before: before, limit: limit)
            var hasEarlier = false
            if let oldest = messages.first { hasEarlier = try !store.messages(in: id, before: oldest.id, limit: 1).isEmpty }
            return [.earlierMessagesLoaded(messages, hasEarlier: hasEarlier, scrollToTop: all)]
        case .listConversations(let query):
            return [.conversationsListed(query: query, try store.conversations(matching: query))]
        case .searchConversation(let id, let query):
            return [.conversationSearched(query: query, try store.messageIDs(in: id, matching: query))]
        case .deleteMessages(let id, let from):
            try store.deleteMessages(in: id, from: from)
            return []
        case .renameConversation(let id, let title):
            try store.renameConversation(id, to: title)
            return []
        case .deleteConversation(let id, let isOpen):
            try store.deleteConversation(id)
            guard isOpen else { return [] }
            return [.conversationOpened(try snapshot(of: initialConversation()))]
        case .saveTheme(let name):
            try store.setSetting(Settings.theme, to: name)
            return []
        case .suspendToShell, .copyToClipboard:
            return []  // The run loop does these itself: the terminal is the backend's.
        case .startTurn(let id):
            session.startTurn(in: id)
            return []
        case .cancelTurn:
            session.cancelTurn()
            return []
        case .callTool(let call, let arguments, let conversation):
            session.callTool(call, arguments: arguments, in: conversation)
            return []
        case .openLiveView(let request):
            session.liveCards.open(request)
            return []
        case .liveViewInput(let card, let input):
            session.liveCards.input(input, card: card)
            return []
        case .cancelViewCalls(let card):
            session.liveCards.cancelCalls(of: card)
            return []
        case .updateMessage(let message):
            guard !store.isReadOnly else { return [] }
            _ = try store.updateMessage(message.id, blocks: message.blocks, status: message.status)
            return []
        case .cancelPersonCall:
            session.personCall.withLock { $0?.cancel() }
            return []
        case .openLink(let url):
            return [.flash(LinkOpener.open(url))]
        case .saveMedia(let data, let mimeType):
            return [.flash(LinkOpener.save(base64: data, mimeType: mimeType))]
        case .rememberTaskTool(let conversation, let tool):
            try store.setSetting(Settings.taskTool(conversation), to: tool)
            return []
        case .answerElicitation(let id, let answer):
            session.elicitations.answer(id: id, answer)
            return []
        case .decideApproval(let callID, let decision):
            session.decide(callID: callID, decision)
            return []
        case .answerViewRequest(let request, let accepted):
            session.answerViewRequest(request, accepted: accepted)
            return []
        case .listModels:
            session.listModels()
            return []
        case .chooseModel(let id, let name):
            session.chooseModel(name, in: id)
            return []
        case .setConnectorUses(let id, let uses):
            for (name, use) in uses { try store.setConnectorUse(use, connector: name, in: id) }
            session.startConnectors(Self.inUse(uses))
            return []
        case .startConnector(let name):
            session.startConnectors([name])
            return []
        case .openConnectors(let name):
            return session.rereadConnectors().map(Action.connectorChanged) + [.connectorsReread(opening: name)]
        case .saveDefaultConnectorUses(let uses):
            try session.saveDefaultUses(uses)
            return []
        case .exportConversation(let id, let path, let confirmed):
            return try export(id, path: path, confirmed: confirmed)
        case .loadDirectory:
            session.loadDirectory()
            return []
        case .addCustomConnector(let connector, let conversation):
            try store.setConnectorUse(.on, connector: connector.name, in: conversation)
            session.addCustom(connector)
            return []
        case .installConnector(let entry, let conversation):
            try store.setConnectorUse(.on, connector: entry.name, in: conversation)
            session.install(entry)
            return []
        case .registry(let effect):
            if case .install(_, let name, _, let conversation) = effect { try store.setConnectorUse(.on, connector: name, in: conversation) }
            session.runRegistry(effect)
            return []
        case .signIn(let name):
            session.signIn(name)
            return []
        case .pasteSignIn(let name, let text):
            session.pasteSignIn(name, text)
            return []
        case .cancelSignIn(let name):
            session.cancelSignIn(name)
            return []
        case .disconnect(let name):
            session.disconnect(name)
            return []
        case .toggleTrust(let name):
            session.toggleTrust(name)
            return []
        case .reconnect(let name):
            session.reconnect(name)
            return []
        case .removeConnector(let name):
            session.remove(name)
            return []
        case .setToolAccess(let id, let mode):
            try store.setToolAccess(mode, in: id)
            return []
        case .getPrompt(let prompt, let arguments):
            session.getPrompt(prompt, arguments: arguments)
            return []
        case .readAttachments(let id, let text, let attachments, let answer):
            session.readAttachments(attachments, text: text, conversation: id, answer: answer)
            return []
        case .commitUserBlocks(let id, let blocks):
            let message = try store.appendMessage(to: id, role: .user, blocks: blocks)
            var actions: [Action] = [.messageAppended(message)]
            if let conversation = try store.conversation(id) { actions.append(.conversationChanged(conversation)) }
            return actions
        }
    }

    private func export(_ id: ConversationID, path: String?, confirmed: Bool) throws(StoreError) -> [Action] {
        guard let conversation = try store.conversation(id) else { return [.failed("That conversation no longer exists.")] }
        let messages = try store.messages(in: id, limit: Int.max)
        let connectors = ConversationExport.connectors(in: messages)
        if !connectors.isEmpty {
            if !session.policy.allowExportingConnectorContent {
                return [.failed("Not exported: your organisation's policy forbids exporting conversations with content from connectors.")]
            }
            if !confirmed { return [.exportNeedsConfirmation(path: path, connectors: connectors)] }
        }
        let target = path.map { ($0 as NSString).expandingTildeInPath }
            ?? ConversationExport.defaultPath(for: conversation, in: FileManager.default.currentDirectoryPath)
        do {
            try ConversationExport.markdown(conversation, messages: messages).write(toFile: target, atomically: true, encoding: .utf8)
        } catch {
            return [.failed("Could not write \(target): \(error.localizedDescription)")]
        }
        return [.flash(Flash(text: "Exported \(counted(messages.count, "message")) to \(target)", isError: false))]
    }

    /// Everything the screen needs to show a conversation; remembers it as the one to reopen, and
    /// starts the connectors it uses (the only ones that start by themselves).
    public func snapshot(of conversation: Conversation) throws(StoreError) -> ConversationSnapshot {
        let messages = try store.messages(in: conversation.id, limit: Self.pageSize + 1)
        if !store.isReadOnly { try store.setSetting(Settings.lastConversation, to: String(conversation.id)) }
        let uses = try session.connectorUses(in: conversation.id)
        session.startConnectors(Self.inUse(uses))
        return ConversationSnapshot(
            conversation: conversation,
            messages: Array(messages.suffix(Self.pageSize)),
            hasEarlier: messages.count > Self.pageSize,
            inputHistory: try store.inputHistory(in: conversation.id),
            connectorUses: uses,
            taskTool: try store.setting(Settings.taskTool(conversation.id)))
    }

    /// The connectors on or on demand among `uses`.
    static func inUse(_ uses: [String: ConnectorUse]) -> Set<String> {
        Set(uses.filter { $0.value != .off }.keys)
    }

    /// The conversation a start opens: the last one shown, else the newest, else a new one.
    public func initialConversation() throws(StoreError) -> Conversation {
        if let last = try store.setting(Settings.lastConversation).flatMap(Int64.init), let conversation = try store.conversation(last) {
            return conversation
        }
        if let newest = try store.mostRecentConversation() { return newest }
        return try store.createConversation()
    }

    public init(store: ConversationStore, session: ChatSession) {
        self.store = store
        self.session = session
    }
}

/// Keys of the settings table.
public enum Settings {
    public static let theme = "theme"
    static let lastConversation = "lastConversation"
    static func taskTool(_ conversation: ConversationID) -> String { "taskTool.\(conversation)" }
}
