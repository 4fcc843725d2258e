import Foundation
import Testing
import TestSupport

/// /connectors as a person uses it in the real binary: pasting headers into the custom form.
@Suite(.serialized) struct ConnectorsPanelEndToEndTests {
    typealias Walk = WalkthroughTests

    /// Two header lines pasted into the headers field stay two headers (a space once joined them,
    /// making the second part of the first one's value).
    @Test(.timeLimit(.minutes(2))) func pastedHeaderLinesStaySeparateHeaders() throws {
        let session = try TmuxSession(prepare: LayoutEndToEndTests.noConnectors)
        try session.waitFor("Type a message and press Enter")
        try session.send("C-o")
        try session.waitFor("Connectors ·")
        try session.send("c")
        try session.waitFor("the custom form") { $0.contains("Add custom connector") }
        try session.type("corp")
        try session.send("Tab")
        try session.type("http://127.0.0.1:\(freeLocalPort())/mcp")
        try session.send("Tab")
        try session.tmux(["set-buffer", "-b", "headers", "X-Team: a\nX-Env: prod"])
        try session.tmux(["paste-buffer", "-p", "-b", "headers", "-t", "main"])
        try Walk.see(session, .wide, "the headers, separated") { $0.contains("X-Team: a; X-Env: prod") }
        try session.send("C-s")
        try session.waitFor("added") { $0.contains("Connectors › corp") }
        let file = session.dataDirectory.appendingPathComponent("config/chattui/connectors.json")
        let stored = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        let corp = (stored["mcpServers"] as? [String: Any])?["corp"] as? [String: Any]
        #expect(corp?["headers"] as? [String: String] == ["X-Team": "a", "X-Env": "prod"], "\(String(describing: corp))")
    }
}
