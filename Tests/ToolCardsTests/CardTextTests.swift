import ConversationModel
import Testing
import TerminalText
@testable import ToolCards

/// A result's text in a card: lines and indentation as the tool wrote them, and huge text cut.
@Suite struct CardTextTests {
    static func body(_ content: String, width: Int = 60, expanded: Bool = true) -> [String] {
        let card = ToolCard(result: ToolResult(callID: "1", content: content, isError: false), fallbackTitle: "Tool result")
        return CardLayout().lines(for: card, width: width, options: .init(isExpanded: expanded)).dropFirst().dropLast().map { line in
            var text = line.plainText.dropFirst(2)
            while text.last == " " || text.last == "│" { text = text.dropLast() }
            return String(text)
        }
    }

    /// The Python SDK wraps a tool's plain return as `{"result": …}` beside the same text: shown once.
    @Test func aResultWrappedByTheSDKShowsOnce() {
        let card = { (content: String, structured: JSONValue) in
            ToolCard(result: ToolResult(callID: "1", content: content, isError: false, structured: structured), fallbackTitle: "Tool result")
        }
        #expect(card("wrote it", .object(["result": .string("wrote it")])).sections == [.text("wrote it")])
        #expect(card("42", .object(["result": .number(42)])).sections == [.text("42")])
        let differs = card("wrote it", .object(["result": .string("something else")]))
        #expect(differs.sections.count == 2, "a structured result that says more is still shown")
    }

    @Test func plainTextKeepsItsLinesAndIndentation() {
        let traceback = "Traceback (most recent call last):\n  File \"a.py\", line 1\n    x = 1\nValueError: no\n\tat main"
        #expect(Self.body(traceback) == ["Traceback (most recent call last):", "  File \"a.py\", line 1", "    x = 1", "ValueError: no", "    at main"])
    }

    @Test func markdownListsStillNestAndCodeBlocksStayCode() {
        #expect(Self.body("- a\n  - b\n\n```\n  indented code\n```") == ["• a", "  • b", "", "   indented code"])
    }

    @Test func aHugeOneLineResultIsCutWithHowMuchWasLeftOut() {
        let line = String(repeating: "0123456789", count: 100_000)
        let expanded = Self.body(line, width: 84)
        #expect(expanded.count == WordWrap.lineCap / 80 + 1)
        #expect(expanded.last == "… 996000 more characters", "one note, with all that was left out")
        let collapsed = Self.body(line, width: 84, expanded: false)
        #expect(collapsed.count == CardLayout.Options().collapsedLines + 1)
        #expect(collapsed.last?.hasPrefix("… 39 more lines") == true)
    }

    /// A link's target hidden in an OSC 8 escape is not what the person sees, so it is never offered;
    /// a URL in the visible text still is.
    @Test func linksComeFromTheTextThePersonSees() {
        let content = "\u{1B}]8;;https://evil.example/\u{07}RED LINK\u{1B}]8;;\u{07} see https://docs.example.com/page."
        let card = ToolCard(result: ToolResult(callID: "1", content: content, isError: false), fallbackTitle: "Tool result")
        #expect(card.links.map(\.url) == ["https://docs.example.com/page"])
    }
}
