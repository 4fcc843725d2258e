import ConnectorMenu
import Foundation
import TerminalText

/// The prompt-arguments form and the `@` resource picker.
extension Screen {
    func drawForm(_ form: FormPanel, state: AppState, into buffer: inout CellBuffer) {
        let width = min(state.width - 4, 72)
        let helpRows = form.form.fields.indices.contains(form.focus) && form.form.fields[form.focus].help != nil ? 1 : 0
        let noteLines = form.note.map { WordWrap.wrap([Span(Sanitizer.line($0), scope: "ui.menu.detail")], width: width - 4) } ?? []
        let height = min(state.height - 2, form.values.count + 3 + max(1, noteLines.count) + helpRows + (form.problem == nil ? 0 : 1))
        let box = Rect(x: (state.width - width) / 2, y: max(1, (state.height - height) / 2), width: width, height: height)
        drawBox(box, title: Sanitizer.line(form.title), into: &buffer)
        let inner = box.inner
        let labelWidth = min(24, (form.form.fields.map { DisplayWidth.of(Self.label(of: $0.name)) }.max() ?? 4) + 3)
        var row = inner.y
        for line in noteLines {
            buffer.put(line, row: row, column: inner.x, resolve: style)
            row += 1
        }
        if noteLines.isEmpty { row += 1 }
        var cursorRow: (Int, TextField, String)?
        for (index, field) in form.form.fields.enumerated() where row < inner.y + inner.height - 1 {
            let label = DisplayWidth.truncate(Self.label(of: field.name) + (field.isRequired ? "*" : ""), to: labelWidth - 1)
            let padded = label + String(repeating: " ", count: max(1, labelWidth - DisplayWidth.of(label)))
            if index == form.focus {
                cursorRow = (row, form.values[index], padded)
            } else {
                buffer.put(padded, row: row, column: inner.x, style: theme.style("ui.menu.title"))
                buffer.put(DisplayWidth.truncate(Sanitizer.line(form.values[index].text), to: max(1, inner.width - labelWidth)),
                           row: row, column: inner.x + labelWidth, style: theme.style("ui.menu"))
            }
            row += 1
            let choices = field.choices.isEmpty ? nil : "Space chooses: " + field.choices.joined(separator: " · ")
            if index == form.focus, let help = [field.help, choices].compactMap({ $0 }).joined(separator: " — ").nonEmpty {
                buffer.put(DisplayWidth.truncate(Sanitizer.line(help), to: max(1, inner.width - labelWidth)), row: row, column: inner.x + labelWidth,
                           style: theme.style("ui.menu.detail"))
                row += 1
            }
        }
        if let problem = form.problem {
            buffer.put(DisplayWidth.truncate(Sanitizer.line(problem), to: inner.width), row: row, column: inner.x, style: theme.style("ui.error"))
        }
        buffer.put("Tab next field · Ctrl-S submits · Esc cancels", row: inner.y + inner.height - 1, column: inner.x,
                   style: theme.style("ui.menu.detail"), limit: inner.x + inner.width)
        if let (fieldRow, field, label) = cursorRow { drawField(label, field, row: fieldRow, in: inner, into: &buffer) }
    }

    /// A field's name as shown: a leading "N " only orders the fields.
    static func label(of name: String) -> String {
        guard let space = name.firstIndex(of: " "), name[..<space].allSatisfy(\.isNumber) else { return name }
        return String(name[name.index(after: space)...])
    }

    func drawResourcePicker(_ picker: ResourcePicker, state: AppState, geometry: ScreenGeometry, into buffer: inout CellBuffer) {
        let height = min(geometry.composerBorder - 1, max(picker.matches.count, 1) + 4)
        let box = Rect(x: 1, y: geometry.composerBorder - height, width: min(state.width - 2, 80), height: height)
        drawBox(box, title: "Attach a resource", into: &buffer)
        let inner = box.inner
        let listRect = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
        if picker.matches.isEmpty {
            buffer.put("Nothing matches.", row: listRect.y, column: listRect.x, style: theme.style("ui.menu.detail"))
        }
        var list = picker.list
        for (offset, index) in list.visibleRange(height: listRect.height).enumerated() {
            let entry = picker.matches[index]
            let detail = " \(entry.connector) · \(entry.uri)"
            let name = DisplayWidth.truncate(Sanitizer.line(entry.name), to: max(8, listRect.width / 2))
            drawRow([Span(name, scope: "ui.menu"), Span(DisplayWidth.truncate(Sanitizer.line(detail), to: max(1, listRect.width - DisplayWidth.of(name))), scope: "ui.menu.detail")],
                    selected: index == list.selected, row: listRect.y + offset, in: listRect, into: &buffer)
        }
        drawField("@", picker.search, row: inner.y, in: inner, into: &buffer)
    }
}

extension String {
    /// Nil for the empty string.
    var nonEmpty: String? { isEmpty ? nil : self }
}
