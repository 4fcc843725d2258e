import Foundation
import MCP

/// Every configured connector, connected concurrently in the background.
/// Nothing here blocks a caller on a slow server: states change as servers
/// answer and are reported through `onChange`. A connection that drops after
/// it was ready, or a server that is briefly unavailable (HTTP 5xx, 429), is
/// retried with backoff, `Backoff.maximumAttempts` times at most; any other
/// failure to come up is `failed` until `reconnect` is asked for.
public actor ConnectorManager {
    public typealias ChangeHandler = @Sendable (_ connector: String, _ state: ConnectorState) -> Void

    private var configurations: [String: ServerConfiguration]
    private let logDirectory: URL
    private let onChange: ChangeHandler
    private var states: [String: ConnectorState] = [:]
    private var connections: [String: ServerConnection] = [:]
    private var attempts: [String: Task<Void, Never>] = [:]
    private var isShutDown = false
    /// Every ready connector's tools under their ids, rebuilt when a state changes.
    private var toolsByID: [String: ConnectorTool] = [:]
    private var assignedTools: [ConnectorTool] = []
    /// Who hears the progress of each call in flight, by progress token.
    private var progressListeners: [String: @Sendable (Double, Double?, String?) -> Void] = [:]
    private var progressTokens = 0

    /// Answers a connector's sampling requests; it is told which connector asks.
    public typealias SamplingHandler = @Sendable (_ connector: String, CreateSamplingMessage.Parameters) async throws -> CreateSamplingMessage.Result
    private let sampling: SamplingHandler?
    public typealias ElicitationHandler = @Sendable (_ connector: String, CreateElicitation.Parameters) async throws -> CreateElicitation.Result
    private let elicitation: ElicitationHandler?
    /// Who we are to every server, and what we declare we can do.
    private let client: ClientConfiguration

    public init(configurations: [ServerConfiguration], logDirectory: URL, client: ClientConfiguration = ClientConfiguration(),
                onChange: @escaping ChangeHandler = { _, _ in }, sampling: SamplingHandler? = nil, elicitation: ElicitationHandler? = nil) {
        self.client = client
        self.sampling = sampling
        self.elicitation = elicitation
        self.configurations = Dictionary(configurations.map { ($0.name, $0) }, uniquingKeysWith: { $1 })
        self.logDirectory = logDirectory
        self.onChange = onChange
    }

    public var names: [String] { configurations.keys.sorted() }

    public func state(of connector: String) -> ConnectorState? { states[connector] }

    public func logFile(of connector: String) -> URL {
        logDirectory.appendingPathComponent("\(ConnectorLog.fileName(for: connector)).log")
    }

    /// Starts connecting every connector at once; returns immediately.
    public func start() {
        start(names)
    }

    /// Starts connecting those of `wanted` that never started or were stopped (something is about to use them);
    /// one that started before is left as it is, whatever its state. Returns immediately.
    public func start(_ wanted: some Sequence<String>) {
        for name in wanted where configurations[name] != nil && isStopped(name) && attempts[name] == nil {
            connect(name, attempt: 0)
        }
    }

    /// Waits until no connector is still connecting (for the command line).
    public func settled() async -> [String: ConnectorState] {
        while true {
            let pending = names.filter { if case .connecting? = states[$0] { return true } else { return false } }.compactMap { attempts[$0] }
            if pending.isEmpty { return states }
            for attempt in pending { await attempt.value }
        }
    }

    /// Waits, at most `limit`, until none of `among` (nil: every connector) is still connecting
    /// (a turn starting just after launch should not miss a server that is a moment from ready;
    /// it never waits for a connector that is off in its conversation).
    public func settled(within limit: Duration, among wanted: Set<String>? = nil) async {
        let deadline = ContinuousClock.now + limit
        while !connecting(among: wanted).isEmpty, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(25))
            if Task.isCancelled { return }
        }
    }

    /// The connectors of `among` (nil: every connector) still connecting, by name.
    public func connecting(among wanted: Set<String>? = nil) -> [String] {
        names.filter { name in
            guard wanted?.contains(name) ?? true else { return false }
            if case .connecting? = states[name] { return true } else { return false }
        }
    }

    /// Adds a connector (installed while running) and starts connecting it, unless `connectNow`
    /// is false: then it starts when `start(_:)` names it.
    public func add(_ configuration: ServerConfiguration, connectNow: Bool = true) async {
        if connections[configuration.name] != nil { await disconnect(configuration.name) }
        configurations[configuration.name] = configuration
        if connectNow { connect(configuration.name, attempt: 0) }
    }

    /// Stops a connector (the person disconnected or removed it); it stays stopped until `start` or
    /// `reconnect` asks for it.
    public func disconnect(_ connector: String) async {
        attempts[connector]?.cancel()
        attempts[connector] = nil
        if let connection = connections.removeValue(forKey: connector) { await connection.close() }
        update(connector, .stopped)
    }

    /// Never started, or stopped since: `start` starts it.
    private func isStopped(_ connector: String) -> Bool {
        guard let state = states[connector] else { return true }
        if case .stopped = state { return true } else { return false }
    }

    /// Drops any connection and connects again now.
    public func reconnect(_ connector: String) async {
        attempts[connector]?.cancel()
        if let connection = connections.removeValue(forKey: connector) { await connection.close() }
        connect(connector, attempt: 0)
    }

    private func connect(_ name: String, attempt: Int, after delay: Duration? = nil, reason: String? = nil) {
        guard let configuration = configurations[name], !isShutDown else { return }
        if let delay, let reason { update(name, .reconnecting(attempt: attempt, delay: delay, reason: reason)) } else { update(name, .connecting) }
        attempts[name] = Task {
            if let delay { try? await Task.sleep(for: delay) }
            guard !Task.isCancelled else { return }
            let sampling = self.sampling.map { handler in { @Sendable parameters in try await handler(name, parameters) } }
            let elicitation = self.elicitation.map { handler in { @Sendable parameters in try await handler(name, parameters) } }
            let connection = ServerConnection(configuration: configuration, logDirectory: logDirectory, client: client, events: { [weak self] event in
                Task { await self?.handle(event, from: name) }
            }, sampling: sampling, elicitation: elicitation)
            do {
                let snapshot = try await connection.open()
                await self.connected(name, connection: connection, snapshot: snapshot)
            } catch {
                await connection.close()
                failedToConnect(name, error: error, attempt: attempt)
            }
        }
    }

    private func connected(_ name: String, connection: ServerConnection, snapshot: ServerSnapshot) async {
        guard !isShutDown else { await connection.close(); return }
        connections[name] = connection
        update(name, .ready(ConnectorOffer(snapshot: snapshot)))
    }

    private func failedToConnect(_ name: String, error: any Error, attempt: Int) {
        if case .needsSignIn(let challenge)? = error as? HTTPTransportError {
            tokens.recordStepUp(name, challenge: challenge)
            update(name, .needsSignIn)
            return
        }
        let reason = Self.oneLine(error)
        if (attempt > 0 || Self.isTransient(error)) && attempt < Backoff.maximumAttempts {
            connect(name, attempt: attempt + 1, after: Backoff.delay(attempt: attempt), reason: reason)
        } else {
            let tries = attempt > 0 ? " (gave up after \(attempt + 1) attempts)" : ""
            update(name, .failed(reason: reason + tries, logFile: logFile(of: name).path))
        }
    }

    /// A failure that waiting may cure: the server is overloaded, restarting or rate-limiting.
    /// 4xx answers (a wrong address, a refused request) stay failed; 401 and 403 mean sign-in.
    static func isTransient(_ error: any Error) -> Bool {
        guard case .status(let code, _)? = error as? HTTPTransportError else { return false }
        return code == 408 || code == 429 || (500...599).contains(code)
    }

    private func handle(_ event: ConnectionEvent, from name: String) {
        guard case .ready(var offer) = states[name] else {
            return
        }
        switch event {
        case .toolsChanged(let tools): offer.snapshot.tools = tools
        case .resourcesChanged(let resources): offer.snapshot.resources = resources
        case .promptsChanged(let prompts): offer.snapshot.prompts = prompts
        case .progress(let token, let done, let total, let message):
            progressListeners[token]?(done, total, message)
            return
        case .closed(let reason):
            connections[name] = nil
            guard !isShutDown else { return }
            connect(name, attempt: 1, after: Backoff.delay(attempt: 0), reason: reason)
            return
        }
        update(name, .ready(offer))
    }

    private func update(_ name: String, _ state: ConnectorState) {
        states[name] = state
        assignTools()
        onChange(name, state)
    }

    private func assignTools() {
        assignedTools = ToolNamespace.assign(names.flatMap { name -> [(connector: String, tool: Tool)] in
            guard case .ready(let offer)? = states[name] else { return [] }
            return offer.tools.map { (name, $0) }
        }).map { tool in
            var tool = tool
            tool.isConnectorTrusted = configurations[tool.connector]?.isTrusted ?? false
            return tool
        }
        toolsByID = Dictionary(uniqueKeysWithValues: assignedTools.map { ($0.id, $0) })
    }

    /// The person trusts (or no longer trusts) a connector's word about its tools; no reconnect needed.
    public func setTrusted(_ connector: String, _ trusted: Bool) {
        configurations[connector]?.isTrusted = trusted
        assignTools()
    }

    /// Every tool of every ready connector, under its namespaced id.
    public func tools() -> [ConnectorTool] { assignedTools }

    public func getPrompt(connector: String, name: String, arguments: [String: String]) async throws -> (description: String?, messages: [Prompt.Message]) {
        try await readyConnection(connector).getPrompt(name, arguments: arguments)
    }

    public func readResource(connector: String, uri: String) async throws -> [Resource.Content] {
        try await readyConnection(connector).readResource(uri)
    }

    private func readyConnection(_ connector: String) throws -> ServerConnection {
        guard let connection = connections[connector] else {
            throw CallError.notReady(connector: connector, state: states[connector]?.description ?? "not configured")
        }
        return connection
    }

    public enum CallError: Error, CustomStringConvertible {
        case unknownTool(String)
        case notReady(connector: String, state: String)
        public var description: String {
            switch self {
            case .unknownTool(let id): return "no tool \(id)"
            case .notReady(let connector, let state): return "\(connector) is \(state)"
            }
        }
    }

    /// Calls a tool by its namespaced id. A server that answers "sign in" (a 401, or a 403 asking for
    /// more scope) puts its connector at "needs sign-in", remembering the scope it wants.
    public func callTool(id: String, arguments: [String: Value]?, progressToken: String? = nil) async throws -> CallTool.Result {
        guard let tool = toolsByID[id] else { throw CallError.unknownTool(id) }
        do {
            return try await readyConnection(tool.connector).callTool(tool.tool.name, arguments: arguments, progressToken: progressToken)
        } catch let error as HTTPTransportError {
            if case .needsSignIn(let challenge) = error {
                tokens.recordStepUp(tool.connector, challenge: challenge)
                update(tool.connector, .needsSignIn)
                if let connection = connections.removeValue(forKey: tool.connector) { await connection.close() }
            }
            throw error
        }
    }

    /// Where sign-in tokens are kept: beside the logs' folder.
    private var tokens: TokenStore { TokenStore(directory: logDirectory.deletingLastPathComponent().appendingPathComponent("auth")) }

    /// Calls a tool by its namespaced id, reporting its progress notifications to `onProgress`.
    public func callTool(id: String, arguments: [String: Value]?,
                         onProgress: @escaping @Sendable (Double, Double?, String?) -> Void) async throws -> CallTool.Result {
        progressTokens += 1
        let token = "chattui-\(progressTokens)"
        progressListeners[token] = onProgress
        defer { progressListeners[token] = nil }
        return try await callTool(id: id, arguments: arguments, progressToken: token)
    }

    /// The live connection of a ready connector (for `mcp inspect`).
    public func connection(_ name: String) -> ServerConnection? { connections[name] }

    /// Stops every server, whatever its state (ready, or still starting or stuck in
    /// `initialize`): stdin closed, terminated if need be, reaped, before this returns.
    public func shutdown() async {
        isShutDown = true
        let starting = Array(attempts.values)
        starting.forEach { $0.cancel() }
        await withTaskGroup(of: Void.self) { group in
            for connection in connections.values { group.addTask { await connection.close() } }
            // A cancelled attempt closes the connection it was opening.
            for attempt in starting { group.addTask { await attempt.value } }
        }
        connections = [:]
    }

    static func oneLine(_ error: any Error) -> String {
        let text = "\(error)".split(whereSeparator: \.isNewline).first.map(String.init) ?? "\(error)"
        return text.count > 200 ? String(text.prefix(199)) + "…" : text
    }
}
