import Testing
import ConversationModel
import TerminalText
@testable import ChatFeatures
@testable import ConnectorMenu
@testable import TerminalUI

/// Text with zero-width, bidi and combining characters in a field: what is drawn and where the
/// cursor goes are decided by one function (FieldText), so they agree, and nothing drawn before
/// (a form's own line for the field) shows past the text.
@Suite struct FieldTextTests {
    /// A zero-width space, a right-to-left override, an isolate, a lone combining accent and a ZWJ emoji.
    static let tricky = "x\u{200B}y\u{202E}z\u{2066}\u{0301}w👩‍💻!"
    /// How it is drawn: every invisible character a visible mark, the lone accent on a dotted circle.
    static let drawn = "x⟨U+200B⟩y⟨U+202E⟩z⟨U+2066⟩◌\u{0301}w👩‍💻!"

    @Test func aFieldDrawsWhatItsCursorCounts() {
        var buffer = CellBuffer(width: 60, height: 1)
        Theme.monochrome.drawField("Title: ", TextField(Self.tricky), row: 0, in: Rect(x: 0, y: 0, width: 60, height: 1), into: &buffer)
        #expect(buffer.textLines()[0] == "Title: " + Self.drawn)
        #expect(buffer.cursor?.column == DisplayWidth.of("Title: " + Self.drawn), "the cursor right after the text")
    }

    @Test func wrappingCountsTheMarksAsDrawn() {
        let overrides = TextField(String(repeating: "\u{202E}", count: 10))
        // Each override draws as ⟨U+202E⟩, 8 columns: two to a row of 20.
        #expect(overrides.visualRows(width: 20).count == 5)
        let cursor = overrides.cursorPosition(width: 20)
        #expect(cursor.row == 4 && cursor.column == 16, "\(cursor)")
    }

    @Test func theComposerDrawsWhatItsCursorCounts() throws {
        var harness = Harness(width: 60, height: 16)
        harness.type(Self.tricky)
        let screen = harness.screen()
        let row = try #require(screen.cursor?.row)
        let line = screen.textLines()[row]
        #expect(line.hasSuffix(Self.drawn), "\(line)")
        #expect(screen.cursor?.column == DisplayWidth.of(line), "the cursor right after the text:\n\(line)")
    }

    @Test func aTaskFormsTitleIsCleanAndItsCursorEndsIt() throws {
        var harness = Harness(width: 80, height: 30)
        harness.send(.connectorChanged(CardReducerTests.tracker()))
        harness.state.connectorUses["tracker"] = .on
        harness.type(Self.tricky)
        harness.press(.ctrl("t"))
        guard case .form? = harness.state.overlay else { Issue.record("no task form"); return }
        let screen = harness.screen()
        let row = try #require(screen.cursor?.row)
        let line = screen.textLines()[row]
        let afterText = try #require(line.range(of: Self.drawn), "the title as drawn:\n\(line)").upperBound
        #expect(line[afterText...].allSatisfy { $0 == " " || $0 == "│" }, "nothing after the text but the box:\n\(line)")
        #expect(screen.cursor?.column == DisplayWidth.of(line[..<afterText]), "the cursor right after the text:\n\(line)")
    }
}
