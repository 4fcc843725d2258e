import ChatFeatures
import ConnectorMenu
import ConnectorRegistry
import ChatStore
import ConversationModel
import Foundation
import MCPClient
import ModelProviders
import Synchronization
import ViewEngine

/// The live side of the app: the connectors, the models, and the turn being
/// answered. Work runs on the cooperative pool; results reach the run loop as
/// actions through `post`.
public final class ChatSession: Sendable {
    let store: ConversationStore
    let setup: ModelSetup
    /// Which model answers: the one resolver every entry point asks.
    public let models: ModelResolver
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
    let views: ViewCache
    /// Cards whose MCP Apps view runs live, in the one view engine of this chattui.
    let liveCards: LiveCards

    /// What every entry point shares: paths, the configuration files, the policy.
    let composition: Composition
    /// Which connectors exist and which may run, rebuilt from the files whenever the person changes them.
    let roster: ConnectorRoster
    let logDirectory: URL
    /// Where the connectors directory comes from: the `directory` setting, else the shipped catalogue.
    let directorySource: String?
    /// The MCP registry the directory's Registry tab browses, or why there is none.
    let registry: Result<RegistryBrowser, RegistryError>

    var files: ConnectorConfigurationFiles { composition.files }
    var policy: ConnectorPolicy { composition.policy }

    public init(store: ConversationStore, setup: ModelSetup, composition: Composition, connectors: ConnectorSet,
         post: @escaping @Sendable (Action) -> Void) {
        self.composition = composition
        let roster = ConnectorRoster(connectors)
        self.roster = roster
        let logDirectory = composition.logDirectory
        self.logDirectory = logDirectory
        directorySource = setup.directory
        registry = composition.registryBrowser(setup)
        self.store = store
        self.setup = setup
        let models = ModelResolver(setup: setup)
        self.models = models
        self.post = post
        let approvals = InteractiveApprovals(post: post)
        self.approvals = approvals
        let views = ViewCache()
        self.views = views
        let sampling = SamplingDesk(store: store, models: models, approvals: approvals)
        self.sampling = sampling
        let elicitations = ElicitationDesk(post: post)
        self.elicitations = elicitations
        let engine = ViewEngine(configuredBrowser: setup.browser, drawTimeout: .seconds(setup.viewDeadline))
        let tokens = TokenStore(directory: logDirectory.deletingLastPathComponent().appendingPathComponent("auth"))
        // Servers are told chattui runs MCP Apps views only when a browser is there to run them.
        let manager = ConnectorManager(configurations: connectors.runnable, logDirectory: logDirectory,
                                   client: composition.client(connectors, viewEngine: engine.isAvailable),
                                   onChange: { name, state in
                                       guard let member = roster.current[name] else { return }
                                       let log = logDirectory.appendingPathComponent("\(ConnectorLog.fileName(for: name)).log")
                                       post(.connectorChanged(ConnectorInfoBuilder.info(member, state: state, logFile: log, isSignedIn: tokens.load(name) != nil)))
                                   },
                                   sampling: { connector, parameters in try await sampling.answer(connector: connector, parameters) },
                                   elicitation: { connector, parameters in await elicitations.ask(connector: connector, parameters) })
        self.manager = manager
        liveCards = LiveCards(engine: engine, connectors: .init(manager: manager, views: views, approvals: approvals,
                                                               askEveryCall: setup.askEveryCall, logDirectory: logDirectory), post: post)
    }

    /// Finds the default model. Connectors start when something may use them (`startConnectors`).
    public func start() {
        let models = self.models
        let post = self.post
        Task {
            switch await models.resolve(nil) {
            case .success(let model): post(.defaultModelResolved(model.choice.description))
            case .failure(let problem):
                post(.defaultModelResolved(nil))
                // With no provider at all the transcript already says how to configure one.
                if !models.setup.providers.isEmpty { post(.failed(problem.description)) }
            }
        }
    }

    /// Cancels the turn and waits for it to store what arrived, then stops every server.
    public func shutdown() async {
        let turn = running.withLock { $0 }
        turn?.cancel()
        await turn?.value
        await liveCards.shutdown()
        await manager.shutdown()
    }

    func startTurn(in conversationID: ConversationID) {
        let post = self.post
        guard let conversation = try? store.conversation(conversationID) else {
            post(.turnEnded(.failed("The conversation could not be read from the store.")))
            return
        }
        let uses: [String: ConnectorUse]
        do { uses = try connectorUses(in: conversationID) } catch {
            post(.turnEnded(.failed("Not sent: which connectors are on here could not be read (\(error)).")))
            return
        }
        let (store, setup, models, sampling, approvals) = (self.store, self.setup, self.models, self.sampling, self.approvals)
        let viewContexts = liveCards.modelContexts
        // Only connectors in use here are waited for; the person sees which.
        let inUse = Set(uses.filter { $0.value != .off }.keys)
        let tools = ConnectorToolHost(manager: manager, views: views, waitsFor: inUse) { post(.turn(.waitingForConnectors($0))) }
        sampling.turnStarted(in: conversationID)
        let manager = self.manager
        let task = Task {
            // Started before the tools are listed, so a connector on here is waited for, never missed.
            await manager.start(inUse)
            let outcome: TurnOutcome
            switch await models.resolve(conversation.model) {
            case .success(let model):
                let engine = TurnEngine(store: store, provider: model.provider.makeProvider(), tools: tools, approvals: approvals)
                var settings = setup.settings(for: model, conversation: conversation, uses: uses)
                settings.system = viewContexts.system(settings.system, in: conversationID)
                outcome = await engine.run(in: conversationID, settings: settings) { post(.turn($0)) }
            case .failure(let problem):
                outcome = .failed(problem.description)
            }
            sampling.turnEnded()
            approvals.denyAll()
            post(.turnEnded(outcome))
        }
        running.withLock { $0 = task }
    }

    /// Starts those of `names` that never started, in the background: something may use them now
    /// (they are on or on demand in the conversation shown, or the person opened one's details).
    func startConnectors(_ names: some Collection<String> & Sendable) {
        guard !names.isEmpty else { return }
        let manager = self.manager
        Task { await manager.start(names) }
    }

    func cancelTurn() {
        running.withLock { $0?.cancel() }
        approvals.denyAll()
    }

    func decide(callID: String, _ decision: ApprovalDecision) {
        approvals.resolve(callID: callID, decision)
    }

    func answerViewRequest(_ request: String, accepted: Bool) {
        approvals.answerView(request, accepted: accepted)
    }

    func listModels() {
        let models = self.models
        let post = self.post
        Task {
            let offered = await models.availableModels()
            post(.modelsListed(offered.names, whyNone: offered.whyNone))
        }
    }

    /// `/model NAME`: kept for the conversation once the resolver knows it, else said why not.
    func chooseModel(_ name: String, in conversation: ConversationID) {
        let (models, store, post) = (self.models, self.store, self.post)
        Task {
            switch await models.resolve(name) {
            case .success(let model):
                do {
                    try store.setModel(model.choice.description, in: conversation)
                    post(.modelChosen(conversation, model.choice.description))
                } catch {
                    post(.failed("Could not keep the model: \(error)"))
                }
            case .failure(let problem): post(.failed(problem.description))
            }
        }
    }
}

extension ConnectorHealth {
    init(_ state: ConnectorState) {
        switch state {
        case .connecting, .reconnecting: self = .starting
        case .ready: self = .ready
        case .needsSignIn: self = .needsSignIn
        case .failed: self = .failed
        case .stopped: self = .notStarted
        }
    }
}
