import Foundation
import Testing
import TestSupport

/// A live card in the real binary: a prefab-ui app (a 7 MB React view nobody here wrote) served by
/// the official Python SDK's Apps extension, run by Debian's Chromium and driven with keys in tmux.
@Suite(.serialized) struct LiveCardEndToEndTests {
    static let peer = TurnEndToEndTests.root.appendingPathComponent("Tests/ViewEngineTests/Peers/live_apps_server.py").path

    /// The live-apps peer as the connector `live`; its app-only tool writes each call to `calls.log`.
    /// `extraButtons` more buttons on the board number its controls past 9.
    static func prepareLiveApps(_ folder: URL, extraButtons: Int) throws {
        let config = folder.appendingPathComponent("config/chattui")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        let python = TurnEndToEndTests.root.appendingPathComponent(".venv/bin/python").path
        let calls = folder.appendingPathComponent("calls.log").path
        let json = #"{"mcpServers": {"live": {"command": "\#(python)", "args": ["\#(peer)"], "env": {"PEER_CALL_LOG": "\#(calls)", "BOARD_EXTRA_BUTTONS": "\#(extraButtons)"}}}}"#
        try json.write(to: config.appendingPathComponent("connectors.json"), atomically: true, encoding: .utf8)
    }

    static func prepareLiveApps(_ folder: URL) throws { try prepareLiveApps(folder, extraButtons: 0) }

    /// The number the card gives the control labelled `label`: the last `[n]` before the label, since
    /// a line can hold several controls (`[7][ File issue ] [8][ Ask the model ]`).
    static func number(of label: String, in screen: String) -> Int? {
        // Controls keep their words together with no-break spaces.
        guard let line = screen.replacingOccurrences(of: "\u{00A0}", with: " ").split(separator: "\n").first(where: { $0.contains(label) }),
              let labelStart = line.firstRange(of: label)?.lowerBound,
              let match = line[..<labelStart].matches(of: /\[(\d+)\]/).last else { return nil }
        return Int(match.1)
    }

    /// The screen with the card's no-break spaces as spaces, once it holds `text`. A 7 MB React view
    /// takes seconds to draw on a loaded machine, so this waits longer than for a key's echo.
    @discardableResult
    static func waitForCard(_ session: TmuxSession, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let deadline = Date().addingTimeInterval(60)
        var screen = ""
        while Date() < deadline {
            screen = try session.screen().replacingOccurrences(of: "\u{00A0}", with: " ")
            if screen.contains(text) { return screen }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("“\(text)” never reached the card; screen was:\n\(screen)", sourceLocation: sourceLocation)
        return screen
    }

    static func showBoard(_ session: TmuxSession) throws {
        try session.waitForConnectorReady()
        try session.type("Show the release board")
        try session.send("Enter")
        try session.waitForQuestion("release_board")
        try session.send("y")
    }

    @Test(.timeLimit(.minutes(3))) func aLiveViewIsDrawnInItsCardAndKeptForARestart() throws {
        let folder = TemporaryDirectory()
        let model = try TurnEndToEndTests.model(["anthropic_live_board_call", "anthropic_text"], folder: folder)
        let session = try TmuxSession(width: 100, height: 60, environment: ["ANTHROPIC_BASE_URL": "http://127.0.0.1:\(model.port)",
                                                                         "ANTHROPIC_API_KEY": "test"], prepare: Self.prepareLiveApps)
        try Self.showBoard(session)
        // The view's own text, built by its script in the browser, is the card, controls numbered.
        try Self.waitForCard(session, "Crash on resize")
        try Self.waitForCard(session, "[ File issue ]")
        try session.send("Tab")
        try session.waitFor("the card focused with its live keys") { $0.contains("controls") && $0.contains("reload") }

        // The text was stored with the message: after a restart it shows before any browser runs.
        try session.send("Escape")
        try session.send("C-c")
        try session.restart()
        try session.waitFor("the stored live text after a restart") { $0.contains("Crash on resize") }
        _ = model
    }

    @Test(.timeLimit(.minutes(3))) func keysReachTheViewsControls() throws {
        let folder = TemporaryDirectory()
        let model = try TurnEndToEndTests.model(["anthropic_live_board_call", "anthropic_text"], folder: folder)
        let session = try TmuxSession(width: 100, height: 60, environment: ["ANTHROPIC_BASE_URL": "http://127.0.0.1:\(model.port)",
                                                                         "ANTHROPIC_API_KEY": "test"], prepare: Self.prepareLiveApps)
        try Self.showBoard(session)
        try Self.waitForCard(session, "[ File issue ]")
        try session.send("Tab")
        let screen = try session.waitFor("the card focused with its live keys") { $0.contains("controls") && $0.contains("reload") }
        try Self.driveControls(session, screen: screen)
        _ = model
    }

    static func driveControls(_ session: TmuxSession, screen: String) throws {
        let title = try #require(Self.number(of: "Title", in: screen), "the title box is numbered:\n\(screen)")
        let file = try #require(Self.number(of: "File issue", in: screen), "the button is numbered:\n\(screen)")
        let ask = try #require(Self.number(of: "Ask the model", in: screen), "the message button is numbered:\n\(screen)")

        // The button, reached by its number, makes the view call its app-only tool, through chattui's
        // approval like any call that may change things.
        try session.type(String(file))
        try session.send("Enter")
        try Self.waitForCard(session, "A view's call")
        try session.send("C-y")
        let log = session.dataDirectory.appendingPathComponent("calls.log")
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, !((try? String(contentsOf: log, encoding: .utf8)) ?? "").contains("file_issue") { Thread.sleep(forTimeInterval: 0.1) }
        #expect(((try? String(contentsOf: log, encoding: .utf8)) ?? "").contains("file_issue"), "the server got the view's call")
        Thread.sleep(forTimeInterval: 2)
        if try session.screen().contains("A view's call") {
            Issue.record("one Enter on the button asked for a second call")
            try session.send("n")
        }

        // ui/message lands in the composer (Space clicks a focused button).
        try session.type(String(ask))
        try session.send("Space")
        try Self.waitForCard(session, "Summarise the release board")

        // Typing goes into the focused field.
        try session.type(String(title))
        try session.type("Broken save")
        try Self.waitForCard(session, "Title: [Broken save")
    }

    /// A view whose document never holds anything is not drawn: after the deadline (`CHATTUI_VIEW_DEADLINE`,
    /// 3 s here) the card shows the result and says why.
    @Test(.timeLimit(.minutes(2))) func aViewNeverDrawnFallsBackToTheResultAndSaysSo() throws {
        let folder = TemporaryDirectory()
        let model = try TurnEndToEndTests.model(["anthropic_live_quiet_call", "anthropic_text"], folder: folder)
        let session = try TmuxSession(width: 100, height: 40, environment: ["ANTHROPIC_BASE_URL": "http://127.0.0.1:\(model.port)",
                                                                         "ANTHROPIC_API_KEY": "test", "CHATTUI_VIEW_DEADLINE": "3"],
                                      prepare: Self.prepareLiveApps)
        try session.waitForConnectorReady()
        try session.type("Show the quiet board")
        try session.send("Enter")
        try session.waitForQuestion("quiet_board")
        try session.send("y")
        let screen = try Self.waitForCard(session, "the view was not drawn within 3 s; showing the result")
        #expect(screen.contains("\"open\": 3"), "the structured result is shown:\n\(screen)")
        try session.send("Tab")
        try session.waitFor("the card focused as a static card") { $0.contains("a actions") && !$0.contains("reload") }
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
