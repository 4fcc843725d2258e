import Foundation
import Testing
import TestSupport

/// A live card in the real binary: a prefab-ui app (a 7 MB React view nobody here wrote) served by
/// the official Python SDK's Apps extension, run by Debian's Chromium and driven with keys in tmux.
@Suite(.serialized) struct LiveCardEndToEndTests {
    static let peer = TurnEndToEndTests.root.appendingPathComponent("Tests/ViewEngineTests/Peers/live_apps_server.py").path

    /// The live-apps peer as the connector `live`; its app-only tool writes each call to `calls.log`.
    static func prepareLiveApps(_ folder: URL) throws {
        let config = folder.appendingPathComponent("config/chattui")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        let python = TurnEndToEndTests.root.appendingPathComponent(".venv/bin/python").path
        let calls = folder.appendingPathComponent("calls.log").path
        let json = #"{"mcpServers": {"live": {"command": "\#(python)", "args": ["\#(peer)"], "env": {"PEER_CALL_LOG": "\#(calls)"}}}}"#
        try json.write(to: config.appendingPathComponent("connectors.json"), atomically: true, encoding: .utf8)
    }

    /// The number the card gives the control labelled `label` (the first `[n]` on its line).
    static func number(of label: String, in screen: String) -> Int? {
        // Controls keep their words together with no-break spaces.
        guard let line = screen.replacingOccurrences(of: "\u{00A0}", with: " ").split(separator: "\n").first(where: { $0.contains(label) }),
              let match = line.firstMatch(of: /\[(\d+)\]/) else { return nil }
        return Int(match.1)
    }

    /// A 7 MB React view takes seconds to draw on a loaded machine: wait for it longer than for a key.
    static func waitForView(_ session: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let deadline = Date().addingTimeInterval(60)
        var screen = ""
        while Date() < deadline {
            screen = try session.screen()
            if screen.contains("Release board") && screen.contains("Crash on resize") { return screen }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("the live view's text never reached the card; screen was:\n\(screen)", sourceLocation: sourceLocation)
        return screen
    }

    static func showBoard(_ session: TmuxSession) throws {
        try session.waitForConnectorReady()
        try session.type("Show the release board")
        try session.send("Enter")
        try session.waitForQuestion("release_board")
        try session.send("y")
    }

    @Test(.timeLimit(.minutes(3))) func aLiveViewIsDrawnAndDrivenWithKeys() throws {
        let folder = TemporaryDirectory()
        let model = try TurnEndToEndTests.model(["anthropic_live_board_call", "anthropic_text"], folder: folder)
        let session = try TmuxSession(width: 100, height: 60, environment: ["ANTHROPIC_BASE_URL": "http://127.0.0.1:\(model.port)",
                                                                         "ANTHROPIC_API_KEY": "test"], prepare: Self.prepareLiveApps)
        try Self.showBoard(session)
        // The view's own text, built by its script in the browser, is the card.
        var screen = try Self.waitForView(session)

        try session.send("Tab")
        screen = try session.waitFor("the card focused with its live keys") { $0.contains("controls") && $0.contains("reload") }
        let title = try #require(Self.number(of: "Title", in: screen), "the title box is numbered:\n\(screen)")
        let file = try #require(Self.number(of: "File issue", in: screen), "the button is numbered:\n\(screen)")
        try session.type(String(title))
        try session.type("Hello")
        try session.waitFor("the typed title in the view's field") { $0.contains("Hello") }
        for _ in title..<file { try session.send("Tab") }
        try session.send("Enter")
        // The view's tools/call goes through chattui's approval like any call that may change things.
        try session.waitForQuestion("file_issue")
        try session.send("y")
        let log = session.dataDirectory.appendingPathComponent("calls.log")
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, !((try? String(contentsOf: log, encoding: .utf8)) ?? "").contains("file_issue") { Thread.sleep(forTimeInterval: 0.1) }
        #expect(((try? String(contentsOf: log, encoding: .utf8)) ?? "").contains("file_issue 'Hello'"), "the server got the view's call")

        // ui/message lands in the composer.
        screen = try session.screen()
        let ask = try #require(Self.number(of: "Ask the model", in: screen), "the message button is numbered:\n\(screen)")
        try session.type(String(ask))
        try session.send("Enter")
        try session.waitFor("the view's message in the composer") { $0.contains("Summarise the release board") }
        _ = model
    }

    @Test(.timeLimit(.minutes(2))) func withoutABrowserTheResultShowsWithWhy() throws {
        let folder = TemporaryDirectory()
        let model = try TurnEndToEndTests.model(["anthropic_live_board_call", "anthropic_text"], folder: folder)
        let session = try TmuxSession(width: 100, height: 40, environment: ["ANTHROPIC_BASE_URL": "http://127.0.0.1:\(model.port)",
                                                                         "ANTHROPIC_API_KEY": "test", "CHATTUI_BROWSER": "/nonexistent"],
                                      prepare: Self.prepareLiveApps)
        try Self.showBoard(session)
        let screen = try session.waitFor("the result and why there is no live view") { $0.contains("install Debian's chromium") }
        #expect(screen.contains("open"), "the structured result is shown:\n\(screen)")
        // Nothing hangs: the composer still takes keys.
        try session.type("still here")
        try session.waitFor("still here")
        _ = model
    }
}
