import ConnectorMenu
import TerminalText
import TerminalUI

extension ComposerFeature {
    static let menuRows = 8

    private static func label(of command: MenuCommand) -> String {
        command.name + (command.argumentHint.map { " " + $0 } ?? "")
    }

    /// The command popup, just above the composer, matched letters highlighted.
    static func drawMenu(_ menu: SlashMenu, above bottom: Int, theme: Theme, into buffer: inout CellBuffer) {
        let rows = max(1, min(menu.entries.count, Self.menuRows, bottom - 3))
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

    /// The composer: its border (saying what is being edited or attached), the prompt and the text;
    /// the cursor is placed when nothing over it has the keys.
    static func draw(_ state: State, geometry: ScreenGeometry, width: Int, hasCursor: Bool, theme: Theme, keymap: Keymap,
                     into buffer: inout CellBuffer) {
        buffer.put(String(repeating: "─", count: width), row: geometry.composerBorder, column: 0, style: theme.style("ui.border"))
        if state.editing != nil {
            let send = keymap.key(for: .send, in: .composer).map { " · \($0) replaces it and its answer" } ?? ""
            buffer.put(" editing your last message\(send) ", row: geometry.composerBorder, column: max(1, width - 66),
                       style: theme.style("ui.composer.prompt"), limit: width - 1)
        }
        if !state.attachments.isEmpty {
            let names = state.attachments.map { Sanitizer.clean($0.name, keepNewlines: false) }.joined(separator: ", ")
            buffer.put(" 📎 " + DisplayWidth.truncate(names, to: max(4, width - 8)) + " ", row: geometry.composerBorder, column: 1,
                       style: theme.style("ui.composer.prompt"), limit: width - 1)
        }
        let field = state.field
        let textColumn = ScreenGeometry.promptWidth
        buffer.put(ScreenGeometry.composerPrompt, row: geometry.composer.lowerBound, column: 0, style: theme.style("ui.composer.prompt"))
        if field.isEmpty {
            let keys = [(KeyCommand.openMenu, "for commands"), (.insertNewline, "for a new line")].compactMap { command, says in
                keymap.key(for: command, in: .composer).map { "\($0) \(says)" }
            }
            // As many whole key phrases as fit: "(/ for commands)" rather than "…Alt-Enter for a new li".
            let room = width - textColumn
            let shown = (0...keys.count).reversed().lazy
                .map { count in "Message…" + (count == 0 ? "" : " (\(keys.prefix(count).joined(separator: ", ")))") }
                .first { DisplayWidth.of($0) <= room } ?? DisplayWidth.truncate("Message…", to: room)
            buffer.put(shown, row: geometry.composer.lowerBound, column: textColumn, style: theme.style("ui.composer.placeholder"))
            if hasCursor { buffer.cursor = (geometry.composer.lowerBound, textColumn) }
            return
        }
        let rows = field.visualRows(width: geometry.composerTextWidth)
        let cursor = field.cursorPosition(width: geometry.composerTextWidth)
        let firstRow = max(0, cursor.row - geometry.composer.count + 1)
        for (offset, rowIndex) in (firstRow..<min(rows.count, firstRow + geometry.composer.count)).enumerated() {
            FieldText.draw(field.characters[rows[rowIndex].range], into: &buffer, row: geometry.composer.lowerBound + offset,
                           column: textColumn, style: theme.style("message.user"), limit: buffer.width)
        }
        if hasCursor {
            buffer.cursor = (geometry.composer.lowerBound + cursor.row - firstRow, textColumn + cursor.column)
        }
    }
}
