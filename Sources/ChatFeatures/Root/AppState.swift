import ConnectorMenu
import ConversationModel
import TerminalUI

/// Everything the screen shows, in one value. Only `AppReducer` changes it.
public struct AppState: Equatable, Sendable {
    var width: Int
    var height: Int
    var conversation: Conversation
    /// The model answering in this conversation (`provider/model`); nil until a provider is configured.
    var modelName: String?
    /// The model new conversations start with.
    public var defaultModel: String?
    /// Each configured connector's state in this conversation.
    var connectorUses: [String: ConnectorUse] = [:]
    /// Connectors whose tools this conversation may use: on, or on demand.
    var connectorsOn: Int { connectorUses.values.filter { $0 != .off }.count }
    /// Prompts and resources of the ready connectors, in connector order.
    var offers: ConnectorOffers {
        let ready = connectorNames.compactMap { connectors[$0] }
        return ConnectorOffers(prompts: ready.flatMap(\.prompts), resources: ready.flatMap(\.resources))
    }
    /// Connectors on (or on demand) in this conversation: their prompts and resources are offered.
    var enabledConnectors: Set<String> { Set(connectorUses.filter { $0.value != .off }.keys) }
    /// Connectors just installed or turned on: when one turns out to need sign-in, sign-in opens.
    var signInWhenNeeded: Set<String> = []
    /// Every configured connector, by name.
    public var connectors: [String: ConnectorInfo] = [:]
    var connectorNames: [String] { connectors.keys.sorted() }
    /// What the connectors panel reads: the roster in order and this conversation's uses.
    var connectorRoster: ConnectorsFeature.Roster { ConnectorsFeature.Roster(names: connectorNames, connectors: connectors, uses: connectorUses) }
    /// Tokens the tool definitions sent with the last request cost.
    var toolTokens: Int?
    /// The turn being answered, if one is.
    public var turn: TurnState?
    /// When the run loop must next say the time (`clockAdvanced`): a question's grace ending, the
    /// next spinner frame while a turn waits on the model or a tool (at once when it has not been told
    /// the time yet), or a live card's typed number ending its pause. Nil when nothing waits, so an idle loop sleeps.
    public func nextClockTick(now: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        let spinner = turn.flatMap { turn -> ContinuousClock.Instant? in
            guard questions.isEmpty || turn.isCancelling else { return nil }
            return turn.needsTime ? now : (turn.now ?? now) + TurnState.tick
        }
        return [questions.readyAt, spinner, cards.typedNumber?.due(now: now)].compactMap { $0 }.min()
    }
    /// The turn, when it belongs to the conversation on screen.
    var visibleTurn: TurnState? { turn?.conversationID == conversation.id ? turn : nil }
    var composer = ComposerFeature.State()
    public var transcript = TranscriptState()
    var cards = CardsState()
    /// Approvals and connectors' questions waiting for the person, oldest first.
    var questions = QuestionQueue()
    /// The first waiting question, when it is on screen: a connector's form is drawn over
    /// everything; an approval card sits in its turn, hidden by a panel or another conversation.
    public var visibleQuestion: QuestionQueue.Question? {
        if isTooSmall { return nil }
        switch questions.first {
        case .elicitation(let form, let connector): return .elicitation(form, from: connector)
        case .approval(let card): return overlay == nil && visibleTurn != nil ? .approval(card) : nil
        case nil: return nil
        }
    }
    /// The layers over the transcript, bottom first: a key goes to the top one (a waiting question
    /// aside), and each is drawn over the ones below.
    var layers: [Overlay] = []
    /// The top layer. Setting it replaces the top (or opens one); nil closes the top, showing the one under it.
    var overlay: Overlay? {
        get { layers.last }
        set {
            if let newValue {
                if layers.isEmpty { layers = [newValue] } else { layers[layers.count - 1] = newValue }
            } else if !layers.isEmpty {
                layers.removeLast()
            }
        }
    }

    /// Opens a layer over the current one, which keeps its state (a selection, a scroll) for when it closes.
    mutating func push(_ layer: Overlay) { layers.append(layer) }
    public var themeName: String
    var themeNames: [String]
    public var flash: Flash?
    /// The last status messages, oldest first, so one cut on the status line can be read in full (`/status`).
    var statusLog: [Flash] = []
    public var isQuitting = false
    /// The last key was a Ctrl-C that stopped an answer or cleared the message: another one quits.
    var quitArmed = false
    /// Why this window saves nothing (another chattui writes the data folder); nil when it writes.
    public var readOnlyReason: String?

    public init(width: Int, height: Int, conversation: Conversation, themeName: String, themeNames: [String]) {
        self.width = width
        self.height = height
        self.conversation = conversation
        self.themeName = themeName
        self.themeNames = themeNames
        composer.field = TextField(conversation.draft)
    }

    /// The smallest terminal the layout works in.
    public static let minimumWidth = 40
    public static let minimumHeight = 10

    var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }
}

/// A one-line message in the status line until the next key.
public struct Flash: Equatable, Sendable {
    public var text: String
    var isError: Bool

    public init(text: String, isError: Bool) {
        self.text = text
        self.isError = isError
    }
}

/// A panel over the transcript; it gets keys before the composer.
public enum Overlay: Equatable, Sendable {
    case conversations(ConversationsPanel)
    case themes(ThemePicker)
    case help(HelpPanel)
    case rename(TextField, error: String?)
    case models(ModelPicker)
    case form(FormPanel)
    case connectors(ConnectorsFeature.State)
    case directory(DirectoryFeature.State)
    /// A yes/no question: `y` does it, any other key does not.
    case confirm(Confirmation)
    /// A short list to choose one from: a card's actions or links, the tool `/task` uses.
    case choose(ChoicePanel)
    case signIn(SignInFeature.State)
    case resources(ResourcePicker)
    /// `/find`: a bar on the status line; the transcript stays in view.
    case find(FindBar)
    /// Alt-C: a highlight over the transcript's messages, Enter copies one.
    case selectMessage(MessageSelection)
}

extension Overlay {
    /// The find bar sits on the status line: the transcript stays in view and the wheel scrolls it.
    var leavesTranscriptInView: Bool {
        switch self {
        case .find, .selectMessage: return true
        default: return false
        }
    }
}

/// The message highlighted for copying.
public struct MessageSelection: Equatable, Sendable {
    var id: MessageID
}

extension AppState {
    /// What a footer says for a command here, or nil when it does not apply: `t` trusts a connector
    /// not trusted yet, stops trusting a trusted one, and approves a folder's `.mcp.json`.
    func offered(_ command: KeyCommand, says hint: String) -> String? {
        guard offers(command) else { return nil }
        guard command == .trust, case .connectors(let panel)? = overlay, case .details(let name) = panel.mode,
              let info = connectors[name] else { return hint }
        if info.health == .notApproved { return "approve folder" }
        return info.isTrusted ? "stop trusting" : hint
    }

    /// Whether a key's command means anything on the screen shown, so its hint is worth showing:
    /// a local connector does not sign in, a built-in is trusted already, a starting view takes no keys.
    func offers(_ command: KeyCommand) -> Bool {
        // A card whose view is starting refuses what would be the view's keys.
        if keyTarget.isStartingLiveCard(in: self) {
            return AppReducer.keysWithoutTheView.contains(command) || CardsFeature.cardCommands.contains(command)
        }
        guard case .connectors(let panel)? = overlay, case .details(let name) = panel.mode else { return true }
        return ConnectorsFeature.offers(command, info: connectors[name])
    }
}
