import Foundation
import MCP
import TerminalText
import ToolCards

/// One running view: a page of its own in a throwaway browser context, whose host page holds the
/// view's sandboxed frame. Every request is answered from here or refused; the frame's
/// accessibility tree becomes the card's text each time its document changes.
public final class LiveView: @unchecked Sendable {
    public let id: Int
    let connection: DevToolsConnection
    let content: ViewContent
    let bridge: AppBridge
    let lock = NSLock()
    var state = State()
    private let events: AsyncStream<(session: String, method: String, params: [String: Value])>.Continuation
    private let onClose: @Sendable (LiveView) -> Void

    struct State {
        var browserContext: String?
        var pageSession: String?
        var viewSession: String?
        var hostWorld: Int?
        var text = LiveViewText()
        var drawn: CheckedContinuation<Void, Error>?
        var hasDrawn = false
        var reading = false
        var readAgain = false
        /// Callers of `redraw` while a read ran, answered once the next read is done.
        var waitingForRead: [CheckedContinuation<Bool, Never>] = []
        var sticky: [Value] = []
        var failure: String?
        var closed = false
        /// When the person last pressed a key or typed in this view.
        var personActed: ContinuousClock.Instant?
        /// Who hears the view: none while it is held ahead, its card's once adopted.
        weak var delegate: LiveViewDelegate?
        /// While the view is made ahead and held: what it asked, acted on only if a card adopts it.
        var heldBack: [[String: Value]]?
        var droppedWhileHeld = 0
    }

    init(id: Int, connection: DevToolsConnection, content: ViewContent, appTools: Set<String>, context: HostContext,
         delegate: LiveViewDelegate?, heldAhead: Bool = false, onClose: @escaping @Sendable (LiveView) -> Void) {
        self.id = id
        self.connection = connection
        self.content = content
        self.onClose = onClose
        state.delegate = delegate
        state.heldBack = heldAhead ? [] : nil
        let box = WeakBox<LiveView>()
        bridge = AppBridge(appTools: appTools, context: context) { message in await box.value?.deliver(message) }
        let (stream, continuation) = AsyncStream<(session: String, method: String, params: [String: Value])>.makeStream()
        events = continuation
        box.value = self
        // One consumer, so requests are answered in the order the browser paused them.
        Task { [weak self] in
            for await event in stream { await self?.handle(event.session, event.method, event.params) }
        }
    }

    var delegate: LiveViewDelegate? { lock.withLock { state.delegate } }

    /// The card's text as last read.
    public var text: LiveViewText { lock.withLock { state.text } }

    /// Whether the person acted in this view within `window` (a browser's transient user activation):
    /// what a view does for the person (a call that asks, a message, a link) needs it, so a view cannot
    /// raise a question on its own while the person types elsewhere.
    public func personActed(within window: Duration) -> Bool {
        lock.withLock { state.personActed.map { ContinuousClock.now - $0 <= window } ?? false }
    }

    func notePersonActed() { lock.withLock { state.personActed = ContinuousClock.now } }
    public var isClosed: Bool { lock.withLock { state.closed } }

    // MARK: Opening

    /// Makes a page in a browser context of its own, attached, with the domains a view needs: the
    /// part of opening a view that is not the view's own, so it can be made ahead (`ViewEngine`'s spare).
    static func preparePage(on connection: DevToolsConnection) async throws -> PreparedPage {
        let context = try await connection.call("Target.createBrowserContext", ["disposeOnDetach": true])
        guard let contextID = context["browserContextId"]?.stringValue else { throw DevToolsConnection.ProtocolError(description: "no browser context for the view") }
        do {
            return try await preparePage(in: contextID, on: connection)
        } catch {
            connection.send("Target.disposeBrowserContext", ["browserContextId": .string(contextID)])
            throw error
        }
    }

