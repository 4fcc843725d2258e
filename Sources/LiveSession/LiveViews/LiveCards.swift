import ChatFeatures
import ConversationModel
import Foundation
import MCP
import MCPClient
import Synchronization
import ToolCards
import ViewEngine

/// The view engine as the interface uses it: one per chattui (its browser starts with the first live
/// card, never at start), and each card's running view: fed its tool input and result, then the
/// person's keys, in the order they were pressed. What a view draws or asks reaches the loop as actions.
final class LiveCards: Sendable {
    let engine: ViewEngine
    private let connectors: LiveCardDesk.Connectors
    private let post: @Sendable (Action) -> Void
    /// What the views asked the model to know, for the next model requests.
    let modelContexts = ViewModelContexts()
    private let running = Mutex<[CardAddress: (view: LiveView, desk: LiveCardDesk, request: LiveViewRequest)]>([:])
    /// Each card's latest opening of its view: a key waits for it, since the card may take keys before
    /// the view is running here (its first text arrives while it opens; Ctrl-R opens a new one).
    private let opening = Mutex<[CardAddress: Task<Void, Never>]>([:])
    private let keys: AsyncStream<(CardAddress, LiveViewInput)>.Continuation

    init(engine: ViewEngine, connectors: LiveCardDesk.Connectors, post: @escaping @Sendable (Action) -> Void) {
        self.engine = engine
        self.connectors = connectors
        self.post = post
        let (stream, continuation) = AsyncStream<(CardAddress, LiveViewInput)>.makeStream()
        keys = continuation
        // One consumer, so typed characters reach the view in order.
        Task { [weak self] in
            for await (card, input) in stream { await self?.pass(input, to: card) }
        }
    }

    /// Starts a card's view; the card says why when there is no browser, it fails, or it is not drawn in time.
    func open(_ request: LiveViewRequest) {
        let (engine, connectors, modelContexts, post) = (self.engine, self.connectors, self.modelContexts, self.post)
        let task = Task {
            do {
                let content = try await connectors.view(request.connector, uri: request.uri)
                let desk = LiveCardDesk(request, connectors: connectors, modelContexts: modelContexts, post: post)
                let view = try await engine.open(content, appTools: await connectors.appTools(of: request.connector),
                                                 context: HostContext(theme: request.theme, widthCells: request.widthCells), delegate: desk)
                running.withLock { $0[request.card] = (view, desk, request) }
                await view.sendToolInput(arguments: Value.converting(request.arguments)?.objectValue ?? [:])
                if let result = Value.converting(request.result) { await view.sendToolResult(result) }
                if !view.text.isBlank { post(.liveView(.redrawn(request.card, view.text))) }
            } catch {
                post(.liveView(.failed(request.card, String(describing: error))))
            }
        }
        opening.withLock { $0[request.card] = task }
    }

    func input(_ input: LiveViewInput, card: CardAddress) { keys.yield((card, input)) }

    func cancelCalls(of card: CardAddress) { running.withLock { $0[card]?.desk }?.cancelCalls() }

    private func pass(_ input: LiveViewInput, to card: CardAddress) async {
        await opening.withLock({ $0[card] })?.value
        guard let view = running.withLock({ $0[card]?.view }), !view.isClosed else {
            post(.liveView(.failed(card, "the view is not running (Tab to the card again starts it)")))
            return
        }
        do {
            switch input {
            case .nextControl: try await view.focusNextControl()
            case .previousControl: try await view.focusNextControl(backwards: true)
            case .focus(let number): try await view.focus(control: number)
            case .typed(let character): try await type(character, into: view)
            case .pasted(let text): try await view.insertText(text)
            case .reload: await reload(card)
            case .key(let key): try await view.press(Self.viewKey(key))
            }
        } catch {
                post(.flash(Flash(text: "The view did not take that: \(error)", isError: true)))
        }
    }

    /// Ctrl-R: the view is read again from its connector and started afresh (reloading the page would
    /// run the HTML read the first time, though the connector may have changed it since).
    private func reload(_ card: CardAddress) async {
        guard let (view, desk, request) = running.withLock({ $0.removeValue(forKey: card) }) else { return }
        // Its calls answer a view that is going away: they stop with it (the server is told).
        desk.cancelCalls()
        await view.close()
        await connectors.views.forget(connector: request.connector)
        open(request)
    }

    /// Space presses what is focused (a select opens) unless a text box has the focus; anything else
    /// is typed. The view's focus as last read decides, so fast typing agrees with it. (Numbers that
    /// focus a control are the interface's: they arrive as `.focus`.)
    private func type(_ character: Character, into view: LiveView) async throws {
        let text = view.text
        let focused = text.focusedControl.flatMap { text.controls.indices.contains($0 - 1) ? text.controls[$0 - 1].kind : nil }
        if character == " ", focused != .textbox {
            try await view.press(.space)
        } else {
            try await view.insertText(String(character))
        }
    }

    static func viewKey(_ key: LiveViewKey) -> ViewKey {
        switch key {
        case .enter: .enter
        case .backspace: .backspace
        case .delete: .delete
        case .home: .home
        case .end: .end
        case .up: .up
        case .down: .down
        case .left: .left
        case .right: .right
        }
    }

    /// chattui is quitting: each view is told it goes, then the browser stops.
    func shutdown() async {
        keys.finish()
        let views = running.withLock { views in
            defer { views.removeAll() }
            return views.values.map(\.view)
        }
        for view in views { await view.close() }
        await engine.shutdown()
    }
}
