import Foundation
import TerminalText
import Testing
import TestSupport
import TerminalUI

/// A terminal size a walk runs at.
struct TerminalSize: Sendable, CustomTestStringConvertible {
    let width: Int, height: Int
    var testDescription: String { "\(width)×\(height)" }
    static let wide = TerminalSize(width: 100, height: 30)
    static let narrow = TerminalSize(width: 50, height: 20)
}

/// The README walked as a new user walks it, in the real binary in tmux, at 100×30 and 50×20:
/// every documented key and command, asserted on what the screen shows. Ctrl-C's newer rules,
/// the spinner, `/find`, `/copy`, `/edit` and `/retry` have their own tests. Ctrl-Z is not walked:
/// tmux's pane does not deliver the stop signal's job control, so suspend/`fg` cannot be seen here.
@Suite(.serialized) struct WalkthroughTests {
    /// A whole, valid frame: every row there, none wider than the terminal, no character cut into
    /// a replacement glyph, the header on the first row and the key hints on the last.
    static func expectWholeFrame(_ screen: String, _ size: TerminalSize, sourceLocation: SourceLocation = #_sourceLocation) {
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let visible = rows.last == "" ? Array(rows.dropLast()) : rows
        #expect(visible.count == size.height, "\(visible.count) rows:\n\(screen)", sourceLocation: sourceLocation)
        for row in visible {
            #expect(DisplayWidth.of(row) <= size.width, "a row wider than \(size.width): \(row)", sourceLocation: sourceLocation)
            #expect(!row.contains("\u{FFFD}"), "a character cut: \(row)", sourceLocation: sourceLocation)
        }
        let header = visible.first ?? ""
        #expect(header.contains(" on") || header.contains("model"), "the header row:\n\(screen)", sourceLocation: sourceLocation)
        #expect(!(visible.last ?? "").trimmingCharacters(in: .whitespaces).isEmpty, "the status row:\n\(screen)", sourceLocation: sourceLocation)
    }

    /// Waits for `condition`, then checks the frame is whole.
    @discardableResult
    static func see(_ session: TmuxSession, _ size: TerminalSize, _ description: String,
                    sourceLocation: SourceLocation = #_sourceLocation, _ condition: (String) -> Bool) throws -> String {
        let screen = try session.waitFor(description, sourceLocation: sourceLocation, condition)
        expectWholeFrame(screen, size, sourceLocation: sourceLocation)
        return screen
    }

    /// The screen without its header row (which names the current conversation).
    static func belowHeader(_ screen: String) -> Substring { screen.drop { $0 != "\n" } }

    /// The seeded conversation's end is on screen: the no-model notice follows the last answer.
    static func atTheEnd(_ screen: String) -> Bool { screen.contains("No model is configured") }

    static func run(_ session: TmuxSession, _ command: String) throws {
        try session.type(command)
        try session.send("Enter")
    }

