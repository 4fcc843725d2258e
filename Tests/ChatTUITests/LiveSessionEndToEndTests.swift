import Foundation
import Testing
import TestSupport

/// The session's side of live cards in the real binary: what a view tells the model reaches the next
/// model request, a stored card's view works again after a restart, and a second Esc stops a view's
/// call. The view is a prefab-ui app (React code nobody here wrote) over the official Python SDK's
/// Apps extension, run by Debian's Chromium and driven with keys in tmux.
@Suite(.serialized) struct LiveSessionEndToEndTests {
    static let peer = TurnEndToEndTests.root.appendingPathComponent("Tests/ChatTUITests/Peers/live_desk_server.py").path

    /// The desk peer as the connector `live`, `first` its first button (`view` "pushy" for the view that
    /// acts on its own); its tools write each call and cancellation to `calls.log`.
    static func prepareDesk(_ folder: URL, first: String, view: String = "desk") throws {
        let config = folder.appendingPathComponent("config/chattui")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        let python = TurnEndToEndTests.root.appendingPathComponent(".venv/bin/python").path
        let calls = folder.appendingPathComponent("calls.log").path
        let json = #"{"mcpServers": {"live": {"command": "\#(python)", "args": ["\#(peer)"], "env": {"PEER_CALL_LOG": "\#(calls)", "DESK_FIRST": "\#(first)", "DESK_VIEW": "\#(view)"}}}}"#
        try json.write(to: config.appendingPathComponent("connectors.json"), atomically: true, encoding: .utf8)
    }

    static func session(_ model: LocalServer, first: String, view: String = "desk") throws -> TmuxSession {
        try TmuxSession(width: 100, height: 50, environment: ["ANTHROPIC_BASE_URL": "http://127.0.0.1:\(model.port)", "ANTHROPIC_API_KEY": "test"],
                        prepare: { try prepareDesk($0, first: first, view: view) })
    }

    /// The model's answer calls the desk's tool; its card's view is drawn and Tab gives it the keys.
    static func openDesk(_ session: TmuxSession) throws -> String {
        try LiveCardEndToEndTests.showBoard(session)
        try LiveCardEndToEndTests.waitForCard(session, "[ Check slowly ]")
        return try focusDesk(session)
    }

    static func focusDesk(_ session: TmuxSession) throws -> String {
        try session.send("Tab")
        return try session.waitFor("the card focused with its live keys") { $0.contains("controls") && $0.contains("reload") }
    }

    /// Reaches the button by its number and presses it.
    static func press(_ label: String, _ session: TmuxSession, screen: String) throws {
        let number = try #require(LiveCardEndToEndTests.number(of: label, in: screen), "“\(label)” is numbered:\n\(screen)")
        try session.type(String(number))
        try session.send("Enter")
    }

