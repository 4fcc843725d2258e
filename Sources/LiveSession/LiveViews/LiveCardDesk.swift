import ChatFeatures
import ConversationModel
import Foundation
import MCP
import MCPClient
import Synchronization
import ToolCards
import TerminalText
import ViewEngine

/// What one live card's view may do, as the person's own calls may: its tool calls go to its own
/// connector through the same approval as a model's (read-only by a trusted connector runs, else it
/// asks), its message lands in the composer, its links ask first, its notes go to the connector's log.
final class LiveCardDesk: LiveViewDelegate {
    /// The connectors' side every card shares.
    struct Connectors: Sendable {
        let manager: ConnectorManager
        let views: ViewCache
        let approvals: InteractiveApprovals
        let askEveryCall: Bool
        let logDirectory: URL

        /// The card's view, once its connector is up (started now if nothing had used it): a stored card
        /// focused just after a restart would otherwise fail for the whole run while its connector is still starting.
        func view(_ connector: String, uri: String) async throws -> ViewContent {
            await manager.start([connector])
            await manager.settled(within: .seconds(10), among: [connector])
            let html = try await views.html(connector: connector, uri: uri, manager: manager)
            return ViewContent(html: html.text, declared: .init(uiMeta: html.uiMeta))
        }

        /// The connector's tools open to apps, by the names the view calls them.
        func appTools(of connector: String) async -> Set<String> {
            Set(await manager.tools().filter { $0.connector == connector && AppToolVisibility.isOpenToApps($0.tool) }.map(\.tool.name))
        }
    }

    let card: CardAddress
    let conversation: ConversationID
    let connector: String
    private let connectors: Connectors
    private let modelContexts: ViewModelContexts
    private let post: @Sendable (Action) -> Void
    /// The view's calls still running, so the person can stop them.
    private let calls = Mutex<[UUID: Task<CallTool.Result, Error>]>([:])

    init(_ request: LiveViewRequest, connectors: Connectors, modelContexts: ViewModelContexts, post: @escaping @Sendable (Action) -> Void) {
        card = request.card
        conversation = request.conversation
        connector = request.connector
        self.connectors = connectors
        self.modelContexts = modelContexts
        self.post = post
    }

    func liveView(_ view: LiveView, callTool name: String, arguments: [String: Value]) async throws -> Value {
        guard let tool = await connectors.manager.tools().first(where: { $0.connector == connector && $0.tool.name == name }) else {
            throw LiveCardError( "\(connector) has no tool \(name)")
        }
        var approved = JSONValue.converting(.object(arguments)) ?? .object([:])
        let asks = !tool.runsUnasked || connectors.askEveryCall
        if asks {
            guard mayActForThePerson(view, "the view's call to \(name)") else {
                throw LiveCardError("\(name) asks the person first, and a view may ask only right after the person acts in it")
            }
            let call = ToolCall(id: "view-\(UUID().uuidString)", name: tool.id, arguments: approved)
            let request = ApprovalRequest(call: call, tool: ConnectorToolHost.catalogTool(tool))
            switch await connectors.approvals.decide(request, asking: .liveView(.approvalNeeded(request))) {
            case .allowOnce(let edited), .allowAlways(let edited): approved = edited
            case .deny(let reason): throw LiveCardError( "the person declined" + (reason.map { ": \($0)" } ?? ""))
            }
        }
        log(view, level: "info", message: "the view called \(name)")
        let (manager, id) = (connectors.manager, tool.id)
        let key = UUID()
        let call = Task { try await manager.callTool(id: id, arguments: Value.converting(approved)?.objectValue ?? [:]) }
        calls.withLock { $0[key] = call }
        post(.liveView(.callStarted(card)))
        defer {
            calls.withLock { $0[key] = nil }
            post(.liveView(.callEnded(card)))
        }
        do {
            let result = try await withTaskCancellationHandler { try await call.value } onCancel: { call.cancel() }
            // What the person allowed leaves a mark they can read again in /status, not only in the log.
            if asks { post(.flash(Flash(text: "\(connector) · \(name) ran for its view\(result.isError == true ? ", and failed" : "").", isError: false))) }
            return try JSONDecoder().decode(Value.self, from: JSONEncoder().encode(result))
        } catch where call.isCancelled {
            log(view, level: "info", message: "the person stopped the view's call to \(name)")
            return Self.stopped
        }
    }

