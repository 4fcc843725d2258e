import TerminalText
import TerminalUI

extension FormFeature {
    /// The form, centred on a screen of `width` × `height`. `takesKeys` is false while a connector's
    /// question waits out its grace: keys still go to the composer.
    static func draw(_ form: State, width screenWidth: Int, height screenHeight: Int, theme: Theme, keymap: Keymap, takesKeys: Bool = true,
                     into buffer: inout CellBuffer) {
        let width = min(screenWidth - 4, 76)
        let noteLines = form.note.map { WordWrap.wrap([Span(Sanitizer.clean($0), scope: "ui.menu.detail")], width: width - 4) } ?? []
        let fields = FormLines.layout(form.fields, width: width - 4, isActive: true, fakeCursor: false)
        let problemRows = form.problem == nil ? 0 : 1
        let height = min(screenHeight - 2, fields.lines.count + 4 + noteLines.count + problemRows)
        let box = Rect(x: (screenWidth - width) / 2, y: max(1, (screenHeight - height) / 2), width: width, height: height)
        theme.drawBox(box, title: Sanitizer.line(form.title), into: &buffer)
        let inner = box.inner
        var row = inner.y
        for line in noteLines.prefix(max(1, inner.height - fields.lines.count - 2)) {
            buffer.put(line, row: row, column: inner.x, resolve: theme.style)
            row += 1
        }
        row += 1
        let fieldsTop = row
        // Keep the focused field in view when the fields outgrow the box.
        let room = max(1, inner.y + inner.height - 1 - problemRows - fieldsTop)
        let focusRow = fields.focusedRow ?? 0
        let skip = max(0, min(fields.lines.count - room, focusRow - room + 2))
        for line in fields.lines.dropFirst(skip).prefix(room) {
            buffer.put(line, row: row, column: inner.x, limit: inner.x + inner.width, resolve: theme.style)
            row += 1
        }
        if let problem = form.problem {
            buffer.put(DisplayWidth.truncate(Sanitizer.line(problem), to: inner.width), row: inner.y + inner.height - 2, column: inner.x, style: theme.style("ui.error"))
        }
        let decline: [(KeyCommand, String)] = if form.declines { [(.declineForm, "declines")] } else { [] }
        let keys = keymap.phrases([(.nextField, "next field"), (.submitForm, "submits"), (.close, "cancels")] + decline, in: .form)
        let hint = takesKeys ? DisplayWidth.wholePhrases(keys, separator: " · ", fitting: inner.width)
            : DisplayWidth.truncate("A moment: what you type still goes to your message", to: inner.width)
        buffer.put(hint, row: inner.y + inner.height - 1, column: inner.x, style: theme.style("ui.menu.detail"), limit: inner.x + inner.width)
        if takesKeys, let cursor = fields.textCursor, cursor.row >= skip, cursor.row - skip < room {
            let index = form.fields.focus
            let fieldRect = Rect(x: inner.x + fields.labelWidth, y: inner.y, width: inner.width - fields.labelWidth, height: inner.height)
            if form.fields.problem(at: index) == nil {
                let value = form.fields.values[index]
                theme.drawField("", form.fields.form.fields[index].isSecret ? value.masked : value, row: fieldsTop + cursor.row - skip, in: fieldRect, into: &buffer)
            } else {
                let value = form.fields.form.fields[index].isSecret ? form.fields.values[index].masked : form.fields.values[index]
                let typed = FieldText.width(of: value.characters[..<value.cursor])
                buffer.cursor = (fieldsTop + cursor.row - skip, inner.x + fields.labelWidth + min(typed, inner.width - fields.labelWidth - 1))
            }
        }
    }
}

extension Screen {
    /// A field's name as shown: a leading "N " only orders the fields.
    static func label(of name: String) -> String {
        guard let space = name.firstIndex(of: " "), name[..<space].allSatisfy(\.isNumber) else { return name }
        return String(name[name.index(after: space)...])
    }
}
