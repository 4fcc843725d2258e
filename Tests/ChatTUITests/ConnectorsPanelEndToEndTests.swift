import Foundation
import Testing
import TestSupport

/// /connectors as a person uses it in the real binary: pasting headers into the custom form,
/// disconnecting a local connector on purpose, and the rows at 50 columns.
@Suite(.serialized) struct ConnectorsPanelEndToEndTests {
    typealias Walk = WalkthroughTests

    /// `clock` (the reference time server, local) and `broken` (a command that is not there).
    static func clockAndBroken(_ folder: URL) throws {
        let config = folder.appendingPathComponent("config/chattui")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        let clock = TurnEndToEndTests.root.appendingPathComponent(".venv/bin/mcp-server-time").path
        try #"{"mcpServers": {"clock": {"command": "\#(clock)"}, "broken": {"command": "/nonexistent/server-that-is-missing", "args": ["--with", "arguments"]}}}"#
            .write(to: config.appendingPathComponent("connectors.json"), atomically: true, encoding: .utf8)
    }

    /// Two header lines pasted into the headers field stay two headers (a space once joined them,
    /// making the second part of the first one's value).
    /// README: only new conversations start with the default set. Saving one (`s`) leaves an earlier
    /// conversation, which never chose its connectors, with the set it started with.
    @Test(.timeLimit(.minutes(2))) func savingTheDefaultSetKeepsEarlierConversationsAsTheyStarted() throws {
        let session = try TmuxSession()
        try session.waitFor("the built-ins on") { $0.contains("2 connectors on") && !$0.contains("starting") }
        try session.type("Earlier conversation")
        try session.send("Enter")
        try session.waitFor("sent") { $0.hasPrefix(" Earlier conversation") && $0.contains(" You ") }
        try WalkthroughTests.run(session, "/new")
        try session.waitFor("a new conversation with the built-ins") { $0.hasPrefix(" New conversation") && $0.contains("2 connectors on") }
        try session.type("Later conversation")
        try session.send("Enter")
        try session.waitFor("sent") { $0.hasPrefix(" Later conversation") && $0.contains(" You ") }
        try session.send("C-o")
        try session.waitFor("the panel") { $0.contains("Connectors · 2 on") }
        try session.send("n")
        try session.waitFor("all off") { $0.contains("Connectors · 0 on") }
        try session.send("s")
        try session.waitFor("saved as the default") { $0.contains("New conversations will start with these connectors.") }
        try WalkthroughConnectorsTests.closePanels(session)
        try WalkthroughTests.run(session, "/conversations")
        try session.waitFor("╭─ Conversations")
        try session.type("Earlier")
        try session.waitFor("only the earlier one") { WalkthroughTests.belowHeader($0).contains("Earlier conversation") && !WalkthroughTests.belowHeader($0).contains("Later conversation") }
        try session.send("Enter")
        let earlier = try session.waitFor("the earlier conversation") { $0.hasPrefix(" Earlier conversation") && !$0.contains("╭─ Conversations") }
        #expect(earlier.contains("2 connectors on"), "\(earlier)")
        try WalkthroughTests.run(session, "/new")
        try session.waitFor("a new conversation with the saved default") { $0.hasPrefix(" New conversation") && $0.contains("0 connectors on") }
    }

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

    /// `d` stops a local connector: disconnected, not failed; opening it again (or `r`) starts it.
    @Test(.timeLimit(.minutes(2))) func disconnectingALocalConnectorIsNotAFailure() throws {
        let session = try TmuxSession(prepare: Self.clockAndBroken)
        try session.waitFor("Type a message and press Enter")
        try Walk.run(session, "/connectors clock")
        try Walk.see(session, .wide, "clock started by its details") { $0.contains("State         ready · 2 tools") }
        try session.send("d")
        let stopped = try Walk.see(session, .wide, "clock disconnected") { $0.contains("State         disconnected") }
        #expect(!stopped.contains("failed: disconnected") && !stopped.contains("Forgot clock's sign-in"), "\(stopped)")
        try session.send("Escape")
        let list = try Walk.see(session, .wide, "the list") { $0.contains("Connectors ·") && !$0.contains("Connectors ›") }
        let row = list.components(separatedBy: "\n").first { $0.contains(" clock ") } ?? ""
        #expect(row.contains("disconnected") && !row.contains("failed"), "\(row)")
        try session.send("Enter")
        try Walk.see(session, .wide, "opening its details starts it again") { $0.contains("State         ready · 2 tools") }
        try session.send("d")
        try session.waitFor("State         disconnected")
        try session.send("r")
        try Walk.see(session, .wide, "r starts it again") { $0.contains("State         ready · 2 tools") }
    }

    /// At 50 columns a failed connector's row gives its reason the room padding took.
    @Test(.timeLimit(.minutes(2))) func aFailedRowAt50ColumnsShowsItsReason() throws {
        let size = TerminalSize.narrow
        let session = try TmuxSession(width: size.width, height: size.height, prepare: Self.clockAndBroken)
        try session.waitFor("no model") { $0.contains("no model") }
        try session.send("C-o")
        try session.waitFor("Connectors ·")
        try session.send("a")
        let screen = try Walk.see(session, size, "broken failed") { $0.contains("broken") && $0.contains("failed") && $0.contains("ready · 2") }
        let rows = screen.components(separatedBy: "\n").filter { $0.contains("[on]") }
        let broken = rows.first { $0.contains("broken") } ?? ""
        #expect(broken.contains("failed: command not"), "\(rows)")
        // Text is cut only where no padding is left to give it: the names' column is as wide as the longest name.
        for row in rows where row.contains("…") {
            let afterUse = (row.split(separator: "]", maxSplits: 1).last.map(String.init) ?? "").trimmingCharacters(in: .whitespaces)
            let name = afterUse.prefix { $0 != " " }
            let padding = afterUse.dropFirst(name.count).prefix { $0 == " " }.count
            #expect(padding <= "broken".count - name.count + 2, "padding left while the text is cut: \(row)")
        }
    }
}
