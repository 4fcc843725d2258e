import Foundation
import MCP
import TerminalText

/// The MCP Apps host side of one view (spec 2026-01-26): answers `ui/initialize`, holds chattui's
/// notifications until the view says `ui/notifications/initialized`, and hands the view's requests
/// to the delegate after refusing what no view may do.
final class AppBridge: @unchecked Sendable {
    static let protocolVersion = "2026-01-26"
    static let hostCapabilities: Value = .object([
        "openLinks": .object([:]), "serverTools": .object([:]), "serverResources": .object([:]),
        "logging": .object([:]), "updateModelContext": .object(["text": .object([:])]), "message": .object(["text": .object([:])]),
    ])

    /// Sends one JSON-RPC message to the view.
    let post: @Sendable (Value) async -> Void
    private let lock = NSLock()
    private var tools: Set<String>
    private var hostContext: HostContext
    private var initialized = false
    private var held: [Value] = []
    private var nextID = 0
    private var answers: [Int: CheckedContinuation<Value?, Never>] = [:]

    init(appTools: Set<String>, context: HostContext, post: @escaping @Sendable (Value) async -> Void) {
        tools = appTools
        hostContext = context
        self.post = post
    }

    /// The tools of the view's own connector that are open to apps, by name.
    var appTools: Set<String> { lock.withLock { tools } }
    var context: HostContext { lock.withLock { hostContext } }

    /// A view made ahead becomes a card's: its tools and context are the card's. True if the context changed.
    func adopt(appTools: Set<String>, context: HostContext) -> Bool {
        lock.withLock {
            tools = appTools
            defer { hostContext = context }
            return hostContext != context
        }
    }

    var isInitialized: Bool { lock.withLock { initialized } }

    /// A new document in the frame (a reload): the handshake starts again, and `replay` is held for it.
    func restart(replay: [Value]) { lock.withLock { initialized = false; held = replay } }

    /// Sends `method` once the view is initialized; until then it waits in order.
    func notify(_ method: String, _ params: Value) async {
        let message: Value = .object(["jsonrpc": "2.0", "method": .string(method), "params": params])
        let now = lock.withLock { initialized ? true : { held.append(message); return false }() }
        if now { await post(message) }
    }

    /// Asks the view and waits for its answer, at most `seconds` (nil if none came).
    func request(_ method: String, _ params: Value, seconds: Double) async -> Value? {
        let id = lock.withLock { nextID -= 1; return nextID }  // negative ids never meet the view's own
        let timer = Task { [weak self] in
            try await Task.sleep(for: .seconds(seconds))
            self?.answer(id, nil)
        }
        defer { timer.cancel() }
        return await withCheckedContinuation { continuation in
            lock.withLock { answers[id] = continuation }
            Task { await post(.object(["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": params])) }
        }
    }

    private func answer(_ id: Int, _ value: Value?) {
        lock.withLock { answers.removeValue(forKey: id) }?.resume(returning: value)
    }

    /// One message from the view.
    func receive(_ message: [String: Value], view: LiveView, delegate: LiveViewDelegate?) async {
        let params = message["params"] ?? .object([:])
        guard let method = message["method"]?.stringValue else {
            if let id = message["id"]?.intValue { answer(id, message["result"] ?? message["error"] ?? .null) }
            return
        }
        guard let id = message["id"], id != .null else { return await notification(method, params, view: view, delegate: delegate) }
        let reply: Result<Value, BridgeError>
        do { reply = .success(try await respond(method, params, view: view, delegate: delegate)) } catch let error as BridgeError { reply = .failure(error) } catch { reply = .failure(BridgeError(code: -32603, message: String(describing: error))) }
        switch reply {
        case .success(let result): await post(.object(["jsonrpc": "2.0", "id": id, "result": result]))
        case .failure(let error):
            await post(.object(["jsonrpc": "2.0", "id": id, "error": .object(["code": .int(error.code), "message": .string(error.message)])]))
        }
    }

    struct BridgeError: Error {
        let code: Int
        let message: String
    }

    private func respond(_ method: String, _ params: Value, view: LiveView, delegate: LiveViewDelegate?) async throws -> Value {
        let fields = params.objectValue ?? [:]
        switch method {
        case "ui/initialize":
            return .object(["protocolVersion": .string(Self.protocolVersion),
                            "hostInfo": .object(["name": "chattui", "version": "0.1.0"]),
                            "hostCapabilities": Self.hostCapabilities, "hostContext": context.json])
        case "ping":
            return .object([:])
        case "tools/call":
            let name = fields["name"]?.stringValue ?? ""
            guard appTools.contains(name) else {
                delegate?.liveView(view, log: "warning", message: "refused the view's call to \(Sanitizer.line(String(name.prefix(100)))): not a tool of its connector open to apps")
                throw BridgeError(code: -32602, message: "tool \(name) is not available to this view")
            }
            guard let delegate else { throw BridgeError(code: -32603, message: "no host") }
            return try await delegate.liveView(view, callTool: name, arguments: fields["arguments"]?.objectValue ?? [:])
        case "resources/read":
            guard let delegate, let uri = fields["uri"]?.stringValue else { throw BridgeError(code: -32602, message: "no uri") }
            return try await delegate.liveView(view, readResource: uri)
        case "ui/message":
            let allowed = await delegate?.liveView(view, sendMessage: fields["role"]?.stringValue ?? "user",
                                                   content: fields["content"]?.arrayValue ?? []) ?? false
            return allowed ? .object([:]) : .object(["isError": true])
        case "ui/open-link":
            let allowed = await delegate?.liveView(view, openLink: fields["url"]?.stringValue ?? "") ?? false
            return allowed ? .object([:]) : .object(["isError": true])
        case "ui/update-model-context":
            delegate?.liveView(view, updateModelContext: params)
            return .object([:])
        case "ui/request-display-mode":
            return .object(["mode": "inline"])
        default:
            throw BridgeError(code: -32601, message: "method not found: \(String(method.prefix(100)))")
        }
    }

    private func notification(_ method: String, _ params: Value, view: LiveView, delegate: LiveViewDelegate?) async {
        let fields = params.objectValue ?? [:]
        switch method {
        case "ui/notifications/initialized":
            let waiting: [Value] = lock.withLock {
                initialized = true
                defer { held = [] }
                return held
            }
            for message in waiting { await post(message) }
        case "ui/notifications/size-changed":
            delegate?.liveView(view, sizeChanged: fields["width"]?.intValue, height: fields["height"]?.intValue)
            if let height = fields["height"]?.intValue { await view.resizeFrame(height: height) }
        case "notifications/message":
            let data = fields["data"].map { $0.stringValue ?? String(describing: $0) } ?? ""
            delegate?.liveView(view, log: Sanitizer.line(String((fields["level"]?.stringValue ?? "info").prefix(20))),
                               message: Sanitizer.line(String(data.prefix(4000))))
        default:
            break
        }
    }
}
