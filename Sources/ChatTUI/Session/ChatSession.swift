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
    /// Which model answers: the one resolver every entry point asks.
    let models: ModelResolver
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

    let policy: ConnectorPolicy
    /// Connectors the policy forbids, with why; they are never started.
    let blocked: [String: String]

    /// Every configured connector, including ones installed while running.
    let configurations: ConnectorRegistry
    let files: ConnectorConfigurationFiles
    let logDirectory: URL
    /// Where the connectors directory comes from: the `directory` setting, else the shipped catalogue.
    let directorySource: String?

    init(store: ConversationStore, setup: ModelSetup, connectors: [ServerConfiguration], files: ConnectorConfigurationFiles,
         logDirectory: URL, post: @escaping @Sendable (Action) -> Void) {
        let policy = ConnectorPolicy.load()
        self.policy = policy
        // Only a policy that forbids custom connectors needs the catalogue to tell which are custom.
        let known = policy.allowCustomConnectors ? [] : Self.catalogueAddresses()
        var allowed: [ServerConfiguration] = []
        var blocked: [String: String] = [:]
        for configuration in connectors {
            if let reason = policy.blockReason(configuration, isCustom: !policy.allowCustomConnectors && Self.isCustom(configuration, known: known)) {
                blocked[configuration.name] = reason
            } else {
                allowed.append(configuration)
            }
        }
        self.blocked = blocked
        let connectors = allowed
        let configurations = ConnectorRegistry(connectors)
        self.configurations = configurations
        self.files = files
        self.logDirectory = logDirectory
        directorySource = setup.directory
        self.store = store
        self.setup = setup
        let models = ModelResolver(setup: setup)
        self.models = models
        self.post = post
        approvals = InteractiveApprovals(post: post)
        let sampling = SamplingDesk(store: store, models: models, approvals: approvals)
        self.sampling = sampling
        let elicitations = ElicitationDesk(post: post)
        self.elicitations = elicitations
        manager = ConnectorManager(configurations: connectors, logDirectory: logDirectory,
                                   onChange: { name, state in
                                       if let configuration = configurations[name] {
                                           let log = logDirectory.appendingPathComponent("\(ConnectorLog.fileName(for: name)).log")
                                           post(.connectorChanged(ConnectorInfoBuilder.info(configuration, state: state, logFile: log)))
                                       }
                                   },
                                   sampling: { connector, parameters in try await sampling.answer(connector: connector, parameters) },
                                   elicitation: { connector, parameters in await elicitations.ask(connector: connector, parameters) })
    }

    /// Connects every connector in the background and finds the default model.
    func start() {
        let manager = self.manager
        let models = self.models
        let post = self.post
        Task { await manager.start() }
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
    func shutdown() async {
        let turn = running.withLock { $0 }
        turn?.cancel()
        await turn?.value
        await manager.shutdown()
    }

    /// Each configured connector's state in a conversation: what was chosen there, else the
    /// person's default set, else on.
    func connectorUses(in conversation: ConversationID) -> [String: ConnectorUse] {
        let chosen = (try? store.connectorUses(in: conversation)) ?? [:]
        let defaults = defaultUses()
        var uses = Dictionary(uniqueKeysWithValues: configuredNames.map { ($0, chosen[$0] ?? defaults[$0] ?? .on) })
        for name in blocked.keys { uses[name] = .off }
        return uses
    }

    private static let defaultUsesKey = "defaultConnectorUses"

    func defaultUses() -> [String: ConnectorUse] {
        guard let text = try? store.setting(Self.defaultUsesKey), let data = text.data(using: .utf8) else { return [:] }
        return (try? JSONDecoder().decode([String: ConnectorUse].self, from: data)) ?? [:]
    }

    func saveDefaultUses(_ uses: [String: ConnectorUse]) throws(StoreError) {
        let data = (try? JSONEncoder().encode(uses)) ?? Data("{}".utf8)
        try store.setSetting(Self.defaultUsesKey, to: String(decoding: data, as: UTF8.self))
    }

    /// Every configured connector, starting.
    func initialConnectors() -> [String: ConnectorInfo] {
        var infos = configurations.all.mapValues(ConnectorInfoBuilder.starting)
        for (name, reason) in blocked {
            infos[name] = ConnectorInfo(name: name, transport: "", address: "", health: .blocked, reason: reason)
        }
        return infos
    }

    /// URLs and names of the shipped catalogue's connectors: what is not among them is custom.
    static func catalogueAddresses() -> Set<String> {
        guard let data = FileManager.default.contents(atPath: shippedCatalogue.path),
              let directory = try? ConnectorDirectory.parse(data) else { return [] }
        return Set(directory.entries.compactMap(\.url))
    }

    /// Added by the person rather than from the directory or chattui's built-ins.
    static func isCustom(_ configuration: ServerConfiguration, known: Set<String>) -> Bool {
        switch configuration.transport {
        case .http(let url, _), .sse(let url, _): return !known.contains(url.absoluteString)
        case .stdio(let command, let arguments, _, _):
            let ours = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
            return !(command == ours && arguments.first == "serve")
        }
    }

    func reconnect(_ name: String) {
        let manager = self.manager
        Task { await manager.reconnect(name) }
    }

    /// Takes a connector out of the person's configuration and stops it.
    func remove(_ name: String) {
        let manager = self.manager
        let post = self.post
        tokenStore.delete(name)
        do {
            guard try files.remove(name: name) else {
                post(.failed("\(name) is not in \(files.userFile.path); a project's .mcp.json may define it."))
                return
            }
        } catch {
            post(.failed("Could not remove \(name): \(error)"))
            return
        }
        configurations[name] = nil
        Task {
            await manager.disconnect(name)
            post(.connectorRemoved(name))
        }
    }

    var configuredNames: [String] { configurations.names }

    func startTurn(in conversationID: ConversationID) {
        let post = self.post
        guard let conversation = try? store.conversation(conversationID) else {
            post(.turnEnded(.failed("The conversation could not be read from the store.")))
            return
        }
        let uses = connectorUses(in: conversationID)
        let (store, setup, models, sampling, approvals) = (self.store, self.setup, self.models, self.sampling, self.approvals)
        let tools = ConnectorToolHost(manager: manager, views: views)
        sampling.turnStarted(in: conversationID)
        let task = Task {
            let outcome: TurnOutcome
            switch await models.resolve(conversation.model) {
            case .success(let model):
                let engine = TurnEngine(store: store, provider: model.provider.makeProvider(), tools: tools, approvals: approvals)
                let settings = setup.settings(for: model, conversation: conversation, uses: uses)
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

    func cancelTurn() {
        running.withLock { $0?.cancel() }
        approvals.denyAll()
    }

    func decide(callID: String, _ decision: ApprovalDecision) {
        approvals.resolve(callID: callID, decision)
    }

    func listModels() {
        let models = self.models
        let post = self.post
        Task { post(.modelsListed(await models.availableModels())) }
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
        }
    }
}

/// The configured connectors by name, shared between the run loop and connector callbacks.
final class ConnectorRegistry: Sendable {
    private let byName: Mutex<[String: ServerConfiguration]>

    init(_ connectors: [ServerConfiguration]) {
        byName = Mutex(Dictionary(connectors.map { ($0.name, $0) }, uniquingKeysWith: { $1 }))
    }

    subscript(name: String) -> ServerConfiguration? {
        get { byName.withLock { $0[name] } }
        set { byName.withLock { $0[name] = newValue } }
    }

    var names: [String] { byName.withLock { $0.keys.sorted() } }
    var all: [String: ServerConfiguration] { byName.withLock { $0 } }
}
