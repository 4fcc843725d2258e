import ConnectorMenu
import TerminalText
import TerminalUI

extension Screen {
    static let slashMenuRows = 8

    private static func label(of command: MenuCommand) -> String {
        command.name + (command.argumentHint.map { " " + $0 } ?? "")
    }

    /// The command popup, just above the composer, matched letters highlighted.
    func drawSlashMenu(_ menu: SlashMenu, above bottom: Int, into buffer: inout CellBuffer) {
        let rows = max(1, min(menu.entries.count, Self.slashMenuRows, bottom - 3))
        let width = min(buffer.width - 2, 72)
        let rect = Rect(x: 1, y: max(1, bottom - rows - 2), width: width, height: rows + 2)
        theme.drawBox(rect, title: "Commands", into: &buffer)
        let inner = rect.inner
        guard !menu.entries.isEmpty else {
            buffer.put("No command matches /\(menu.query)", row: inner.y, column: inner.x, style: theme.style("ui.menu.detail"))
            return
        }
        var list = menu.list
        let nameWidth = (menu.entries.map { DisplayWidth.of(Self.label(of: $0.command)) }.max() ?? 0) + 3
        for (offset, index) in list.visibleRange(height: inner.height).enumerated() {
            let entry = menu.entries[index]
            var spans = [Span("/", scope: "ui.menu")]
            for (position, character) in entry.command.name.enumerated() {
                let matched = entry.match.positions.contains(position)
                spans.append(Span(String(character), scope: matched ? "ui.menu.match" : "ui.menu"))
            }
            let hint = entry.command.argumentHint.map { " " + $0 } ?? ""
            spans.append(Span(hint, scope: "ui.menu.detail"))
            let padding = String(repeating: " ", count: max(1, nameWidth - DisplayWidth.of(Self.label(of: entry.command))))
            spans.append(Span(padding + Sanitizer.clean(entry.command.summary, keepNewlines: false), scope: "ui.menu.detail"))
            theme.drawRow(spans, selected: index == list.selected, row: inner.y + offset, in: inner, into: &buffer)
        }
    }
}
