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
}