    @Test(.timeLimit(.minutes(2)), arguments: [TerminalSize.wide, .narrow])
    func welcomeHelpMenuAndComposerKeys(_ size: TerminalSize) throws {
        let session = try TmuxSession(width: size.width, height: size.height, prepare: LayoutEndToEndTests.noConnectors)
        try Self.see(session, size, "the welcome with no model") {
            $0.contains("Type a message and press Enter.") && $0.contains("No model is configured") && $0.contains("no model")
        }

        try Self.run(session, "/help")
        try Self.see(session, size, "the help panel") { $0.contains("╭─ Help") && $0.contains("/conversations") }
        var help = try session.screen()
        let helpDeadline = Date().addingTimeInterval(20)
        while !help.contains("paste what was cut") && Date() < helpDeadline {
            try session.send("PageDown")
            Thread.sleep(forTimeInterval: 0.2)  // let the page draw before reading it
            help += try session.screen()
        }
        #expect(help.contains("Composer keys") && help.contains("paste what was cut"), "PgDn pages through the help")
        try session.send("Escape")
        try Self.see(session, size, "the help closed") { !$0.contains("╭─ Help") && $0.contains("› Message") }

        // The `/` menu: typing filters it, Tab completes, Esc closes it.
        try session.type("/")
        try Self.see(session, size, "the command menu") { $0.contains("╭─ Commands") && $0.contains("/new") && $0.contains("/conversations") }
        try session.type("exp")
        let filtered = try Self.see(session, size, "the filtered menu") { $0.contains("› /exp") && $0.contains("/export") }
        #expect(!filtered.contains("/quit"))
        try session.send("Tab")
        try Self.see(session, size, "the command completed") { $0.contains("› /export") && !$0.contains("╭─ Commands") }
        try session.send("C-u")
        try session.type("/")
        try session.waitFor("╭─ Commands")
        try session.send("Escape")
        try Self.see(session, size, "the menu closed") { !$0.contains("╭─ Commands") }
        try session.send("C-u")

        // Emacs-style editing.
        try session.type("alpha beta gamma")
        try session.send("C-a")
        try session.send("M-f")
        try session.type("X")
        try Self.see(session, size, "Ctrl-A, Alt-F") { $0.contains("› alphaX beta gamma") }
        try session.send("C-e")
        try session.send("M-b")
        try session.type("Y")
        try Self.see(session, size, "Ctrl-E, Alt-B") { $0.contains("› alphaX beta Ygamma") }
        try session.send("C-e")
        try session.send("C-w")
        try Self.see(session, size, "Ctrl-W") { $0.contains("› alphaX beta\n") }
        try session.send("C-y")
        try Self.see(session, size, "Ctrl-Y") { $0.contains("› alphaX beta Ygamma") }
        try session.send("C-a")
        try session.send("C-k")
        try Self.see(session, size, "Ctrl-K") { $0.contains("› Message…") }
        try session.send("C-y")
        try session.send("C-u")
        try Self.see(session, size, "Ctrl-U") { $0.contains("› Message…") }
        try session.type("to clear")
        try session.send("C-c")
        try Self.see(session, size, "Ctrl-C clearing the message") { $0.contains("› Message…") }
        try session.send("C-y")
        try Self.see(session, size, "Ctrl-Y bringing it back") { $0.contains("› to clear") }
        try session.send("C-u")

        // Alt-Enter and Ctrl-J make lines; Enter sends; ↑/↓ recall.
        try session.type("line one")
        try session.send("M-Enter")
        try session.type("line two")
        try session.send("C-j")
        try session.type("line 3")
        try Self.see(session, size, "a three-line draft") { $0.contains("› line one\n  line two\n  line 3") }
        try session.send("Enter")
        try Self.see(session, size, "the message sent") { $0.contains(" You ") && $0.contains("  line one\n  line two\n  line 3") }
        try Self.run(session, "//etc is a path")
        try Self.see(session, size, "text that begins with /") { $0.contains("  /etc is a path") }
        try session.send("Up")
        let recalled = try Self.see(session, size, "the last message recalled") { $0.contains("› //etc is a path") || $0.contains("› /etc is a path") }
        #expect(recalled.contains("› //etc is a path"), "↑ recalls a // message as typed; without its // Enter would run /etc as a command")
        try session.send("Up")
        try Self.see(session, size, "the one before") { $0.contains("› line one\n  line two\n  line 3") }
        try session.send("Down", "Down", "Down")
        try Self.see(session, size, "back to the empty draft") { $0.contains("› Message…") }
    }

