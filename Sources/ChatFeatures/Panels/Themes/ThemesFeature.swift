import ConnectorMenu
import TerminalText
import TerminalUI

/// `/theme`: the themes, previewed as the person moves.
public struct ThemePicker: Equatable, Sendable {
    var list: SelectionList
    /// The theme to go back to on Esc.
    var original: String
}

/// The theme picker: it owns the list; the theme on screen and the saved one are the app's, asked as delegates.
public enum ThemesFeature {
    public typealias State = ThemePicker

    public enum Delegate: Equatable, Sendable {
        /// Show this theme now (it is not kept until `.keep`).
        case preview(String)
        /// Keep the theme shown.
        case keep
        case close
    }

    /// A key, with the theme names in the list's order.
    static func reduce(_ picker: inout State, key: KeyEvent, themes: [String], keymap: Keymap) -> [Delegate] {
        switch keymap.command(for: key, in: .list) {
        case .menuUp, .cursorUp: picker.list.move(by: -1)
        case .menuDown, .cursorDown: picker.list.move(by: 1)
        case .close: return [.preview(picker.original), .close]
        case .menuAccept: return [.close, .keep]
        default: return []
        }
        return themes.indices.contains(picker.list.selected) ? [.preview(themes[picker.list.selected])] : []
    }

    /// Docked above the composer, so the transcript above shows the preview; the theme it started with marked.
    static func draw(_ picker: State, themes: [String], screenWidth: Int, composerBorder: Int, theme: Theme, keymap: Keymap, into buffer: inout CellBuffer) {
        DockedPicker.draw(title: "Theme", note: "Previews as you move" + (keymap.key(for: .menuAccept, in: .list).map { "; \($0) keeps it." } ?? "."), names: themes,
                          current: picker.original, list: picker.list, width: 48, screenWidth: screenWidth, composerBorder: composerBorder, theme: theme, into: &buffer)
    }
}