    /// What the view is told of a call the person stopped: an error result, as MCP Apps views expect.
    static let stopped: Value = .object(["content": .array([.object(["type": "text", "text": "The person stopped this call."])]), "isError": true])

    /// Esc from the composer: the connector is told each call is cancelled (`notifications/cancelled`).
    func cancelCalls() { calls.withLock { $0.values.forEach { $0.cancel() } } }

    func liveView(_ view: LiveView, readResource uri: String) async throws -> Value {
        let contents = try await connectors.manager.readResource(connector: connector, uri: uri)
        return .object(["contents": try JSONDecoder().decode(Value.self, from: JSONEncoder().encode(contents))])
    }

    /// How long after the person's key a view may act for them, as a browser's transient activation lasts.
    static let activation: Duration = .seconds(5)

    /// Whether the view may ask or act for the person now (right after their key in it); a refusal is logged.
    private func mayActForThePerson(_ view: LiveView, _ what: String) -> Bool {
        guard view.personActed(within: Self.activation) else {
            log(view, level: "warning", message: "refused \(what): the person had not acted in the view")
            return false
        }
        return true
    }

    func liveView(_ view: LiveView, sendMessage role: String, content: [Value]) async -> Bool {
        let text = content.compactMap { $0.objectValue?["text"]?.stringValue }.joined(separator: "\n")
        guard !text.isEmpty else { return false }
        guard mayActForThePerson(view, "the view's message") else { return false }
        let request = "view-message-\(UUID().uuidString)"
        let accepted = await connectors.approvals.letThrough(request, asking: .liveView(.message(text, request: request)))
        if !accepted { log(view, level: "info", message: "the view's message was refused or declined") }
        return accepted
    }

    func liveView(_ view: LiveView, openLink url: String) async -> Bool {
        guard mayActForThePerson(view, "the view's link") else { return false }
        let request = "view-link-\(UUID().uuidString)"
        let accepted = await connectors.approvals.letThrough(request, asking: .liveView(.openLink(url, request: request)))
        if !accepted { log(view, level: "info", message: "the view's link to \(Sanitizer.line(String(url.prefix(200)))) was refused or not opened") }
        return accepted
    }

    func liveView(_ view: LiveView, updateModelContext context: Value) {
        let told = modelContexts.update(card: card, conversation: conversation, connector: connector, context: context)
        log(view, level: "info", message: told == 0 ? "the view cleared what the model is told" : "the view set what the model is told (\(counted(told, "character")))")
    }
    func liveView(_ view: LiveView, sizeChanged width: Int?, height: Int?) {}

    func liveView(_ view: LiveView, log level: String, message: String) { log(view, level: level, message: message) }

    private func log(_ view: LiveView, level: String, message: String) {
        let file = connectors.logDirectory.appendingPathComponent("\(ConnectorLog.fileName(for: connector)).log")
        ConnectorLog.append("view \(view.id) [\(level)]: \(message)", to: file)
    }

    func liveView(_ view: LiveView, didRedraw text: LiveViewText) {
        if !text.isBlank { post(.liveView(.redrawn(card, text))) }
    }
    func liveView(_ view: LiveView, didFail reason: String) { post(.liveView(.failed(card, reason))) }
}

/// Why a live card's request was not done, as the view is told.
struct LiveCardError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension LiveViewText {
    /// Nothing drawn yet (a script that has not run): the card keeps its stored text meanwhile, as a
    /// blank redraw would replace it, on screen and in the store.
    var isBlank: Bool { outline.isEmpty && controls.isEmpty }
}
