import Foundation
import TerminalText
import Testing
import TestSupport

/// A form field holding zero-width, bidi and combining characters, in the real binary under tmux:
/// the line is the text with each invisible character a visible mark and nothing after it, and the
/// terminal's cursor is where the text ends.
@Suite(.serialized) struct FieldTextEndToEndTests {
    @Test(.timeLimit(.minutes(2))) func aTaskTitleWithInvisibleCharactersDrawsCleanWithTheCursorAtItsEnd() throws {
        let session = try TmuxSession()
        try session.waitFor("the built-ins ready") { $0.contains("connectors on") && !$0.contains("starting") && $0.contains("Type a message") }
        try WalkthroughTests.run(session, "/connectors tasks")
        try session.waitFor("Tasks ready") { $0.contains("Connectors › tasks") && $0.contains("ready ·") }
        try session.send("Escape")
        try session.waitFor("the list") { $0.contains("Connectors ·") }
        try session.send("Escape")
        try session.waitFor("the panel closed") { !$0.contains("Connectors ·") }
        try session.type("x\u{200B}y\u{202E}z\u{2066}w e\u{0301}!")
        try session.send("C-t")
        let drawn = "x⟨U+200B⟩y⟨U+202E⟩z⟨U+2066⟩w é!"
        let screen = try session.waitFor("the task form with the title") { $0.contains("New task") && $0.contains(drawn) }
        let line = try #require(screen.split(separator: "\n").first { $0.contains(drawn) }.map(String.init))
        let end = try #require(line.range(of: drawn)).upperBound
        #expect(line[end...].allSatisfy { $0 == " " || $0 == "│" }, "nothing after the title but the box:\n\(screen)")
        let cursor = try session.tmux(["display-message", "-p", "-t", "main", "#{cursor_x} #{cursor_y}"])
            .split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        let row = try #require(screen.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(drawn) })
        #expect(cursor == [DisplayWidth.of(line[..<end]), row], "the cursor where the title ends:\n\(screen)")
    }
}
