import TerminalUI
import Testing
@testable import ChatFeatures

/// The help panel on its own: it scrolls within its text and closes.
@Suite struct HelpFeatureTests {
    @Test func itScrollsNoFurtherThanEitherEndAndCloses() {
        var panel = HelpPanel()
        func press(_ key: KeyEvent) -> [HelpFeature.Delegate] {
            HelpFeature.reduce(&panel, key: key, lineCount: 30, viewportHeight: 10, keymap: .standard)
        }
        #expect(press(KeyEvent(.up)).isEmpty && panel.top == 0)
        #expect(press(KeyEvent(.pageDown)).isEmpty && panel.top == 9)
        _ = press(KeyEvent(.pageDown))
        _ = press(KeyEvent(.pageDown))
        #expect(panel.top == 20, "the last line stays at the bottom")
        _ = press(KeyEvent(.up))
        #expect(panel.top == 19)
        #expect(press(KeyEvent(.escape)) == [.close])
        #expect(Keymap.common.bindings[.help] == nil, "its keys are its own table")
    }

    /// Each layer's section says what its keys do there, not what the same command does in another layer.
    @Test func eachLayersKeysSayWhatTheyDoThere() {
        let text = HelpText.lines(keymap: .standard, width: 120).map(\.plainText)
        func section(_ mode: InputMode) -> [String] {
            guard let start = text.firstIndex(of: mode.helpTitle) else { Issue.record("no \(mode.helpTitle)"); return [] }
            let rest = text[(start + 1)...]
            return Array(rest.prefix(while: { !$0.isEmpty }))
        }
        for mode in [InputMode.help, .connectorDetails] {
            #expect(section(mode).contains { $0.hasPrefix("↑, ↓") && $0.hasSuffix("scroll by line") }, "\(section(mode))")
        }
        #expect(section(.picker).contains { $0.hasPrefix("Tab, Shift-Tab") && $0.hasSuffix("the next / previous category") }, "\(section(.picker))")
        #expect(section(.form).contains { $0.hasSuffix("the next / previous field") }, "\(section(.form))")
        #expect(section(.liveCard).contains { $0.hasPrefix("1…9 ") }, "\(section(.liveCard))")
        #expect(section(.liveCard).contains { $0.hasPrefix("Alt-↓, Alt-↑") && $0.hasSuffix("the next / previous card") }, "\(section(.liveCard))")
        #expect(!section(.prompt).contains { $0.contains("recall earlier messages") || $0.hasSuffix(" choose") }, "\(section(.prompt))")
        #expect(section(.prompt).contains { $0.hasSuffix("accept what is typed") }, "\(section(.prompt))")
        for mode in [InputMode.cards, .liveCard] {
            #expect(section(mode).contains { $0.hasPrefix("Esc") && $0.hasSuffix("leave the card") }, "\(section(mode))")
        }
    }
}
