import Testing
import TerminalText
@testable import MarkdownText

@Suite struct MarkdownLayoutTests {
    let layout = MarkdownLayout(baseScope: "body")

    private func text(_ markdown: String, width: Int = 40) -> [String] {
        layout.lines(for: markdown, width: width).map(\.plainText)
    }

    private func spans(_ markdown: String) -> [Span] {
        layout.lines(for: markdown, width: 80).flatMap(\.spans)
    }

    @Test func singleLineBreaksStayBreaks() {
        #expect(text("One number per line:\n1\n2\n3") == ["One number per line:", "1", "2", "3"])
        #expect(text("a *b\nc* d") == ["a b", "c d"])
    }

    @Test func aTextLongerThanTheCapSaysHowMuchWasLeftOut() {
        let line = String(repeating: "word ", count: WordWrap.lineCap / 5)
        let lines = text(Array(repeating: line, count: WordWrap.textCap / WordWrap.lineCap + 5).joined(separator: "\n"), width: 200)
        #expect(lines.last == "… 20004 more characters", "five lines and their four breaks")
        #expect(lines.dropLast().last == "")
    }

    @Test func aHugeLineCountsOnlyWhatItShowsTowardsTheCap() {
        let lines = text(String(repeating: "x", count: 1_000_000) + "\nnext", width: 100)
        #expect(lines.suffix(2) == ["… 996000 more characters", "next"])
    }

    @Test func headingsAreStyledWithoutMarkers() {
        let lines = layout.lines(for: "# Title\n\n## Sub", width: 40)
        #expect(lines.map(\.plainText) == ["Title", "", "Sub"])
        #expect(lines[0].spans[0].scope == "markup.heading")
        #expect(lines[0].spans[0].attributes.contains(.underline))
    }

    @Test func emphasisBecomesAttributes() {
        let result = spans("a **bold** and *italic* and ~~gone~~")
        #expect(result.first { $0.text == "bold" }?.attributes == .bold)
        #expect(result.first { $0.text == "italic" }?.attributes == .italic)
        #expect(result.first { $0.text == "gone" }?.attributes == .strikethrough)
    }

    @Test func inlineCodeAndLinks() {
        let result = spans("run `make` then see [docs](https://example.com)")
        #expect(result.first { $0.text == "make" }?.scope == "markup.code")
        #expect(result.first { $0.text == "docs" }?.scope == "markup.link")
        #expect(result.contains { $0.text == " <https://example.com>" })
    }

    @Test func fencedCodeKeepsLinesAndLanguage() {
        let lines = layout.lines(for: "```swift\nlet x = 1\n  indented\n```", width: 30)
        #expect(lines.map(\.plainText) == [" swift", " let x = 1", "   indented"])
        #expect(lines.allSatisfy { $0.fillScope == "markup.codeblock" })
    }

    @Test func listsHaveHangingIndents() {
        #expect(text("- one\n- two words that wrap around", width: 14) == ["• one", "• two words", "  that wrap", "  around"])
        #expect(text("3. three\n4. four") == ["3. three", "4. four"])
    }

    @Test func nestedListsIndent() {
        #expect(text("- a\n  - b") == ["• a", "  • b"])
    }

    @Test func blockQuotesHaveABar() {
        #expect(text("> quoted text") == ["│ quoted text"])
    }

    @Test func tablesAlignColumns() {
        let lines = text("| Name | Qty |\n|:-----|----:|\n| apple | 3 |\n| kiwi | 12 |")
        #expect(lines == ["Name  │ Qty", "──────┼────", "apple │   3", "kiwi  │  12"])
    }

    @Test func wideTablesShrinkThenStack() {
        let markdown = "| A | B |\n|---|---|\n| a long cell value | another long value |"
        let narrow = text(markdown, width: 20)
        #expect(narrow.allSatisfy { DisplayWidth.of($0) <= 20 })
        let tiny = text("| A | B | C | D | E | F |\n|---|---|---|---|---|---|\n| 1 | 2 | 3 | 4 | 5 | 6 |", width: 12)
        #expect(tiny.contains("A: 1"))
    }

    @Test func everyLineFitsTheWidth() {
        let markdown = "# 日本語の見出し\n\nSome **long** paragraph 🙂 with `code` and more words than fit.\n\n> quote with 中文 text\n\n- item"
        for width in [10, 17, 33] {
            #expect(layout.lines(for: markdown, width: width).allSatisfy { $0.width <= width })
        }
    }

    @Test func escapeSequencesInMarkdownAreNeutralised() {
        #expect(text("hi \u{1b}]0;title\u{07}there").joined() == "hi there")
    }
}
