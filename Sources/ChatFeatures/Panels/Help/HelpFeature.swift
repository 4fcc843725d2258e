import TerminalText
import TerminalUI

public struct HelpPanel: Equatable, Sendable {
    /// What the panel shows: the keys and commands, or the recent status messages (`/status`).
    enum Content: Equatable, Sendable { case keys, statusLog }
    var top = 0
    var content = Content.keys
}

/// `/help` and `/status`: long text to scroll. It owns only where it is scrolled; the text is built
/// from the live keymap (`HelpText`) and the app's status log, which the root hands it.
public enum HelpFeature {
    public typealias State = HelpPanel

    public enum Delegate: Equatable, Sendable {
        case close
    }

    static let bindings: [InputMode: [KeyBinding]] = [
        .help: [
            KeyBinding(key: KeyEvent(.up), command: .cursorUp, hint: nil),
            KeyBinding(key: KeyEvent(.down), command: .cursorDown, hint: "scroll"),
        ],
    ]

    /// A key, with how many lines the text has and how many show: it scrolls no further than its end.
    static func reduce(_ panel: inout State, key: KeyEvent, lineCount: Int, viewportHeight: Int, keymap: Keymap) -> [Delegate] {
        let lastTop = max(0, lineCount - viewportHeight)
        let page = max(1, viewportHeight - 1)
        switch keymap.command(for: key, in: .help) {
        case .cursorUp, .menuUp: panel.top -= 1
        case .cursorDown, .menuDown: panel.top += 1
        case .scrollPageUp: panel.top -= page
        case .scrollPageDown: panel.top += page
        case .close, .menuAccept: return [.close]
        default: break
        }
        panel.top = min(max(0, panel.top), lastTop)
        return []
    }

    static func draw(_ panel: State, statusLog: [Flash], rect: Rect, theme: Theme, keymap: Keymap, into buffer: inout CellBuffer) {
        theme.drawBox(rect, title: panel.content == .keys ? "Help" : "Recent status messages", into: &buffer)
        let inner = rect.inner
        let lines = HelpText.lines(for: panel, statusLog: statusLog, keymap: keymap, width: inner.width)
        theme.drawLines(lines, from: panel.top, in: inner, into: &buffer)
    }
}
