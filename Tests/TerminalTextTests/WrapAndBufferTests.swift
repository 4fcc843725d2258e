import Testing
@testable import TerminalText

@Suite struct WordWrapTests {
    private func plain(_ lines: [StyledLine]) -> [String] { lines.map(\.plainText) }

    @Test func wrapsAtSpaces() {
        #expect(plain(WordWrap.wrap([Span("the quick brown fox jumps", scope: "t")], width: 10)) == ["the quick", "brown fox", "jumps"])
    }

    @Test func breaksWordsLongerThanTheLine() {
        #expect(plain(WordWrap.wrap([Span("abcdefghijkl", scope: "t")], width: 5)) == ["abcde", "fghij", "kl"])
    }

    @Test func wideCharactersNeverStraddleTheEdge() {
        let lines = WordWrap.wrap([Span("日本語のテキスト", scope: "t")], width: 5)
        #expect(plain(lines) == ["日本", "語の", "テキ", "スト"])
        #expect(lines.allSatisfy { $0.width <= 5 })
    }

    @Test func keepsStylesAcrossWraps() {
        let lines = WordWrap.wrap([Span("plain ", scope: "a"), Span("bold words here", scope: "b", attributes: .bold)], width: 11)
        #expect(lines[0].spans.map(\.scope) == ["a", "b"])
        #expect(lines[1].spans.first?.attributes == .bold)
    }

    @Test func honoursNewlinesAndEmptyLines() {
        #expect(plain(WordWrap.wrap([Span("a\n\nb", scope: "t")], width: 10)) == ["a", "", "b"])
    }

    @Test func aLineLongerThanTheCapShowsItsStartAndHowMuchWasLeftOut() {
        let huge = String(repeating: "x", count: WordWrap.lineCap + 1_000_000)
        let lines = WordWrap.wrap([Span(huge, scope: "t"), Span("\nnext", scope: "t")], width: 100)
        #expect(lines.count == WordWrap.lineCap / 100 + 2)
        #expect(lines.dropLast().last?.plainText == "… 1000000 more characters")
        #expect(lines.dropLast().last?.spans.last?.attributes == .italic)
        #expect(lines.last?.plainText == "next", "the next line starts afresh")
        #expect(lines.allSatisfy { $0.width <= 100 })
    }

    @Test func aCapCountsALineAcrossItsSpans() {
        let half = String(repeating: "y", count: WordWrap.lineCap / 2)
        let lines = WordWrap.wrap([Span(half, scope: "a"), Span(half + "tail", scope: "b", attributes: .bold)], width: 50)
        #expect(lines.last?.plainText == "… 4 more characters")
        #expect(lines.last?.spans.first?.attributes == [.bold, .italic])
    }

    @Test func hardWrapCutsLongLinesAndKeepsEmptyOnes() {
        let lines = WordWrap.hardWrap(String(repeating: "日", count: WordWrap.lineCap + 7) + "\n\nend\n", scope: "code", width: 20)
        #expect(lines.count == WordWrap.lineCap / 10 + 4)
        #expect(lines[WordWrap.lineCap / 10].plainText == "… 7 more characters")
        #expect(plain(Array(lines.suffix(3))) == ["", "end", ""])
    }
}

@Suite struct CellBufferTests {
    @Test func wideCharacterTakesTwoCells() {
        var buffer = CellBuffer(width: 6, height: 1)
        let end = buffer.put("a日b", row: 0, column: 0, style: .plain)
        #expect(end == 4)
        #expect(buffer[0, 1].grapheme == "日")
        #expect(buffer[0, 2].isContinuation)
        #expect(buffer.textLines() == ["a日b"])
    }

    @Test func wideCharacterThatDoesNotFitLeavesABlank() {
        var buffer = CellBuffer(width: 3, height: 1)
        buffer.put("ab日", row: 0, column: 0, style: .plain)
        #expect(buffer.textLines() == ["ab"])
        #expect(!buffer[0, 2].isContinuation)
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var buffer = CellBuffer(width: 4, height: 1)
        buffer.put("日本", row: 0, column: 0, style: .plain)
        buffer.put("x", row: 0, column: 1, style: .plain)
        #expect(buffer.textLines() == [" x本"])
    }

    @Test func controlCharactersNeverReachACell() {
        var buffer = CellBuffer(width: 20, height: 1)
        buffer.put("a\u{1b}[2Jb\u{07}", row: 0, column: 0, style: .plain)
        #expect(buffer.textLines() == ["ab\u{2407}"])
    }

    @Test func loneCombiningMarkGetsABase() {
        var buffer = CellBuffer(width: 4, height: 1)
        buffer.put("\u{301}", row: 0, column: 0, style: .plain)
        #expect(buffer[0, 0].grapheme == "\u{25CC}\u{301}")
    }
}

@Suite struct ColorDepthTests {
    @Test func mapsRGBToTheNearestPaletteEntries() {
        #expect(ColorDepth.xterm256.index(of: .rgb(0, 0, 0)) == 16)
        #expect(ColorDepth.xterm256.index(of: .rgb(255, 255, 255)) == 231)
        #expect(ColorDepth.xterm256.index(of: .rgb(0x80, 0x80, 0x80)) == 244)
        #expect(ColorDepth.ansi8.index(of: .rgb(0x1e, 0x1e, 0x2e)) == 0)
        #expect(ColorDepth.ansi8.index(of: .rgb(0xcd, 0xd6, 0xf4)) == 7)
        #expect(ColorDepth.ansi8.index(of: .rgb(0xd2, 0x0f, 0x39)) == 1)
        #expect(ColorDepth.ansi8.index(of: .rgb(0x89, 0xb4, 0xfa)) == 4)
        #expect(ColorDepth.ansi8.index(of: .rgb(0xf3, 0x8b, 0xa8)) == 1)
        #expect(ColorDepth.ansi8.index(of: .rgb(0xef, 0xf1, 0xf5)) == 7)
        #expect(ColorDepth.none.index(of: .ansi(3)) == nil)
    }

    @Test func parsesThemeColours() {
        #expect(Color(parsing: "#ff8000") == .rgb(255, 128, 0))
        #expect(Color(parsing: "#f80") == .rgb(255, 136, 0))
        #expect(Color(parsing: "bright-red") == .ansi(9))
        #expect(Color(parsing: "#zzzzzz") == nil)
    }
}

@Suite struct CountedTests {
    @Test func theNounAgreesWithTheCount() {
        #expect(counted(1, "tool") == "1 tool")
        #expect(counted(0, "tool") == "0 tools")
        #expect(counted(2, "tool") == "2 tools")
        #expect(counted(1, "category", plural: "categories") == "1 category")
        #expect(counted(7, "category", plural: "categories") == "7 categories")
    }
}
