@testable import ChatFeatures
import ConversationModel
import Foundation
import Testing
import TestSupport
import TerminalUI

/// What a walkthrough found still rough in issue 13, each in the real binary in tmux: copying any
/// message, `/model` with no provider, status messages too long for the line, Files started in the
/// home folder, and the directory's categories at 100 columns.
@Suite(.serialized) struct EverydayPolishEndToEndTests {
    typealias Walk = WalkthroughTests

    /// Alt-C (or `/copy` before any answer) highlights a message; ↑/↓ move it, Enter copies it (OSC 52).
    @Test(.timeLimit(.minutes(2))) func anyMessageCanBeChosenAndCopied() throws {
        let session = try TmuxSession(prepare: LayoutEndToEndTests.noConnectors)
        try session.waitFor("no model") { $0.contains("no model") }
        for note in ["the first note", "the second note"] {
            try Walk.run(session, note)
            try session.waitFor("the note saved") { $0.contains(note) && !$0.contains("› \(note)") }
        }
        // No answer yet: /copy opens the choice on the newest message.
        try Walk.run(session, "/copy")
        let chosen = try Walk.see(session, .wide, "the newest message highlighted") { $0.contains("▌") && $0.contains("Enter copy") }
        let marked = chosen.split(separator: "\n").filter { $0.hasPrefix("▌") }
        #expect(marked.contains { $0.contains("the second note") } && !marked.contains { $0.contains("the first note") }, "\(chosen)")
        try session.send("Up")
        try session.waitFor("the first note highlighted") { screen in
            screen.split(separator: "\n").contains { $0.hasPrefix("▌") && $0.contains("the first note") }
        }
        try session.send("Enter")
        try session.waitFor("Copied your message")
        #expect(try session.tmux(["show-buffer"]) == "the first note")
        #expect(!(try session.screen()).contains("▌"), "Enter leaves the mode")

        // Alt-C opens it from the composer; Esc leaves without copying.
        try session.send("M-c")
        try session.waitFor("the highlight again") { $0.contains("▌") }
        try session.send("Escape")
        try session.waitFor("the highlight gone") { !$0.contains("▌") && $0.contains("› Message") }
        #expect(try session.tmux(["show-buffer"]) == "the first note")
    }

    /// `/model` with no provider says what to configure rather than showing an empty list.
    @Test(.timeLimit(.minutes(2))) func modelWithNoProviderSaysWhatToConfigure() throws {
        let session = try TmuxSession(prepare: LayoutEndToEndTests.noConnectors)
        try session.waitFor("no model") { $0.contains("no model") }
        try Walk.run(session, "/model")
        let screen = try Walk.see(session, .wide, "what to configure") { $0.contains("╭─ Model") && $0.contains("ANTHROPIC_API_KEY") }
        #expect(screen.contains("OPENAI_BASE_URL") && screen.contains("Esc"), "\(screen)")
        try session.send("Escape")
        try session.waitFor("the picker closed") { !$0.contains("╭─ Model") }
    }

    /// A status message wider than the line says where to read it, and `/status` shows it whole.
    @Test(.timeLimit(.minutes(2))) func aLongStatusMessageCanBeReadWhole() throws {
        let session = try TmuxSession(width: 60, height: 20, prepare: LayoutEndToEndTests.noConnectors)
        try session.waitFor("no model") { $0.contains("no model") }
        try Walk.run(session, "/model somewhere/else")
        let cut = try session.waitFor("the message cut, pointing at /status") { $0.contains("/status shows all") }
        #expect(!cut.contains("config.toml."), "the end of the message did not fit:\n\(cut)")
        try Walk.run(session, "/status")
        var seen = try session.waitFor("the recent messages") { $0.contains("Recent status messages") }
        for _ in 0..<5 where !seen.contains("config.toml.") {
            try session.send("PageDown")
            Thread.sleep(forTimeInterval: 0.2)
            seen += try session.screen()
        }
        #expect(seen.contains("config.toml."), "the whole message:\n\(seen)")
    }

    /// Ctrl-Z gives the terminal back to the shell and stops chattui; `fg` brings it back, redrawn, and
    /// nothing typed at the shell reaches the conversation (it once ignored Ctrl-Z, and "fg" was sent to the model).
    @Test(.timeLimit(.minutes(2))) func ctrlZSuspendsToTheShellAndFgComesBack() throws {
        let session = try TmuxSession(prepare: LayoutEndToEndTests.noConnectors)
        try session.restartFromAShell()
        try session.waitFor("Type a message and press Enter")
        try session.type("half a draft")
        try session.send("C-z")
        try session.waitFor("the shell saying the job stopped") { $0.contains("Stopped") && $0.split(separator: "\n").contains("$") }
        try session.type("fg")
        try session.send("Enter")
        let back = try session.waitFor("chattui redrawn with the draft") { $0.contains("half a draft") && $0.contains("Enter send") }
        #expect(!back.contains("› half a draftfg") && !back.contains("Stopped"), "\(back)")
    }