    /// Waits until `file` (the peer's call log or chattui's connector log) holds `text`.
    static func waitForLine(_ text: String, in file: () -> URL?, _ description: String, screen: TmuxSession? = nil,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        let deadline = Date().addingTimeInterval(30)
        var content = ""
        while Date() < deadline {
            content = file().flatMap { try? String(contentsOf: $0, encoding: .utf8) } ?? ""
            if content.contains(text) { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let shown = screen.flatMap { try? $0.screen() }.map { "\nThe screen was:\n\($0)" } ?? ""
        Issue.record("\(description): “\(text)” never came; the file held:\n\(content)\(shown)", sourceLocation: sourceLocation)
    }

    static func connectorLog(_ session: TmuxSession) -> URL? {
        let files = FileManager.default.enumerator(at: session.dataDirectory, includingPropertiesForKeys: nil)
        return files?.compactMap { $0 as? URL }.first { $0.lastPathComponent == "live.log" }
    }

    static func calls(_ session: TmuxSession) -> URL { session.dataDirectory.appendingPathComponent("calls.log") }

    @Test(.timeLimit(.minutes(3))) func whatAViewTellsTheModelGoesWithTheNextRequest() throws {
        let folder = TemporaryDirectory()
        let model = try TurnEndToEndTests.model(["anthropic_live_board_call", "anthropic_text"], folder: folder)
        let session = try Self.session(model, first: "share")
        let screen = try Self.openDesk(session)
        let shared = "The person is looking at issue 7: Crash on resize"
        let requests = folder.url.appendingPathComponent("requests.jsonl")
        #expect(!((try? String(contentsOf: requests, encoding: .utf8)) ?? "").contains(shared), "nothing was told before the button")

        try Self.press("Share with the model", session, screen: screen)
        Self.waitForLine("the view set what the model is told", in: { Self.connectorLog(session) }, "chattui took the view's context")
        try session.send("Escape")
        // Typed at once, the text would follow Esc as Alt-keys.
        try session.waitFor("the card left") { !$0.contains("reload") }
        try session.type("What am I looking at?")
        try session.send("Enter")
        Self.waitForLine("What am I looking at?", in: { requests }, "the next request was sent", screen: session)
        let last = try #require(try String(contentsOf: requests, encoding: .utf8).split(separator: "\n").last)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])["body"] as? String
        let request = try #require(try JSONSerialization.jsonObject(with: Data((body ?? "").utf8)) as? [String: Any])
        let systemText = request["system"] as? String ?? ""
        #expect(systemText.contains("<view-context connector=\"live\">"), "the view's context is fenced as the connector's:\n\(systemText)")
        #expect(systemText.contains(shared), "the request carries what the view told the model:\n\(systemText)")
        _ = model
    }

    /// A view's message and link sent while its call's question waits are refused: the view is told so
    /// (`isError`, not a success it could take for delivery), and the refusals are in the connector's log.
    @Test(.timeLimit(.minutes(3))) func aViewIsToldWhenItsRequestsAreRefused() throws {
        let folder = TemporaryDirectory()
        let model = try TurnEndToEndTests.model(["anthropic_live_board_call", "anthropic_text"], folder: folder)
        let session = try Self.session(model, first: "share", view: "asker")
        try LiveCardEndToEndTests.showBoard(session)
        try LiveCardEndToEndTests.waitForCard(session, "Asking desk")
        let screen = try Self.focusDesk(session)
        try Self.press("Ask three things", session, screen: screen)
        try LiveCardEndToEndTests.waitForCard(session, "A view's call")
        let told = try session.waitFor("the view told both were refused") { $0.contains("reply 32 refused") && $0.contains("reply 33 refused") }
        #expect(!told.contains("asked message") && !told.contains("example.com/asked"), "\(told)")
        try session.send("Escape")
        try session.waitFor("the call refused and the view told") { $0.contains("reply 31 ") }
        Self.waitForLine("the view's link to https://example.com/asked was refused", in: { Self.connectorLog(session) }, "the refusals were logged", screen: session)
        let log = (Self.connectorLog(session).flatMap { try? String(contentsOf: $0, encoding: .utf8) }) ?? ""
        #expect(log.contains("the view's message was refused or declined"), "\(log)")
        _ = model
    }

    /// A view acts for the person only right after the person acts in it: one that, on its own, asks to call
    /// a tool, writes the next message and opens a link raises nothing, and the `y`s the person types into
    /// the composer meanwhile stay text (they once approved the view's destructive call).
    @Test(.timeLimit(.minutes(3))) func aViewCannotAskOnItsOwn() throws {
        let folder = TemporaryDirectory()
        let model = try TurnEndToEndTests.model(["anthropic_live_board_call", "anthropic_text"], folder: folder)
        let session = try Self.session(model, first: "share", view: "pushy")
        try LiveCardEndToEndTests.showBoard(session)
        try LiveCardEndToEndTests.waitForCard(session, "Pushy desk")
        for _ in 0..<12 {
            try session.type("y")
            Thread.sleep(forTimeInterval: 0.25)
        }
        Self.waitForLine("refused the view's link", in: { Self.connectorLog(session) }, "the view's requests were refused", screen: session)
        let log = (Self.connectorLog(session).flatMap { try? String(contentsOf: $0, encoding: .utf8) }) ?? ""
        #expect(log.contains("refused the view's call to file_issue") && log.contains("refused the view's message"), "\(log)")
        let screen = try session.screen()
        #expect(screen.contains("› yyyyyyyyyyyy"), "every y stayed in the composer:\n\(screen)")
        #expect(!screen.contains("A view's call") && !screen.contains("unasked message") && !screen.contains("example.com/unasked"), "\(screen)")
        #expect(!((try? String(contentsOf: Self.calls(session), encoding: .utf8)) ?? "").contains("unasked"), "the server never got the call")
        _ = model
    }

    @Test(.timeLimit(.minutes(3))) func aStoredLiveCardWorksAgainAfterARestart() throws {
        let folder = TemporaryDirectory()
        let model = try TurnEndToEndTests.model(["anthropic_live_board_call", "anthropic_text"], folder: folder)
        let session = try Self.session(model, first: "file")
        _ = try Self.openDesk(session)
        try session.send("Escape")
        try session.waitFor("the card left") { !$0.contains("reload") }
        try session.send("C-c")
        // The next chattui would only read if this one still held the data folder.
        let deadline = Date().addingTimeInterval(30)
        while session.chattuiPID != nil, Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        try session.restart()
        try LiveCardEndToEndTests.waitForCard(session, "[ Check slowly ]")

        // Tab re-creates the view from the stored view, input and result; the stored text stays on
        // the card until the view has drawn its own, and its button calls the server.
        try session.send("Tab")
        var screen = ""
        var saidStarting = false
        let drawn = Date().addingTimeInterval(30)
        while Date() < drawn {
            screen = try session.screen().replacingOccurrences(of: "\u{00A0}", with: " ")
            saidStarting = saidStarting || screen.contains("Starting the view…")
            if !screen.contains("[ Check slowly ]") {
                Issue.record("the stored text left the card while its view started:\n\(screen)")
                break
            }
            if screen.contains("reload") && screen.contains("[ File issue ]") && screen.contains("[ Check slowly ]") { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(saidStarting, "the card said its view was starting")
        #expect(!screen.contains("Starting the view…"), "and stopped saying so once drawn:\n\(screen)")
        try Self.press("File issue", session, screen: screen)
        try LiveCardEndToEndTests.waitForCard(session, "A view's call")
        try session.send("C-y")
        Self.waitForLine("file_issue 'Crash on resize'", in: { Self.calls(session) }, "the server got the restored view's call", screen: session)
        _ = model
    }

    @Test(.timeLimit(.minutes(3))) func aSecondEscStopsTheViewsCallInFlight() throws {
        let folder = TemporaryDirectory()
        let model = try TurnEndToEndTests.model(["anthropic_live_board_call", "anthropic_text"], folder: folder)
        let session = try Self.session(model, first: "check")
        let screen = try Self.openDesk(session)
        try Self.press("Check slowly", session, screen: screen)
        try LiveCardEndToEndTests.waitForCard(session, "A view's call")
        try session.send("C-y")
        Self.waitForLine("slow_check started", in: { Self.calls(session) }, "the view's call reached the server")

        // The first Esc leaves the card and says the call still runs; the second stops it.
        try session.send("Escape")
        try session.waitFor("Esc again stops it")
        #expect(!((try? String(contentsOf: Self.calls(session), encoding: .utf8)) ?? "").contains("cancelled"), "leaving the card stops nothing")
        try session.send("Escape")
        Self.waitForLine("slow_check cancelled", in: { Self.calls(session) }, "the server was told the call is cancelled", screen: session)
        Self.waitForLine("the person stopped the view's call to slow_check", in: { Self.connectorLog(session) }, "the view got an error result")
        _ = model
    }
}
