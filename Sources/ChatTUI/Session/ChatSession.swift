import ConnectorMenu
import ConversationModel
import Foundation
import MCPClient
import ModelProviders
import Synchronization

/// The live side of the app: the connectors, the models, and the turn being
/// answered. Work runs on the cooperative pool; results reach the run loop as
/// actions through `post`.
final class ChatSession: Sendable {
    let store: ConversationStore
    let setup: ModelSetup
    let manager: ConnectorManager
    let post: @Sendable (Action) -> Void
    private let approvals: InteractiveApprovals
    private let sampling: SamplingDesk
    let elicitations: ElicitationDesk
    let signIns = SignInDesk()
    private let running = Mutex<Task<Void, Never>?>(nil)
    /// A call the person made from a card or `/task`.
    let personCall = Mutex<Task<Void, Never>?>(nil)
    /// MCP Apps views, read once per connector and address, for turns and the person's calls alike.
    let views = ViewCache()

    /// What every entry point shares: paths, the configuration files, the policy.
    let composition: Composition
    /// Which connectors exist and which may run, rebuilt from the files whenever the person changes them.
    let roster: ConnectorRoster
    let logDirectory: URL
    /// Where the connectors directory comes from: the `directory` setting, else the shipped catalogue.
    let directorySource: String?

    var files: ConnectorConfigurationFiles { composition.files }
    var policy: ConnectorPolicy { composition.policy }

    init(store: ConversationStore, setup: ModelSetup, composition: Composition, connectors: ConnectorSet,
         post: @escaping @Sendable (Action) -> Void) {
        self.composition = composition
        let roster = ConnectorRoster(connectors)
        self.roster = roster
        let logDirectory = composition.logDirectory
        self.logDirectory = logDirectory
        directorySource = setup.directory
        self.store = store
        self.setup = setup
        self.post = post
        approvals = InteractiveApprovals(post: post)
        let sampling = SamplingDesk(store: store, setup: setup, approvals: approvals)
        self.sampling = sampling
        let elicitations = ElicitationDesk(post: post)
        self.elicitations = elicitations
        let tokens = TokenStore(directory: logDirectory.deletingLastPathComponent().appendingPathComponent("auth"))
        manager = ConnectorManager(configurations: connectors.runnable, logDirectory: logDirectory,
                                   onChange: { name, state in
                                       guard let member = roster.current[name] else { return }
                                       let log = logDirectory.appendingPathComponent("\(ConnectorLog.fileName(for: name)).log")
                                       post(.connectorChanged(ConnectorInfoBuilder.info(member, state: state, logFile: log, isSignedIn: tokens.load(name) != nil)))
                                   },
                                   sampling: { connector, parameters in try await sampling.answer(connector: connector, parameters) },
                                   elicitation: { connector, parameters in await elicitations.ask(connector: connector, parameters) })
    }

    /// Connects every connector in the background and finds the default model.
    func start() {
        let manager = self.manager
        let setup = self.setup
        let post = self.post
        Task { await manager.start() }
        Task { post(.defaultModelResolved(await setup.resolvedDefault()?.description)) }
    }

    /// Cancels the turn and waits for it to store what arrived, then stops every server.
    func shutdown() async {
        let turn = running.withLock { $0 }
        turn?.cancel()
        await turn?.value
        await manager.shutdown()
    }

    func startTurn(in conversationID: ConversationID) {
        let post = self.post
        guard let conversation = try? store.conversation(conversationID), let choice = setup.choice(for: conversation.model) ?? defaultChoice,
              let provider = setup.provider(named: choice.provider) else {
            post(.turnEnded(.failed("No model is configured. Set ANTHROPIC_API_KEY, or OPENAI_BASE_URL for a local server.")))
            return
        }
        let uses: [String: ConnectorUse]
        do { uses = try connectorUses(in: conversationID) } catch {
            post(.turnEnded(.failed("Not sent: which connectors are on here could not be read (\(error)).")))
            return
        }
        let settings = setup.settings(for: choice, conversation: conversation, uses: uses)
        let engine = TurnEngine(store: store, provider: provider.makeProvider(), tools: ConnectorToolHost(manager: manager, views: views), approvals: approvals)
        let sampling = self.sampling
        let approvals = self.approvals
        sampling.turnStarted(in: conversationID)
        let task = Task {
            let outcome = await engine.run(in: conversationID, settings: settings) { post(.turn($0)) }
            sampling.turnEnded()
            approvals.denyAll()
            post(.turnEnded(outcome))
        }
        running.withLock { $0 = task }
    }

    /// The default once resolved from a provider's own list (set by `defaultModelResolved`).
    private var defaultChoice: ModelChoice? { resolvedDefault.withLock { $0 } }
    private let resolvedDefault = Mutex<ModelChoice?>(nil)

    func rememberDefault(_ name: String?) {
        resolvedDefault.withLock { $0 = name.flatMap(ModelChoice.init) }
    }

    func cancelTurn() {
        running.withLock { $0?.cancel() }
        approvals.denyAll()
    }

    func decide(callID: String, _ decision: ApprovalDecision) {
        approvals.resolve(callID: callID, decision)
    }

    func listModels() {
        let setup = self.setup
        let post = self.post
        Task { post(.modelsListed(await setup.availableModels())) }
    }
}

extension ConnectorHealth {
    init(_ state: ConnectorState) {
        switch state {
        case .connecting, .reconnecting: self = .starting
        case .ready: self = .ready
        case .needsSignIn: self = .needsSignIn
        case .failed: self = .failed
        }
    }
}
