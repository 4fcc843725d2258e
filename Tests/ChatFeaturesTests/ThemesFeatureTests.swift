import ConnectorMenu
import TerminalUI
import Testing
@testable import ChatFeatures

/// The theme picker on its own: keys in, preview, keep and close out.
@Suite struct ThemesFeatureTests {
    static let themes = ["dark", "light", "solarized"]

    func press(_ key: KeyEvent, _ picker: inout ThemePicker) -> [ThemesFeature.Delegate] {
        ThemesFeature.reduce(&picker, key: key, themes: Self.themes, keymap: .standard)
    }

    @Test func movingPreviewsEscGoesBackAndEnterKeeps() {
        var picker = ThemePicker(list: SelectionList(count: 3, selected: 0), original: "dark")
        #expect(press(KeyEvent(.down), &picker) == [.preview("light")])
        #expect(press(KeyEvent(.down), &picker) == [.preview("solarized")])
        #expect(press(.char("x"), &picker).isEmpty, "typing does nothing here")
        #expect(press(KeyEvent(.escape), &picker) == [.preview("dark"), .close])
        #expect(press(KeyEvent(.enter), &picker) == [.close, .keep])
    }
}
