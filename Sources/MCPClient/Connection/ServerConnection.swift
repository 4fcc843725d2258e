import Foundation
import Logging
import MCP
import TerminalText

/// What a server offers once connected.
public struct ServerSnapshot: Sendable {
    /// The revision this connection speaks, settled by `server/discover` or `initialize`.
    public var protocolVersion: String { era.revision }
    public var era: ProtocolEra
    public var serverName: String
    public var serverVersion: String
    public var instructions: String?
    public var capabilities: Server.Capabilities
    public var tools: [Tool]
    public var resources: [Resource]
    public var resourceTemplates: [Resource.Template]
    public var prompts: [Prompt]
}

/// Something a connected server told us between requests.
public enum ConnectionEvent: Sendable {
    case toolsChanged([Tool])
    case resourcesChanged([Resource])
    case promptsChanged([Prompt])
    case progress(token: String, progress: Double, total: Double?, message: String?)
    case closed(reason: String)
}

public enum ConnectionError: Error, Equatable, CustomStringConvertible {
    case timedOut(method: String, after: Duration)
    case closed(reason: String)
    case notConnected
    case unsupported(String)
    /// The server's answer could not be read; `reason` says where and what, in plain words.
    case malformed(method: String, reason: String)

    public var description: String {
        switch self {
        case .timedOut(let method, let after): return "\(method) got no answer within \(after.formatted())"
        case .closed(let reason): return "the server \(reason)"
        case .notConnected: return "not connected"
        case .unsupported(let what): return what
        case .malformed(let method, let reason): return "the server's answer to \(method) was malformed: \(reason)"
        }
    }
}

