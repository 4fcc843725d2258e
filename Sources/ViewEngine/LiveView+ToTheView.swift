import Foundation
import MCP

/// What goes to a running view: the host's messages, its frame's height, and the notifications it
/// gets again after a reload.
extension LiveView {
    /// Keys sorted, so a view gets the same text for the same data (a dictionary's own order varies).
    private static let messageEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    func deliver(_ message: Value) async {
        guard let (page, world) = lock.withLock({ state.pageSession.flatMap { page in state.hostWorld.map { (page, $0) } } }),
              let json = try? Self.messageEncoder.encode(message) else { return }
        _ = try? await connection.call("Runtime.evaluate", ["expression": .string("chattuiDeliver(\(String(decoding: json, as: UTF8.self)))"),
                                                            "contextId": .int(world)], session: page)
    }

    func resizeFrame(height: Int) async {
        guard let (page, world) = lock.withLock({ state.pageSession.flatMap { page in state.hostWorld.map { (page, $0) } } }) else { return }
        _ = try? await connection.call("Runtime.evaluate", ["expression": .string("chattuiResize(\(height))"), "contextId": .int(world)], session: page)
    }

    /// A notification the view gets again after a reload (the tool's input and result).
    private func sendKept(_ method: String, _ params: Value) async {
        lock.withLock { state.sticky.append(.object(["jsonrpc": "2.0", "method": .string(method), "params": params])) }
        await bridge.notify(method, params)
    }

    /// `ui/notifications/tool-input-partial`, while the model streams the arguments.
    public func sendToolInputPartial(arguments: [String: Value]) async {
        await bridge.notify("ui/notifications/tool-input-partial", .object(["arguments": .object(arguments)]))
    }

    /// `ui/notifications/tool-input`: once, with the complete arguments (a second call is ignored).
    public func sendToolInput(arguments: [String: Value]) async {
        let sent = lock.withLock { state.sticky.contains { $0.objectValue?["method"]?.stringValue == "ui/notifications/tool-input" } }
        if !sent { await sendKept("ui/notifications/tool-input", .object(["arguments": .object(arguments)])) }
    }
    /// `ui/notifications/tool-result`: the `CallToolResult` as JSON.
    public func sendToolResult(_ result: Value) async { await sendKept("ui/notifications/tool-result", result) }
    public func sendToolCancelled(reason: String) async { await sendKept("ui/notifications/tool-cancelled", .object(["reason": .string(reason)])) }
}
