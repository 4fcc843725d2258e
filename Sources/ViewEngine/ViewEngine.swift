import Foundation
import MCP

/// Runs MCP Apps views in a headless browser, started lazily on the first view (never at chattui's
/// start), one per engine (the composition root makes one per process), stopped after
/// `idleTimeout` with no live view and on `shutdown`. A browser that dies, or leaves any request
/// unanswered for `answerTimeout`, is stopped and fails its views; the next view starts a new one.
public actor ViewEngine {
    private let configuredBrowser: String?
    private let environment: [String: String]
    private let idleTimeout: Duration
    private let drawTimeout: Duration
    private let answerTimeout: Duration
    private var connection: DevToolsConnection?
    private var views: [Int: LiveView] = [:]
    private var nextID = 0
    private var idleStop: Task<Void, Never>?
    /// A page made ahead for the next view (its context, target and domains take a few hundred
    /// milliseconds, a new renderer included), on the browser it was made in.
    private var spare: (connection: DevToolsConnection, page: Task<PreparedPage?, Never>)?
    /// A view of the content last drawn, made ahead and held through its handshake (`LiveView+Ahead`):
    /// a later open of the same content (an equal `ViewContent`: same HTML, same declared domains)
    /// adopts it and skips the view's script, which is most of a big view's time. At most one; never
    /// counted as live, so it keeps no browser past the idle stop.
    private var ahead: (content: ViewContent, view: LiveView, ready: Task<Bool, Never>)?

    public init(configuredBrowser: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
                idleTimeout: Duration = .seconds(120), drawTimeout: Duration = .seconds(10), answerTimeout: Duration = .seconds(15)) {
        self.answerTimeout = answerTimeout
        self.configuredBrowser = configuredBrowser
        self.environment = environment
        self.idleTimeout = idleTimeout
        self.drawTimeout = drawTimeout
    }

    /// Whether a browser can be found here, without starting it (to advertise the extension).
    public nonisolated var isAvailable: Bool { (try? BrowserLocator.locate(environment: environment, configured: configuredBrowser)) != nil }

    /// The running browser's process id (its process group), if one runs.
    public var browserProcess: Int32? { connection?.pid }
    /// Whether the running browser has no network at all (an empty namespace).
    public var isNetworkIsolated: Bool { connection?.isolatedNetwork ?? false }
    public var liveViewCount: Int { views.count }
    /// Whether a page is made (or being made) ahead for the next view.
    var hasSparePage: Bool { spare != nil }
    /// The view held ahead, if any, and whether it has drawn (waits while it opens).
    var heldView: LiveView? { ahead?.view }
    func heldViewIsReady() async -> Bool { await ahead?.ready.value ?? false }

    /// Starts `content` as a live view whose tools are `appTools` (its own connector's tools open to
    /// apps: see `AppToolVisibility`), and returns once its first text is read. Throws, saying why,
    /// when there is no browser, it cannot start, or the view is not drawn within the deadline.
    public func open(_ content: ViewContent, appTools: Set<String>, context: HostContext = HostContext(),
                     delegate: LiveViewDelegate?) async throws -> LiveView {
        let connection = try browser()
        idleStop?.cancel()
        let view: LiveView
        if let held = await takeHeld(content, on: connection) {
            view = held
            views[view.id] = view
            await view.adopt(appTools: appTools, context: context, delegate: delegate)
        } else {
            // A held view of other content is replaced once this one draws; one still being made
            // would take a core from this one's script meanwhile, so it goes now (a drawn one is idle,
            // and closing its page now would cost the browser time while this one loads).
            if ahead?.view.hasDrawn == false { discardHeld() }
            nextID += 1
            view = LiveView(id: nextID, connection: connection, content: content, appTools: appTools, context: context,
                            delegate: delegate) { [weak self] closed in Task { await self?.closed(closed) } }
            views[view.id] = view
            let prepared = await takeSpare(on: connection)
            do {
                try await view.start(timeout: drawTimeout, prepared: prepared)
            } catch {
                await view.close()
                views[view.id] = nil
                throw error as? ViewEngineError ?? ViewEngineError(description: String(describing: error))
            }
        }
        if !content.declared.isEmpty {
            delegate?.liveView(view, log: "notice", message: "the view declares outside domains; chattui does not fetch them for views yet, so they are refused")
        }
        makeAhead(content, context: context, on: connection)
        return view
    }

    /// The view held ahead, if it is of this content on this browser and has drawn; else it goes.
    private func takeHeld(_ content: ViewContent, on connection: DevToolsConnection) async -> LiveView? {
        guard let held = ahead, held.view.connection === connection, held.content == content else { return nil }
        ahead = nil
        guard await held.ready.value, !held.view.isClosed else {
            held.view.discard()
            return nil
        }
        return held.view
    }

    /// After a draw, on the browser it was drawn in: a page for a view of other content and a view of
    /// this content held ahead (replacing one of other content), made together (the page is light; the
    /// held view is wanted soon) and after the draw, so neither competes with a view loading.
    private func makeAhead(_ content: ViewContent, context: HostContext, on connection: DevToolsConnection) {
        guard connection === self.connection, !connection.hasEnded else { return }
        if spare == nil { makeSpare(on: connection) }
        if let held = ahead, held.content == content, held.view.connection === connection { return }
        discardHeld()
        nextID += 1
        let view = LiveView(id: nextID, connection: connection, content: content, appTools: [], context: context, delegate: nil,
                            heldAhead: true) { [weak self] closed in Task { await self?.closed(closed) } }
        let timeout = drawTimeout
        ahead = (content, view, Task {
            do { try await view.start(timeout: timeout) } catch { return false }
            return true
        })
    }

    private func discardHeld() {
        ahead?.view.discard()
        ahead = nil
    }

    /// The page made ahead, if it was made on this browser. The next is made once the view is drawn,
    /// so making it never competes with a view's script for the processor.
    private func takeSpare(on connection: DevToolsConnection) async -> PreparedPage? {
        guard let taken = spare, taken.connection === connection else { return nil }
        spare = nil
        return await taken.page.value
    }

    private func makeSpare(on connection: DevToolsConnection) {
        spare = (connection, Task { try? await LiveView.preparePage(on: connection) })
    }

    /// Stops the browser now (chattui is quitting).
    public func shutdown() {
        spare = nil
        discardHeld()
        idleStop?.cancel()
        connection?.stop()
        connection = nil
    }

    private func browser() throws -> DevToolsConnection {
        if let connection, !connection.hasEnded { return connection }
        let executable: String
        do { executable = try BrowserLocator.locate(environment: environment, configured: configuredBrowser) } catch {
            throw ViewEngineError(description: String(describing: error))
        }
        let ending = WeakBox<DevToolsConnection>()
        let started = try DevToolsConnection(executable: executable, answerTimeout: answerTimeout, startTimeout: drawTimeout) { [weak self] reason in
            Task { await self?.browserEnded(reason, ending) }
        }
        ending.value = started
        connection = started
        return started
    }

    /// Heard late, after a next view may have started another browser: only the ended one's views fail.
    private func browserEnded(_ reason: String, _ ended: WeakBox<DevToolsConnection>) {
        guard let ended = ended.value else { return }
        let failed = views.values.filter { $0.connection === ended }
        failed.forEach { views[$0.id] = nil }
        if connection === ended { connection = nil }
        if spare?.connection === ended { spare = nil }
        if ahead?.view.connection === ended { discardHeld() }
        failed.forEach { $0.fail(reason) }
    }

    private func closed(_ view: LiveView) {
        views[view.id] = nil
        // A view held ahead that goes was never live: the idle stop's clock is not restarted for it.
        guard !view.isHeldAhead, views.isEmpty, connection != nil else { return }
        idleStop?.cancel()
        let timeout = idleTimeout
        idleStop = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            guard !Task.isCancelled else { return }
            await self?.stopIfIdle()
        }
    }

    private func stopIfIdle() {
        guard views.isEmpty else { return }
        shutdown()
    }
}