    /// Every note chattui had at start (a broken theme, an unknown key binding) can be read in /status,
    /// which the status line points to.
    @Test(.timeLimit(.minutes(2))) func startNotesAreAllInStatus() throws {
        let session = try TmuxSession(prepare: { folder in
            try LayoutEndToEndTests.noConnectors(folder)
            let config = folder.appendingPathComponent("config/chattui")
            try FileManager.default.createDirectory(at: config.appendingPathComponent("themes"), withIntermediateDirectories: true)
            try "[ui\nbroken = ".write(to: config.appendingPathComponent("themes/bad.toml"), atomically: true, encoding: .utf8)
            try "[keys]\n\"ctrl-q\" = \"frobnicate\"\n".write(to: config.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        })
        try session.waitFor("the theme error") { $0.contains("Theme error") }
        try Walk.run(session, "/status")
        let log = try session.waitFor("the recent messages") { $0.contains("Recent status messages") }
        #expect(log.contains("Theme error") && log.contains("frobnicate"), "\(log)")
    }

    /// Started in the home folder, Files stands idle and says why: no failure in the header or /connectors.
    @Test(.timeLimit(.minutes(2))) func filesInTheHomeFolderStandsIdleNotFailed() throws {
        let session = try TmuxSession()
        // Again, with the folder it starts in (the data folder) as the home folder.
        try session.tmux(["respawn-pane", "-k", "-t", "main",
                          "cd '\(session.dataDirectory.path)' && HOME='\(session.dataDirectory.path)' sh launch.sh; sleep 600"])
        let header = try session.waitFor("the connectors settled") { !$0.contains("starting") && $0.contains("1 connector on") }
        #expect(header.contains("files: not serving your home folder") && !header.contains("failed"), "\(header)")
        try session.send("C-o")
        let panel = try session.waitFor("the connectors panel") { $0.contains("Connectors ·") }
        #expect(panel.contains("not serving your home folder") && !panel.contains("failed"), "\(panel)")
    }

    /// At 100 columns the directory's categories wrap, so every one is seen.
    @Test(.timeLimit(.minutes(2))) func everyDirectoryCategoryIsSeenAt100Columns() throws {
        let session = try TmuxSession(prepare: LayoutEndToEndTests.noConnectors)
        try session.waitFor("no model") { $0.contains("no model") }
        try Walk.run(session, "/directory")
        let screen = try Walk.see(session, .wide, "the directory") { $0.contains("Connectors directory") && $0.contains("Linear") }
        for category in ["Productivity", "Files & documents", "Development", "Analytics & data", "Sales & CRM", "Communication", "Design"] {
            #expect(screen.contains(" \(category) "), "\(category) is not seen:\n\(screen)")
        }
    }
}

/// A huge message is laid out off the main thread the first time: what asks for its lines gets a
/// one-line placeholder at once, and the lines once the run loop is told they are ready.
@Suite struct OffMainLayoutTests {
    @Test func aHugeMessageShowsAPlaceholderUntilItsLinesAreReady() throws {
        let layout = TranscriptLayout(time: .utc)
        let ready = DispatchSemaphore(value: 0)
        layout.onLaidOut = { ready.signal() }
        let huge = Message(id: 1, conversationID: 1, role: .user, status: .complete, createdAt: Date(timeIntervalSince1970: 0),
                           blocks: [ContentBlock(kind: .text, text: String(repeating: "x", count: 1_000_000))])
        let first = layout.lines(for: huge, width: 80)
        #expect(first.count == 2 && first[0].plainText.contains("Laying out a long message (1 MB)"), "\(first.map(\.plainText))")
        #expect(ready.wait(timeout: .now() + 60) == .success, "the layout finished and said so")
        let laidOut = layout.lines(for: huge, width: 80)
        #expect(laidOut.contains { $0.plainText.contains("more characters") }, "the cut line, once ready")
        #expect(layout.lines(for: huge, width: 80) == laidOut, "kept once taken")

        // A small message is laid out at once.
        let small = Message(id: 2, conversationID: 1, role: .user, status: .complete, createdAt: Date(timeIntervalSince1970: 0),
                            blocks: [ContentBlock(kind: .text, text: "hello")])
        #expect(layout.lines(for: small, width: 80).contains { $0.plainText.contains("hello") })
    }
}
