import Foundation
import MCP

/// A view made ahead (`ViewEngine` holds at most one): opened, through its handshake, and held
/// there with no tool input yet (MCP Apps lets a host show a view before the tool's result). Until a
/// card adopts it, nothing it asks is acted on; what it asked is acted on once adopted, or dropped with it.
extension LiveView {
    /// What a held view may do before it is adopted: finish its handshake and size its frame.
    static let handshake: Set<String> = ["ui/initialize", "ui/notifications/initialized", "ui/notifications/size-changed", "ping"]
    /// Requests kept from a held view at most; a view that asks more is not waited on for the rest.
    static let heldBackLimit = 64

    /// Keeps `message` back if the view is held and it asks anything beyond the handshake (answers pass).
    func holdBack(_ message: [String: Value]) -> Bool {
        guard let method = message["method"]?.stringValue, !Self.handshake.contains(method) else { return false }
        return lock.withLock {
            guard state.heldBack != nil else { return false }
            if state.heldBack!.count < Self.heldBackLimit { state.heldBack!.append(message) } else { state.droppedWhileHeld += 1 }
            return true
        }
    }

    var isHeldAhead: Bool { lock.withLock { state.heldBack != nil } }
    var hasDrawn: Bool { lock.withLock { state.hasDrawn } }

    /// The card's view now: its delegate, its connector's tools and its host context (told to the view
    /// when it differs from the one it was made with); what it asked while held is acted on now.
    func adopt(appTools: Set<String>, context: HostContext, delegate: LiveViewDelegate?) async {
        let (waiting, dropped, page): ([[String: Value]], Int, String?) = lock.withLock {
            state.delegate = delegate
            defer { state.heldBack = nil; state.droppedWhileHeld = 0 }
            return (state.heldBack ?? [], state.droppedWhileHeld, state.pageSession)
        }
        if bridge.adopt(appTools: appTools, context: context) {
            if let page { try? await setViewport(width: context.widthPixels, page: page) }
            await bridge.notify("ui/notifications/host-context-changed", context.json)
        }
        if dropped > 0 {
            delegate?.liveView(self, log: "notice", message: "the view asked more than \(Self.heldBackLimit) things before it was shown; \(dropped) were dropped")
        }
        for message in waiting { Task { await bridge.receive(message, view: self, delegate: delegate) } }
    }

    /// A held view no card took: it goes with what it asked, without `ui/resource-teardown` (it was
    /// never shown and had no data), ending an open still under way.
    func discard() {
        fail("the view made ahead was not needed")
        disposeContext()
    }
}
