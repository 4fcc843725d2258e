import Foundation
import Testing
import TestSupport

/// A remote (HTTP) connector whose call does not answer for 30 s: the official SDK's server
/// in event-stream mode, which in the 2026-07-28 era cancels a call whose response stream
/// the client closes (its JSON mode runs the call to the end whatever the client does).
@Suite(.serialized) struct HungConnectorEndToEndTests {
    /// Starts the peer on loopback, its markers in the data folder, and configures it as an HTTP connector.
    static func prepareHTTPPeer(_ folder: URL, port: Int) throws -> LocalServer {
        let python = TurnEndToEndTests.root.appendingPathComponent(".venv/bin/python").path
        let peer = TurnEndToEndTests.root.appendingPathComponent("Tests/MCPClientTests/Peers/peer_server.py").path
        let server = try LocalServer([python, peer, "http", String(port), "sse", "stateful"], port: port, environment: ["PEER_MARKER_DIR": folder.path])
        let config = folder.appendingPathComponent("config/chattui")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        let json = #"{"mcpServers": {"peer": {"type": "http", "url": "http://127.0.0.1:\#(port)/mcp"}}}"#
        try json.write(to: config.appendingPathComponent("connectors.json"), atomically: true, encoding: .utf8)
        return server
    }

    static func startSlowCall(_ session: TmuxSession, message: String) throws {
        try session.type(message)
        try session.send("Enter")
        try session.waitForQuestion("Allow peer · slow?")
        try session.send("y")
        // Its progress shows the server has the call: before that, a stop has nothing there to cancel.
        try session.waitFor("the call running with its progress") { $0.contains("⚙ peer · slow") && $0.contains("% step") }
    }

    @Test(.timeLimit(.minutes(2))) func escAndCtrlCEndAHungHTTPCallAtOnce() throws {
        let folder = TemporaryDirectory()
        let model = try TurnEndToEndTests.model(["anthropic_slow_call", "anthropic_slow_call"], folder: folder)
        let port = freeLocalPort()
        var peer: LocalServer?
        let session = try TmuxSession(answeredBy: model) { peer = try Self.prepareHTTPPeer($0, port: port) }
        try session.waitForConnectorReady()

        try Self.startSlowCall(session, message: "Run the slow job")
        try session.send("Escape")
        try session.waitFor("the turn stopped") { $0.contains("Stopped. What had arrived is kept.") }
        try session.waitFor("the call's result says it was cancelled") { $0.contains("✗") && $0.contains("Cancelled") }
        let marker = session.dataDirectory.appendingPathComponent("cancelled")
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: marker.path) && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(FileManager.default.fileExists(atPath: marker.path), "the server saw the call cancelled")

        // Ctrl-C with the call hanging again: it quits, or stops the turn first and quits on the next Ctrl-C.
        try FileManager.default.removeItem(at: marker)
        try Self.startSlowCall(session, message: "Once more")
        // After a second the status reads "⠋ answering… 2s · Esc stops".
        try session.waitFor("the turn running") { $0.contains("answering…") && $0.contains("Esc stops") }
        try session.send("C-c")
        let after = try session.waitFor("quit or the turn stopped") {
            $0.contains("[chattui exited") || !($0.contains("answering…") || $0.contains("stopping…"))
        }
        if !after.contains("[chattui exited") { try session.send("C-c") }
        try session.waitFor("[chattui exited 0]")
        _ = peer
    }
}
