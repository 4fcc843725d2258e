import Testing
@testable import TerminalText

@Suite struct SanitizerTests {
    @Test func removesColourAndCursorSequencesWhole() {
        #expect(Sanitizer.clean("\u{1b}[31mred\u{1b}[0m \u{1b}[2J\u{1b}[Hdone") == "red done")
    }

    @Test func removesOSCTitleAndClipboardWrites() {
        #expect(Sanitizer.clean("a\u{1b}]0;evil title\u{07}b") == "ab")
        #expect(Sanitizer.clean("a\u{1b}]52;c;ZXZpbA==\u{1b}\\b") == "ab")
    }

    @Test func removesDeviceControlStringsAndC1Sequences() {
        #expect(Sanitizer.clean("x\u{1b}Pq#0;2;0;0;0\u{1b}\\y") == "xy")
        #expect(Sanitizer.clean("x\u{9b}31my") == "xy")
    }

    @Test func makesOtherControlsVisible() {
        #expect(Sanitizer.clean("bell\u{07}") == "bell\u{2407}")
        #expect(Sanitizer.clean("nul\u{0}") == "nul\u{2400}")
        #expect(Sanitizer.clean("del\u{7f}") == "del\u{2421}")
    }

    @Test func keepsNewlinesOnlyWhenAsked() {
        #expect(Sanitizer.clean("a\r\nb\tc") == "a\nb    c")
        #expect(Sanitizer.clean("a\nb", keepNewlines: false) == "a b")
    }

    @Test func dropsBidiOverrides() {
        #expect(Sanitizer.clean("abc\u{202E}def\u{2066}") == "abcdef")
    }

    @Test func replacesInvalidUTF8() {
        let bytes: [UInt8] = [0x68, 0x69, 0xFF, 0xC3, 0x28, 0x21]
        #expect(Sanitizer.text(fromBytes: bytes) == "hi\u{FFFD}\u{FFFD}(!")
    }

    @Test func anUnterminatedStringCannotSwallowEverything() {
        let text = "\u{1b}]0;" + String(repeating: "x", count: 5000) + "visible"
        #expect(Sanitizer.clean(text).hasSuffix("visible"))
    }

    @Test func leavesCleanTextAlone() {
        let text = "Plain text, 日本語, emoji 🙂\nsecond line"
        #expect(Sanitizer.clean(text) == text)
    }
}