    @Test(.timeLimit(.minutes(2)), arguments: [TerminalSize.wide, .narrow])
    func scrollingConversationsExportAndTheme(_ size: TerminalSize) throws {
        // `swift test` sets NO_COLOR; an empty one lets /theme's colours show.
        let session = try TmuxSession(width: size.width, height: size.height, environment: ["NO_COLOR": ""]) { folder in
            try LayoutEndToEndTests.noConnectors(folder)
            let seeded = try Spawn.run([BuiltBinary.chattui.path, "seed", folder.appendingPathComponent("data").path, "--messages", "40"])
            #expect(seeded.status == 0, "\(seeded.output)")
        }
        try Self.see(session, size, "the seeded conversation at its end") { $0.contains("Benchmark conv") && Self.atTheEnd($0) }
        try session.send("Home")
        try Self.see(session, size, "Home: the top") { $0.contains("Question 0:") && !Self.atTheEnd($0) }
        try session.send("PageDown")
        let page = try Self.see(session, size, "PgDn: a page on") { !$0.contains("Question 0:") }
        try session.send("PageUp")
        try Self.see(session, size, "PgUp: the top again") { $0.contains("Question 0:") }
        #expect(!Self.atTheEnd(page))
        try session.send("End")
        try Self.see(session, size, "End: the bottom") { Self.atTheEnd($0) }
        try session.send("C-Home")
        try Self.see(session, size, "Ctrl-Home") { $0.contains("Question 0:") }
        try session.send("C-End")
        try Self.see(session, size, "Ctrl-End") { Self.atTheEnd($0) }

        try Self.run(session, "/new")
        try Self.see(session, size, "a new conversation") { $0.hasPrefix(" New conversation") && $0.contains("Type a message and press Enter") }
        try Self.run(session, "walk notes go here")
        try Self.run(session, "/rename Walk notes")
        try Self.see(session, size, "the new title") { $0.hasPrefix(" Walk notes") }
        try Self.run(session, "/export")
        try session.waitFor("the export said") { $0.contains("Exported 1 message to") }
        let exported = session.dataDirectory.appendingPathComponent("walk-notes.md")
        #expect((try? String(contentsOf: exported, encoding: .utf8))?.contains("walk notes go here") == true, "/export writes the title's slug .md here")
        try Self.run(session, "/export named.md")
        let named = session.dataDirectory.appendingPathComponent("named.md").path
        let exportDeadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: named) && Date() < exportDeadline { Thread.sleep(forTimeInterval: 0.1) }
        #expect(FileManager.default.fileExists(atPath: named), "/export FILE writes that file here")

        try Self.run(session, "/conversations")
        try Self.see(session, size, "both conversations") { $0.contains("╭─ Conversations") && $0.contains("Benchmark conv") && $0.contains("Walk notes") }
        try session.type("Question 12")
        try Self.see(session, size, "a search in messages") { Self.belowHeader($0).contains("Benchmark conv") && !Self.belowHeader($0).contains("Walk notes") }
        try session.send("Enter")
        try Self.see(session, size, "switched") { $0.hasPrefix(" Benchmark conversation") && !$0.contains("╭─ Conversations") }
        try Self.run(session, "/conversations")
        try session.type("walk")
        try Self.see(session, size, "only Walk notes") { Self.belowHeader($0).contains("Walk notes") && !Self.belowHeader($0).contains("Benchmark conv") }
        try session.send("C-r")
        try Self.see(session, size, "the rename field") { $0.contains("New title: Walk notes") }
        try session.send("C-u")
        try session.type("Walked")
        try session.send("Enter")
        try Self.see(session, size, "renamed in the list") { $0.contains("Walked") && !$0.contains("New title:") }
        try session.send("C-d")
        try Self.see(session, size, "the delete question") { $0.contains("Delete “Walked”") }
        try session.send("y")
        try session.send("C-u")
        try Self.see(session, size, "deleted") { !$0.contains("Walked") && $0.contains("Benchmark conv") }
        try session.send("Escape")
        try session.waitFor("the list closed") { !$0.contains("╭─ Conversations") }  // else Esc and / arrive as Alt-/

        // /theme previews as the selection moves (the header's colours change); Esc puts the theme back.
        let header = { try session.tmux(["capture-pane", "-p", "-e", "-t", "main", "-S", "0", "-E", "0"]) }
        let before = try header()
        try Self.run(session, "/theme")
        try Self.see(session, size, "the theme picker") { $0.contains("╭─ Theme") && $0.contains("light") }
        let opened = try header()
        try session.send("Down")
        var previewed = opened
        let deadline = Date().addingTimeInterval(10)
        while previewed == opened && Date() < deadline { previewed = try header() }
        #expect(previewed != opened, "moving in /theme previews another theme's colours")
        try session.send("Escape")
        try session.waitFor("the picker closed") { !$0.contains("╭─ Theme") }
        var restored = ""
        let restoreDeadline = Date().addingTimeInterval(10)
        while restored != before && Date() < restoreDeadline { restored = try header() }
        #expect(restored == before, "Esc in /theme keeps the theme that was on")
    }
}
