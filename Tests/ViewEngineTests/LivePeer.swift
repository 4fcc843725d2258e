import Foundation
import MCP
import MCPClient
import TestSupport
import ToolCards
@testable import ViewEngine

/// The live-apps peer (the official Python SDK's Apps extension serving prefab-ui views), reached
/// through chattui's own MCPClient, and a delegate that does what the interface will: forwards the
/// view's calls to its connector and records everything else.
enum LivePeer {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let python = root.appendingPathComponent(".venv/bin/python").path
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Peers/live_apps_server.py").path
    /// For tests about what a drawn 7 MB view does, not about the 10 s deadline: on two loaded cores, with
    /// other browsers running beside it, its first content can take longer than a person would wait.
    static let loadedMachineDeadline: Duration = .seconds(40)

    static func connect(_ folder: TemporaryDirectory, environment: [String: String] = [:]) async throws -> (ServerConnection, ServerSnapshot) {
        let configuration = ServerConfiguration(name: "live-apps", transport: .stdio(command: python, arguments: [script],
                                                                                   environment: environment, workingDirectory: nil),
                                                requestTimeout: .seconds(60))
        let connection = ServerConnection(configuration: configuration, logDirectory: folder.url)
        return (connection, try await connection.open())
    }

    /// The view a tool names, as the engine runs it.
    static func view(_ uri: String, on connection: ServerConnection) async throws -> ViewContent {
        guard let resource = try await connection.readResource(uri).first, let html = resource.text else {
            throw ViewEngineError(description: "no view at \(uri)")
        }
        return ViewContent(html: html, declared: .init(uiMeta: resource._meta?["ui"]))
    }

    static func appTools(_ snapshot: ServerSnapshot) -> Set<String> {
        Set(snapshot.tools.filter(AppToolVisibility.isOpenToApps).map(\.name))
    }

    static func json<T: Encodable>(_ value: T) throws -> Value {
        try JSONDecoder().decode(Value.self, from: JSONEncoder().encode(value))
    }
}

final class RecordingDelegate: LiveViewDelegate, @unchecked Sendable {
    let connection: ServerConnection?
    /// How long a view's call waits before it runs, as the person's approval makes it wait.
    var callDelay: Duration = .zero
    private let lock = NSLock()
    private var _messages: [String] = []
    private var _calls: [String] = []
    private var _logs: [String] = []
    private var _failures: [String] = []
    private var _redraws = 0

    init(connection: ServerConnection?) { self.connection = connection }

    var messages: [String] { lock.withLock { _messages } }
    var calls: [String] { lock.withLock { _calls } }
    var logs: [String] { lock.withLock { _logs } }
    var failures: [String] { lock.withLock { _failures } }
    var redraws: Int { lock.withLock { _redraws } }

    func liveView(_ view: LiveView, callTool name: String, arguments: [String: Value]) async throws -> Value {
        lock.withLock { _calls.append(name) }
        try await Task.sleep(for: callDelay)
        guard let connection else { throw ViewEngineError(description: "no connector") }
        return try LivePeer.json(try await connection.callTool(name, arguments: arguments))
    }

    func liveView(_ view: LiveView, readResource uri: String) async throws -> Value {
        guard let connection else { throw ViewEngineError(description: "no connector") }
        return .object(["contents": try LivePeer.json(try await connection.readResource(uri))])
    }

    func liveView(_ view: LiveView, sendMessage role: String, content: [Value]) async -> Bool {
        let text = content.compactMap { $0.objectValue?["text"]?.stringValue }.joined()
        lock.withLock { _messages.append(text) }
        return true
    }

    func liveView(_ view: LiveView, openLink url: String) async -> Bool { false }
    func liveView(_ view: LiveView, updateModelContext context: Value) {}
    func liveView(_ view: LiveView, sizeChanged width: Int?, height: Int?) {}
    func liveView(_ view: LiveView, log level: String, message: String) { lock.withLock { _logs.append(message) } }
    func liveView(_ view: LiveView, didRedraw text: LiveViewText) { lock.withLock { _redraws += 1 } }
    func liveView(_ view: LiveView, didFail reason: String) { lock.withLock { _failures.append(reason) } }
}

/// Waits for `condition` (checked every 50 ms) up to `seconds`; true if it came.
func eventually(_ seconds: Double = 20, _ condition: () async -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return await condition()
}

extension LiveView {
    /// The card's text at 100 columns, controls' no-break spaces as spaces.
    var plainText: String { text.lines(width: 100).map(\.plainText).joined(separator: "\n").replacingOccurrences(of: "\u{00A0}", with: " ") }

    func control(named label: String) -> Int? { text.controls.firstIndex { $0.label == label }.map { $0 + 1 } }
}
