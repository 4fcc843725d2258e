import Foundation
import TestSupport
import Testing
import ConversationModel
import TerminalText
@testable import ChatFeatures
@testable import TerminalUI

@Suite struct ScreenSnapshotTests {
    @Test func emptyConversation() {
        Harness(width: 60, height: 14).expectSnapshot(named: "empty-60x14")
    }

    @Test func conversationWithMarkdownCJKAndEmoji() {
        Harness(width: 64, height: 40, messages: Fixtures.conversation).expectSnapshot(named: "conversation-64x40")
    }

    @Test func narrowTerminal() {
        Harness(width: 40, height: 24, messages: Fixtures.conversation).expectSnapshot(named: "conversation-narrow-40x24")
    }

    @Test func resizeReflowsTheTranscript() {
        var harness = Harness(width: 90, height: 30, messages: Fixtures.conversation)
        _ = harness.lines()
        harness.send(.input(.resize(width: 44, height: 26)))
        let lines = harness.lines()
        #expect(lines.count == 26)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 44 })
        harness.expectSnapshot(named: "resized-90x30-to-44x26")
    }

    /// Scrolled up at 50x20, then made larger (100x40) so the end is in view: the view follows the end again,
    /// and no "more below" note covers the last line.
    @Test func growingTheTerminalUntilTheEndShowsFollowsIt() {
        var harness = Harness(width: 50, height: 20, messages: Array(Fixtures.many(12)))
        harness.press(.pageUp)
        #expect(harness.state.transcript.scroll != .following)
        #expect(harness.lines().contains { $0.contains("more below") })
        harness.send(.input(.resize(width: 100, height: 40)))
        #expect(harness.state.transcript.scroll == .following)
        #expect(!harness.lines().contains { $0.contains("more below") }, "\(harness.lines().joined(separator: "\n"))")
    }

    /// At 50 columns a placeholder or a hint too long for its line keeps whole phrases rather than
    /// stopping mid-word ("Alt-Enter for a new li", "Esc canc").
    @Test func narrowHintsKeepWholePhrases() {
        var harness = Harness(width: 50, height: 20)
        let composer = harness.lines().first { $0.hasPrefix("› Message…") } ?? ""
        #expect(composer.hasSuffix("(/ for commands)") || composer.hasSuffix("Message…"), "\(composer)")
        harness.press(.ctrl("o"))
        harness.press(.char("c"))
        guard case .form? = harness.state.overlay else { Issue.record("no form"); return }
        let hint = harness.lines().first { $0.contains("Tab next field") } ?? ""
        let text = hint.trimmingCharacters(in: CharacterSet(charactersIn: " │"))
        #expect(["Tab next field", "submits", "cancels"].contains { text.hasSuffix($0) }, "\(hint)")
    }

    @Test func slashMenuOpen() {
        var harness = Harness(width: 70, height: 18, messages: Fixtures.conversation)
        harness.type("/co")
        harness.expectSnapshot(named: "slash-menu-filtered-70x18")
    }

    @Test func tooSmallThenBack() {
        var harness = Harness(width: 30, height: 8, messages: Fixtures.conversation)
        harness.expectSnapshot(named: "too-small-30x8")
        harness.send(.input(.resize(width: 60, height: 14)))
        #expect(harness.lines()[0].contains("Test conversation"))
    }

    @Test func multiLineComposerWithWideCharacters() {
        var harness = Harness(width: 40, height: 14)
        harness.type("日本語のテキストを入力しています。とても長い行です")
        harness.press(.alt(.enter))
        harness.type("🙂 second line")
        let screen = harness.screen()
        harness.expectSnapshot(named: "composer-wide-40x14")
        let cursor = screen.cursor
        #expect(cursor?.row == 12)
        #expect(cursor?.column == 2 + DisplayWidth.of("🙂 second line"))
    }

    @Test func conversationsPanel() {
        var harness = Harness(width: 72, height: 14, messages: Fixtures.conversation)
        harness.type("/conversations")
        harness.press(.enter)
        harness.send(.conversationsListed(query: "", [
            ConversationSummary(id: 1, title: "Test conversation", updatedAt: Fixtures.date, messageCount: 3),
            ConversationSummary(id: 2, title: "京都への旅行 🚄", updatedAt: Fixtures.date, messageCount: 12),
        ]))
        harness.press(.down)
        harness.expectSnapshot(named: "conversations-panel-72x14")
    }

    @Test func themePicker() {
        var harness = Harness(width: 60, height: 14)
        harness.type("/theme")
        harness.press(.enter)
        harness.expectSnapshot(named: "theme-picker-60x14")
    }

    @Test func hostileTextIsNeutralised() {
        let hostile = Fixtures.message(1, .assistant, "ok\u{1b}]52;c;ZXZpbA==\u{07}\u{1b}[2J\u{1b}]0;pwned\u{07} done\u{07}")
        var harness = Harness(width: 50, height: 12, messages: [hostile])
        harness.state.conversation.title = "title\u{1b}[31m red\u{9b}2J"
        let screen = harness.screen()
        for cell in screen.cells {
            #expect(!cell.grapheme.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        }
        let text = screen.textLines().joined(separator: "\n")
        #expect(text.contains("ok done\u{2407}"))
        #expect(text.contains("title red"))
    }

    @Test func themedCellsUseTheThemeColours() throws {
        let catalog = ThemeCatalog(directories: [ThemeFiles.builtin])
        let dark = catalog.theme(named: "dark")
        let screen = Harness(width: 60, height: 14, messages: Fixtures.conversation).screen(theme: dark)
        #expect(screen[0, 1].style == dark.style("ui.header.title"))
        #expect(screen[13, 0].style.background == dark.style("ui.status").background)
    }
}