/// One live MCP session on top of the SDK's `Client`: the lifecycle,
/// paginated listing, re-listing on `list_changed`, progress, server logs to
/// the connector's log file, and a timeout and cancellation on every request.
public actor ServerConnection {
    public nonisolated let configuration: ServerConfiguration
    public nonisolated let logFile: URL
    private(set) var sdkClient: Client
    private let events: @Sendable (ConnectionEvent) -> Void
    private var closedReason: String?
    private let deadlines = Deadlines()
    private var transport: ClientTransport?
    /// Which transport attempt is current; a late close from an abandoned one is ignored.
    private var attempt = 0
    nonisolated let client: ClientConfiguration
    /// Settled when the connection opens; nil until then.
    private(set) var era: ProtocolEra?
    /// Per tool, the arguments a stateless call copies into `Mcp-Param-*` headers.
    private var toolHeaders: [String: ToolHeaders] = [:]

    /// Answers `sampling/createMessage` from the server; without one the server is told the method is not available.
    public typealias SamplingHandler = @Sendable (CreateSamplingMessage.Parameters) async throws -> CreateSamplingMessage.Result
    let sampling: SamplingHandler?
    /// Answers `elicitation/create`: the server asks the person for input.
    public typealias ElicitationHandler = @Sendable (CreateElicitation.Parameters) async throws -> CreateElicitation.Result
    let elicitation: ElicitationHandler?

    public init(configuration: ServerConfiguration, logDirectory: URL, client: ClientConfiguration = ClientConfiguration(),
                events: @escaping @Sendable (ConnectionEvent) -> Void = { _ in }, sampling: SamplingHandler? = nil,
                elicitation: ElicitationHandler? = nil) {
        let logFile = logDirectory.appendingPathComponent("\(ConnectorLog.fileName(for: configuration.name)).log")
        // Sampling is logged the same way whichever era asked for it.
        self.sampling = sampling.map { Self.logging($0, to: logFile) }
        self.elicitation = elicitation
        var declared = client
        declared.declaresSampling = sampling != nil
        declared.declaresElicitation = elicitation != nil
        self.client = declared
        self.configuration = configuration
        self.logFile = logFile
        self.events = events
        sdkClient = Client(name: client.name, version: client.version, title: client.title)
    }

    private static func logging(_ sampling: @escaping SamplingHandler, to logFile: URL) -> SamplingHandler {
        { parameters in
            ConnectorLog.append("sampling requested (\(counted(parameters.messages.count, "message")), max \(counted(parameters.maxTokens, "token")))", to: logFile)
            return try await sampling(parameters)
        }
    }

    /// Starts the server (or reaches it), initializes, and lists everything it offers.
    /// A remote server that refuses a Streamable HTTP `initialize` with 400, 404
    /// or 405 is tried again with the older HTTP+SSE transport.
    public func open() async throws -> ServerSnapshot {
        switch configuration.transport {
        case .stdio(let command, let arguments, _, let workingDirectory):
            let environment = configuration.childEnvironment(from: ProcessInfo.processInfo.environment)
            return try await open(over: StdioProcessTransport(command: command, arguments: arguments, environment: environment,
                                                              workingDirectory: workingDirectory, logFile: logFile), probing: true)
        case .http(let url, let headers):
            let headers = await signedIn(headers, to: url)
            do {
                return try await open(over: StreamableHTTPTransport(url: url, headers: headers), probing: true)
            } catch HTTPTransportError.initializeRejected(let status) {
                ConnectorLog.append("Streamable HTTP refused (HTTP \(status)); trying the HTTP+SSE transport", to: logFile)
                attempt += 1  // from here on, the abandoned transport's close is stale
                closedReason = nil
                await transport?.disconnect()
                sdkClient = Client(name: client.name, version: client.version, title: client.title)
                return try await open(over: LegacySSETransport(url: url, headers: headers), probing: false)
            }
        case .sse(let url, let headers):
            // HTTP+SSE belongs to the handshake era: no probe.
            return try await open(over: LegacySSETransport(url: url, headers: await signedIn(headers, to: url)), probing: false)
        }
    }

    /// `probing`: try 2026-07-28 (`server/discover`) before the `initialize` handshake.
    private func open(over base: any ClosingTransport, probing: Bool) async throws -> ServerSnapshot {
        attempt += 1
        let current = attempt
        let transport = ClientTransport(base: base, client: client, logger: ConnectorLog.logger(writingTo: logFile)) { [weak self] reason in
            Task { await self?.markClosed(reason, attempt: current) }
        }
        self.transport = transport
        let sdkClient = self.sdkClient
        base.answers.route { sdkClient.deliverAnswer($0) }
        await registerHandlers()
        try await sdkClient.attach(transport: transport)
        // A server that never answers is let go whole.
        let server = try await answer("connect", timeout: max(configuration.requestTimeout, Self.startupTimeout),
                                      abandon: { _ in await sdkClient.disconnect() }) {
            try await Negotiation(client: sdkClient, transport: transport, logFile: logFile).run(probing: probing && client.probesStateless)
        }
        era = server.era
        ConnectorLog.append("connected: \(server.name) \(server.version), protocol \(server.era.revision)", to: logFile)
        let capabilities = server.capabilities
        if server.era.isStateless { listen(for: capabilities) }  // before listing: a change meanwhile is announced
        return ServerSnapshot(
            era: server.era, serverName: server.name,
            serverVersion: server.version, instructions: server.instructions, capabilities: capabilities,
            tools: capabilities.tools == nil ? [] : try await listTools(),
            resources: capabilities.resources == nil ? [] : await optional("resources/list") { try await listResources() },
            resourceTemplates: capabilities.resources == nil ? [] : await optional("resources/templates/list") { try await listResourceTemplates() },
            prompts: capabilities.prompts == nil ? [] : await optional("prompts/list") { try await listPrompts() })
    }

    /// The headers with the connector's bearer token, renewed first when it has expired.
    /// Without stored credentials (or when renewal fails) they go as configured; the server's 401 then says "needs sign-in".
    /// A token goes only to the resource it was issued for: a connector whose address changed signs in again.
    private func signedIn(_ headers: [String: String], to url: URL) async -> [String: String] {
        let store = TokenStore(directory: logFile.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("auth"))
        guard var credentials = store.load(configuration.name) else { return headers }
        guard OAuthFlow.sameResource(credentials.resource, url) else {
            ConnectorLog.append("the stored sign-in is for \(credentials.resource), not this address; it is not sent", to: logFile)
            return headers
        }
        if credentials.isExpired {
            do {
                credentials = try await OAuthFlow.refresh(credentials)
                try? store.save(credentials, for: configuration.name)
                ConnectorLog.append("sign-in renewed", to: logFile)
            } catch {
                ConnectorLog.append("sign-in could not be renewed: \(error)", to: logFile)
                return headers
            }
        }
        var headers = headers
        headers["Authorization"] = "Bearer \(credentials.accessToken)"
        return headers
    }

    /// A list a server offers besides its tools: one it fails to give is logged and
    /// left empty rather than failing the whole connection (servers often skip templates).
    private func optional<T>(_ method: String, _ list: () async throws -> [T]) async -> [T] {
        do {
            return try await list()
        } catch {
            ConnectorLog.append("\(method) failed, continuing without: \(error)", to: logFile)
            return []
        }
    }

    private func registerHandlers() async {
        let logFile = self.logFile
        let events = self.events
        let client = sdkClient
        if let elicitation {
            await client.withElicitationHandler { parameters in try await elicitation(parameters) }
        }
        if let sampling {
            await client.withSamplingHandler { parameters in try await sampling(parameters) }
        }
        await client.onNotification(LogMessageNotification.self) { message in
            ConnectorLog.append("server \(message.params.level.rawValue): \(message.params.data)", to: logFile)
        }
        await client.onNotification(ProgressNotification.self) { message in
            let token: String
            switch message.params.progressToken {
            case .string(let text): token = text
            case .integer(let number): token = String(number)
            }
            events(.progress(token: token, progress: message.params.progress, total: message.params.total, message: message.params.message))
        }
        // Handlers run inside the SDK's message loop; re-listing waits for answers
        // that loop must deliver, so `Relisting` lists in a task of its own.
        let tools = Relisting { [weak self] in if let tools = try? await self?.listTools() { events(.toolsChanged(tools)) } }
        let resources = Relisting { [weak self] in if let resources = try? await self?.listResources() { events(.resourcesChanged(resources)) } }
        let prompts = Relisting { [weak self] in if let prompts = try? await self?.listPrompts() { events(.promptsChanged(prompts)) } }
        await client.onNotification(ToolListChangedNotification.self) { _ in tools.changed() }
        await client.onNotification(ResourceListChangedNotification.self) { _ in resources.changed() }
        await client.onNotification(PromptListChangedNotification.self) { _ in prompts.changed() }
        let roots = self.roots
        await client.withRootsHandler { roots() }
    }

    private static let maximumPages = 100
    /// Starting a server (npx, uvx, a cold Python) can take longer than one request should.
    static let startupTimeout = Duration.seconds(30)

    /// The tools, without those whose `x-mcp-header` annotations are invalid (a
    /// 2026-07-28 rule, kept for every server: such a call could not be routed).
    public func listTools() async throws -> [Tool] {
        var headers: [String: ToolHeaders] = [:]
        let tools = try await list(ToolListing.self, \.tools, id: \.name).filter { tool in
            do {
                let mirrored = try ToolHeaders(schema: tool.inputSchema)
                if !mirrored.tokens.isEmpty { headers[tool.name] = mirrored }
                return true
            } catch {
                ConnectorLog.append("tool \(tool.name) left out: \(error)", to: logFile)
                return false
            }
        }
        toolHeaders = headers
        return tools
    }

    public func listResources() async throws -> [Resource] { try await list(ListResources.self, \.resources, id: \.uri) }

    public func listResourceTemplates() async throws -> [Resource.Template] {
        try await list(ListResourceTemplates.self, \.templates, id: \.uriTemplate)
    }

    public func listPrompts() async throws -> [Prompt] { try await list(ListPrompts.self, \.prompts, id: \.name) }

    /// Follows `nextCursor` to the end. A server that loops (a cursor sent again, or
    /// more than 100 pages) ends the list where it is, saying so in the log; an item
    /// listed again (same `id`) is kept once, the first time.
    private func list<M: PagedListing, Item>(_ method: M.Type, _ items: KeyPath<M.Result, [Item]>,
                                             id: (Item) -> String) async throws -> [Item] {
        var all: [Item] = []
        var (ids, cursors, repeated) = (Set<String>(), Set<String>(), 0)
        var cursor: String?
        defer {
            if repeated > 0 { ConnectorLog.append("\(M.name): \(counted(repeated, "item")) listed again, kept once", to: logFile) }
        }
        for pages in 1...Self.maximumPages {
            let page = try await request(M.request(cursor.map(M.Parameters.init(cursor:)) ?? M.Parameters()))
            for line in page.leftOut { ConnectorLog.append(line, to: logFile) }
            for item in page[keyPath: items] {
                if ids.insert(id(item)).inserted { all.append(item) } else { repeated += 1 }
            }
            guard let next = page.nextCursor, !next.isEmpty else { return all }
            guard cursors.insert(next).inserted else {
                ConnectorLog.append("\(M.name): the server sent the cursor “\(next.prefix(40))” twice; keeping the \(all.count) listed", to: logFile)
                return all
            }
            if pages == Self.maximumPages {
                ConnectorLog.append("\(M.name): stopped after \(Self.maximumPages) pages; keeping the \(all.count) listed", to: logFile)
            }
            cursor = next
        }
        return all
    }

    /// Calls a tool. `progressToken`, when given, is sent so the server can report progress
    /// (it arrives as `.progress` events). Cancelling the calling task cancels the call.
    public func callTool(_ name: String, arguments: [String: Value]?, progressToken: String? = nil) async throws -> CallTool.Result {
        let meta = progressToken.map { Metadata(progressToken: .string($0)) }
        let headers = toolHeaders[name]?.headers(for: arguments ?? [:]) ?? [:]
        return try await interactive(CallTool.self, .init(name: name, arguments: arguments, meta: meta), named: "tools/call \(name)", headers: headers)
    }

    public func ping() async throws {
        _ = try await request(Ping.request())
    }

    /// A prompt's messages with `arguments` filled in.
    public func getPrompt(_ name: String, arguments: [String: String]) async throws -> (description: String?, messages: [Prompt.Message]) {
        let result = try await interactive(GetPrompt.self, .init(name: name, arguments: arguments), named: "prompts/get \(name)")
        return (result.description, result.messages)
    }

    public func readResource(_ uri: String) async throws -> [Resource.Content] {
        try await interactive(ReadResource.self, .init(uri: uri), named: ReadResource.name).contents
    }

    /// Sends one request and waits for its answer in this task; passing the
    /// deadline or cancelling the caller cancels it on the server.
    func request<M: Method>(_ request: Request<M>, named name: String? = nil, headers: [String: String] = [:]) async throws -> M.Result {
        let (client, transport, id, key) = (self.sdkClient, self.transport, request.id, "\(request.id)")
        return try await answer(name ?? M.name, abandon: { reason in
            // The exchange first: an HTTP server that never answers the request may hold the notification too.
            await transport?.abandon(key)
            try? await client.cancelRequest(id, reason: reason)
        }) {
            try await OutgoingRequest.$key.withValue(key) {
                try await OutgoingRequest.$headers.withValue(headers) { try await client.perform(request) }
            }
        }
    }

    /// Runs `body` until it answers, the timeout passes, the connection closes,
    /// or the caller is cancelled. The SDK's wait for an answer ignores task
    /// cancellation, so the deadline and the caller's cancellation `abandon` the
    /// request (with "timed out" or "cancelled"), and a closed connection fails
    /// every request in flight (`markClosed` disconnects the client).
    private func answer<T: Sendable>(_ method: String, timeout: Duration? = nil, abandon: @escaping @Sendable (String) async -> Void,
                                     _ body: () async throws -> T) async throws -> T {
        if let closedReason { throw ConnectionError.closed(reason: closedReason) }
        let timeout = timeout ?? configuration.requestTimeout
        let expired = Flag()
        let ticket = deadlines.add(after: timeout) {
            expired.raise()
            Task { await abandon("timed out") }
        }
        defer { deadlines.remove(ticket) }
        do {
            return try await withTaskCancellationHandler(operation: body) { Task { await abandon("cancelled") } }
        } catch {
            if expired.isRaised { throw ConnectionError.timedOut(method: method, after: timeout) }
            if let closedReason { throw ConnectionError.closed(reason: closedReason) }
            if let error = error as? DecodingError { throw ConnectionError.malformed(method: method, reason: MalformedMessage.reason(error)) }
            throw error
        }
    }

    private func markClosed(_ reason: String, attempt closing: Int? = nil) {
        guard closedReason == nil, closing == nil || closing == attempt else { return }
        closedReason = reason
        ConnectorLog.append("disconnected: \(reason)", to: logFile)
        events(.closed(reason: reason))
        // Requests in flight fail now, and a server that broke the protocol may
        // still be running: stop and reap it.
        let (client, transport) = (self.sdkClient, self.transport)
        Task {
            await client.disconnect()
            await transport?.disconnect()
        }
    }

    /// Why the connection ended, if it has.
    public var endReason: String? { closedReason }

    /// Ends the session: the server's input is closed and the process stopped and reaped.
    public func close() async {
        await sdkClient.disconnect()
        if let transport { await transport.disconnect() }
        markClosed("was disconnected")
    }
}

/// The list methods, whose answers come in pages.
protocol PagedListing: Method where Parameters: PageRequest, Result: PageAnswer {}
protocol PageRequest { init(); init(cursor: String) }
protocol PageAnswer {
    var nextCursor: String? { get }
    /// Items read and left out (malformed), one line each for the log.
    var leftOut: [String] { get }
}
extension PageAnswer { var leftOut: [String] { [] } }

extension ToolListing: PagedListing {}
extension ListTools.Parameters: PageRequest {}
extension ToolListing.Result: PageAnswer {}
extension ListResources: PagedListing {}
extension ListResources.Parameters: PageRequest {}
extension ListResources.Result: PageAnswer {}
extension ListResourceTemplates: PagedListing {}
extension ListResourceTemplates.Parameters: PageRequest {}
extension ListResourceTemplates.Result: PageAnswer {}
extension ListPrompts: PagedListing {}
extension ListPrompts.Parameters: PageRequest {}
extension ListPrompts.Result: PageAnswer {}
