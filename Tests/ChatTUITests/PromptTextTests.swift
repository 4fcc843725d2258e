import MCP
import Testing
@testable import LiveSession

/// A connector's prompt becomes the person's own message: it is cleaned before the composer shows
/// it, so what is sent (to the model, to the store) is what was shown.
@Suite struct PromptTextTests {
    @Test func aPromptsEscapesAndHiddenCharactersNeverReachTheMessage() {
        let hostile = "prompt result \u{1B}]52;c;SEFDSw==\u{07} \u{1B}[2J\u{1B}[H click-me abc\u{202E}gnp.exe"
        let text = ChatSession.text(of: [.user(.text(text: hostile)), .user(.text(text: "second\tpart"))])
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E }, "\(text.debugDescription)")
        #expect(text.hasPrefix("prompt result  "), "the text around the escapes is kept: \(text.debugDescription)")
        #expect(text.contains("abcgnp.exe") && text.hasSuffix("second    part"))
    }
}