    private static func preparePage(in contextID: String, on connection: DevToolsConnection) async throws -> PreparedPage {
        let target = try await connection.call("Target.createTarget", ["url": "about:blank", "browserContextId": .string(contextID)])
        guard let targetID = target["targetId"]?.stringValue else { throw DevToolsConnection.ProtocolError(description: "no page for the view") }
        let attached = try await connection.call("Target.attachToTarget", ["targetId": .string(targetID), "flatten": true])
        guard let page = attached["sessionId"]?.stringValue else { throw DevToolsConnection.ProtocolError(description: "no session for the view") }
        for (method, params) in [
            ("Fetch.enable", ["patterns": .array([.object(["urlPattern": "*"])])]),
            ("Page.enable", [:]), ("Runtime.enable", [:]),
            ("Runtime.addBinding", ["name": .string(HostScripts.bridgeBinding), "executionContextName": .string(HostScripts.hostWorld)]),
            ("Target.setAutoAttach", ["autoAttach": true, "waitForDebuggerOnStart": true, "flatten": true]),
        ] as [(String, [String: Value])] {
            try await connection.call(method, params, session: page)
        }
        return PreparedPage(browserContext: contextID, session: page)
    }

    /// Loads the host page and the view on `prepared` (or a page made now), and returns once the
    /// view's first text is read.
    func start(timeout: Duration, prepared: PreparedPage? = nil) async throws {
        let deadline = ContinuousClock.now + timeout
        let prepared = if let prepared { prepared } else { try await Self.preparePage(on: connection) }
        let ended = lock.withLock {
            state.browserContext = prepared.browserContext
            state.pageSession = prepared.session
            return state.closed
        }
        // Discarded (a view made ahead) while its page was being made: the page goes with it.
        if ended { disposeContext(); throw ViewEngineError(description: "the view was closed while it opened") }
        let page = prepared.session
        listen(page)
        try await setViewport(width: bridge.context.widthPixels, page: page)
        try await connection.call("Page.addScriptToEvaluateOnNewDocument",
                                  ["source": .string(HostScripts.relay(viewURL: ViewOrigin.view(id), height: HostContext.heightPixels)),
                                   "worldName": .string(HostScripts.hostWorld)], session: page)
        try await connection.call("Page.navigate", ["url": .string(ViewOrigin.host(id))], session: page)
        try await withDeadline(deadline, saying: timeout) {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
                let already: Result<Void, Error>? = self.lock.withLock {
                    if let failure = self.state.failure { return .failure(ViewEngineError(description: failure)) }
                    if self.state.hasDrawn { return .success(()) }
                    self.state.drawn = continuation
                    return nil
                }
                if let already { continuation.resume(with: already) }
            }
        }
    }

    /// Runs `body` until `deadline` (`timeout` after the view began opening); then the view fails,
    /// which also ends the wait inside `body`.
    func setViewport(width: Int, page: String) async throws {
        try await connection.call("Emulation.setDeviceMetricsOverride", ["width": .int(width), "height": .int(HostContext.heightPixels),
                                                                         "deviceScaleFactor": 1, "mobile": false], session: page)
    }

    private func withDeadline(_ deadline: ContinuousClock.Instant, saying timeout: Duration,
                              _ body: @escaping @Sendable () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(until: deadline, clock: .continuous)
                let reason = "the view was not drawn within \(timeout.components.seconds) s"
                self.fail(reason)
                throw ViewEngineError(description: reason)
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    private func listen(_ session: String) {
        connection.listen(session: session) { [events] method, params in events.yield((session, method, params)) }
    }

    // MARK: Events

    private func handle(_ session: String, _ method: String, _ params: [String: Value]) async {
        switch method {
        case "Fetch.requestPaused": await serve(params, session: session)
        case "Target.attachedToTarget": await attach(params)
        case "Runtime.bindingCalled": await bindingCalled(params, session: session)
        case "Runtime.executionContextCreated":
            let context = params["context"]?.objectValue ?? [:]
            if context["name"]?.stringValue == HostScripts.hostWorld, let id = context["id"]?.intValue {
                lock.withLock { state.hostWorld = id }
            }
        case "Target.detachedFromTarget":
            guard let detached = params["sessionId"]?.stringValue else { return }
            connection.stopListening(session: detached)
            lock.withLock { if state.viewSession == detached { state.viewSession = nil } }
        case "Inspector.targetCrashed":
            fail("the view's page crashed")
        case "Page.frameNavigated":
            // A view that sends its frame elsewhere is blocked (the host's CSP, the Fetch rule); what would
            // be left is the browser's error page ("This content is blocked"), read as the view's text.
            let frame = params["frame"]?.objectValue ?? [:]
            let url = frame["unreachableUrl"]?.stringValue ?? frame["url"]?.stringValue ?? ""
            if ![ViewOrigin.host(id), ViewOrigin.view(id), "about:blank", "about:srcdoc"].contains(url) {
                fail("the view tried to load another page (\(Sanitizer.line(String(url.prefix(300))))); it was blocked")
            }
        default: break
        }
    }

    /// The host page and the view come from chattui; nothing else is fetched, and what was asked for is logged.
    private func serve(_ params: [String: Value], session: String) async {
        guard let request = params["requestId"]?.stringValue else { return }
        let url = params["request"]?.objectValue?["url"]?.stringValue ?? ""
        let page: (body: String, policy: String)? = switch url {
        case ViewOrigin.host(id): (HostScripts.hostPage, ViewContent.hostPolicy)
        case ViewOrigin.view(id): (content.html, ViewContent.contentSecurityPolicy)
        default: nil
        }
        guard let page else {
            connection.send("Fetch.failRequest", ["requestId": .string(request), "errorReason": "BlockedByClient"], session: session)
            let shown = Sanitizer.line(String(url.prefix(300)))
            delegate?.liveView(self, log: "notice", message: "refused the view's request for \(shown)")
            return
        }
        let headers: Value = .array([
            .object(["name": "Content-Type", "value": "text/html; charset=utf-8"]),
            .object(["name": "Content-Security-Policy", "value": .string(page.policy)]),
            .object(["name": "Cache-Control", "value": "no-store"]),
        ])
        // The body is megabytes: written once, as base64 (which needs no JSON escaping) after the other fields.
        var fields = (try? JSONEncoder().encode(["requestId": .string(request), "responseCode": 200, "responseHeaders": headers] as [String: Value])) ?? Data()
        guard fields.last == UInt8(ascii: "}") else {
            return connection.send("Fetch.failRequest", ["requestId": .string(request), "errorReason": "Failed"], session: session)
        }
        fields.removeLast()
        fields.append(contentsOf: #","body":""#.utf8)
        fields.append(Data(page.body.utf8).base64EncodedData())
        fields.append(contentsOf: #""}"#.utf8)
        connection.send("Fetch.fulfillRequest", encodedParams: fields, session: session)
    }

    /// Every target the page starts (the view's frame, any worker) is held until its requests are
    /// intercepted too; the frame also gets the change observer.
    private func attach(_ params: [String: Value]) async {
        guard let session = params["sessionId"]?.stringValue else { return }
        let type = params["targetInfo"]?.objectValue?["type"]?.stringValue
        listen(session)
        var setup: [(String, [String: Value])] = [("Fetch.enable", ["patterns": .array([.object(["urlPattern": "*"])])]),
                                                  ("Target.setAutoAttach", ["autoAttach": true, "waitForDebuggerOnStart": true, "flatten": true])]
        if type == "iframe" {
            lock.withLock { state.viewSession = session }
            setup += [("Runtime.enable", [:]),
                      ("Runtime.addBinding", ["name": .string(HostScripts.changeBinding), "executionContextName": .string(HostScripts.observerWorld)]),
                      ("Page.enable", [:]),
                      ("Page.addScriptToEvaluateOnNewDocument", ["source": .string(HostScripts.observer), "worldName": .string(HostScripts.observerWorld)])]
            bridge.restart(replay: lock.withLock { state.sticky })
        }
        for (method, params) in setup { _ = try? await connection.call(method, params, session: session) }
        _ = try? await connection.call("Runtime.runIfWaitingForDebugger", session: session)
    }

    private func bindingCalled(_ params: [String: Value], session: String) async {
        switch params["name"]?.stringValue {
        case HostScripts.bridgeBinding where session == lock.withLock({ state.pageSession }):
            guard let payload = params["payload"]?.stringValue,
                  case .object(let message)? = try? JSONDecoder().decode(Value.self, from: Data(payload.utf8)),
                  !holdBack(message) else { return }
            Task { await bridge.receive(message, view: self, delegate: delegate) }
        case HostScripts.changeBinding where session == lock.withLock({ state.viewSession }):
            await redraw()
        default: break
        }
    }

    // MARK: Text

    /// Reads the frame's accessibility tree into the card's text. A call while a read runs waits for
    /// one more read, begun after it: that read may have begun before the change, and a key's next
    /// key goes by the text its own key made (a quick second Tab once focused the first's control again).
    func redraw() async {
        let reader: Bool = await withCheckedContinuation { continuation in
            let reader: Bool = lock.withLock {
                guard state.reading else { state.reading = true; return true }
                state.readAgain = true
                state.waitingForRead.append(continuation)
                return false
            }
            if reader { continuation.resume(returning: true) }
        }
        guard reader else { return }
        repeat {
            let (session, answered): (String?, [CheckedContinuation<Bool, Never>]) = lock.withLock {
                state.readAgain = false
                defer { state.waitingForRead = [] }
                return (state.viewSession, state.waitingForRead)
            }
            if let session { await read(session) }
            for waiting in answered { waiting.resume(returning: false) }
        } while lock.withLock({
            if state.readAgain { return true }
            state.reading = false
            return false
        })
    }

    private func read(_ session: String) async {
        guard let answer = try? await connection.callForMessage("Accessibility.getFullAXTree", session: session),
              let tree = try? AccessibilityTree(devToolsJSON: answer) else { return }
        let text = LiveViewText(tree: tree)
        // Until a tree holds something the document is still loading (a big view's first tree
        // is often empty), so it is neither drawn nor shown, and the draw deadline still runs.
        let (shown, first): (Bool, CheckedContinuation<Void, Error>?) = lock.withLock {
            guard state.hasDrawn || !text.outline.isEmpty || !text.controls.isEmpty else { return (false, nil) }
            state.text = text
            state.hasDrawn = true
            defer { state.drawn = nil }
            return (true, state.drawn)
        }
        first?.resume()
        if shown { delegate?.liveView(self, didRedraw: text) }
    }

    // MARK: Ending

    func fail(_ reason: String) {
        let (first, waiting): (Bool, CheckedContinuation<Void, Error>?) = lock.withLock {
            guard state.failure == nil, !state.closed else { return (false, nil) }
            state.failure = reason
            defer { state.drawn = nil }
            return (true, state.drawn)
        }
        guard first else { return }
        waiting?.resume(throwing: ViewEngineError(description: reason))
        delegate?.liveView(self, didFail: reason)
        finish()
    }

    /// `ui/resource-teardown` (answered or not within two seconds), then the page and its context go,
    /// also after the view failed (a view that was not drawn in time still holds a page).
    public func close() async {
        let (running, context): (Bool, String?) = lock.withLock {
            defer { state.browserContext = nil }
            return (!state.closed && state.failure == nil, state.browserContext)
        }
        if running, bridge.isInitialized { _ = await bridge.request("ui/resource-teardown", .object([:]), seconds: 2) }
        if let context, !connection.hasEnded {
            _ = try? await connection.call("Target.disposeBrowserContext", ["browserContextId": .string(context)])
        }
        finish()
    }

    func disposeContext() {
        let context: String? = lock.withLock {
            defer { state.browserContext = nil }
            return state.browserContext
        }
        if let context, !connection.hasEnded { connection.send("Target.disposeBrowserContext", ["browserContextId": .string(context)]) }
    }

    func finish() {
        let sessions: [String]? = lock.withLock {
            guard !state.closed else { return nil }
            state.closed = true
            return [state.pageSession, state.viewSession].compactMap { $0 }
        }
        guard let sessions else { return }
        sessions.forEach { connection.stopListening(session: $0) }
        events.finish()
        onClose(self)
    }

    var sessions: (page: String?, view: String?) { lock.withLock { (state.pageSession, state.viewSession) } }
}

/// A page made for a view that has not opened yet: its browser context and its session.
struct PreparedPage: Sendable {
    let browserContext: String
    let session: String
}

public struct ViewEngineError: Error, CustomStringConvertible, Equatable {
    public let description: String
}
