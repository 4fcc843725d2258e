import TerminalText
import TerminalUI

extension SignInFeature {
    /// The card, centred on a screen of `width` × `height`: the full URL (selectable with Shift and
    /// the mouse), where the browser comes back, and a paste field.
    static func draw(_ card: State, width screenWidth: Int, height screenHeight: Int, theme: Theme, keymap: Keymap, into buffer: inout CellBuffer) {
        let width = min(screenWidth - 2, 100)
        let inner = width - 4
        var lines: [StyledLine] = []
        func text(_ value: String, _ scope: String) { lines += WordWrap.wrap([Span(Sanitizer.clean(value, keepNewlines: false), scope: scope)], width: inner) }
        switch card.status {
        case .starting: text("Finding how \(card.connector) signs in…", "ui.menu.detail")
        case .finishing: text("Finishing the sign-in…", "ui.menu.detail")
        case .failed(let message):
            text(message, "ui.error")
            text(keymap.phrase([(.close, "goes back")], in: .signIn) + (keymap.key(for: .signIn, in: .connectorDetails).map { "; \($0) in the details tries again." } ?? ""), "ui.menu.detail")
        case .waiting(let url, let port):
            text("Open this address in a browser to sign in:", "ui.menu")
            lines.append(StyledLine())
            // The URL is cut into plain pieces, never re-wrapped at words, so it selects as one.
            var rest = Substring(Sanitizer.clean(url, keepNewlines: false))
            while !rest.isEmpty {
                let piece = rest.prefix(inner)
                lines.append(StyledLine([Span(String(piece), scope: "markup.link")]))
                rest = rest.dropFirst(piece.count)
            }
            lines.append(StyledLine())
            text("The browser comes back to 127.0.0.1:\(port). Over SSH, paste the address you land on (or the code) and press Enter:", "ui.menu.detail")
        }
        let height = min(screenHeight - 2, lines.count + 4)
        let box = Rect(x: (screenWidth - width) / 2, y: max(1, (screenHeight - height) / 2), width: width, height: height)
        theme.drawBox(box, title: "Sign in to \(Sanitizer.clean(card.connector, keepNewlines: false))", into: &buffer)
        for (offset, line) in lines.prefix(box.inner.height - 1).enumerated() {
            buffer.put(line, row: box.inner.y + offset, column: box.inner.x, resolve: theme.style)
        }
        if case .waiting = card.status {
            theme.drawField("› ", card.paste, row: box.inner.y + box.inner.height - 1, in: box.inner, into: &buffer)
        }
    }
}
