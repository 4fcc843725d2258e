import Foundation
import TerminalText
import TerminalUI

/// `/rename` without a title: a field with the current title. It owns only the field; the title is
/// the conversation's, asked for as `.rename`.
public enum RenameFeature {
    /// The layer holds these as `Overlay.rename(field, error:)`.
    public struct State: Equatable, Sendable {
        var field: TextField
        /// Why the last Enter did nothing.
        var error: String?
    }

    public enum Delegate: Equatable, Sendable {
        case close
        case rename(String)
    }

    static func reduce(_ state: inout State, key: KeyEvent, keymap: Keymap) -> [Delegate] {
        switch keymap.command(for: key, in: .prompt) {
        case .close:
            return [.close]
        case .menuAccept:
            let title = state.field.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !title.isEmpty else {
                state.error = "A title can't be empty."
                return []
            }
            return [.close, .rename(title)]
        default:
            _ = state.field.handle(key, keymap: keymap, mode: .prompt)
            state.error = nil
            return []
        }
    }

    /// A small box in the middle of a screen of `screenWidth` × `screenHeight`, the problem under the field.
    static func draw(_ state: State, screenWidth: Int, screenHeight: Int, theme: Theme, into buffer: inout CellBuffer) {
        let width = min(screenWidth - 4, 64)
        let box = Rect(x: (screenWidth - width) / 2, y: max(1, screenHeight / 2 - 2), width: width, height: state.error == nil ? 3 : 4)
        theme.drawBox(box, title: "Rename conversation", into: &buffer)
        if let error = state.error { buffer.put(error, row: box.y + 2, column: box.inner.x, style: theme.style("ui.error"), limit: box.inner.x + box.inner.width) }
        theme.drawField("Title: ", state.field, row: box.y + 1, in: box.inner, into: &buffer)
    }
}
