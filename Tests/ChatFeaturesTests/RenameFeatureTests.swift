import TerminalUI
import Testing
@testable import ChatFeatures

/// The rename prompt on its own: keys in, the field and its problem as state, close and rename out.
@Suite struct RenameFeatureTests {
    @Test func anEmptyTitleSaysWhyUntilTheNextKeyAndATitleRenames() {
        var prompt = RenameFeature.State(field: TextField("Old"), error: nil)
        func press(_ key: KeyEvent) -> [RenameFeature.Delegate] { RenameFeature.reduce(&prompt, key: key, keymap: .standard) }
        #expect(press(.ctrl("u")).isEmpty)
        #expect(press(KeyEvent(.enter)).isEmpty)
        #expect(prompt.error == "A title can't be empty.")
        #expect(press(.char(" ")).isEmpty && prompt.error == nil)
        #expect(press(KeyEvent(.enter)).isEmpty, "spaces are no title")
        for character in "New" { _ = press(.char(character)) }
        #expect(press(KeyEvent(.enter)) == [.close, .rename("New")])
        #expect(press(KeyEvent(.escape)) == [.close])
    }
}
