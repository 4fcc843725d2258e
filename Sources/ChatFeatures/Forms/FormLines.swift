import ConnectorMenu
import TerminalText
import ToolCards

/// A schema form's fields as lines: the label column (required ones marked `*`), the
/// value as its kind reads (text, `[x]`, `‹ choice ›`, ticked options), the problem
/// beside the field, and the focused field's help under it.
public enum FormLines {
    struct Layout {
        var lines: [StyledLine]
        /// The focused field's line.
        var focusedRow: Int?
        /// The focused field's line, and where its value starts, when it is typed text.
        var textCursor: (row: Int, column: Int)?
        var labelWidth: Int
    }

    static func layout(_ fields: FormFields, width: Int, isActive: Bool, fakeCursor: Bool) -> Layout {
        let labelWidth = min(max(6, width / 3), (fields.form.fields.map { DisplayWidth.of(Sanitizer.line(label($0))) + 1 }.max() ?? 4) + 1)
        let valueWidth = max(4, width - labelWidth)
        var lines: [StyledLine] = []
        var textCursor: (Int, Int)?
        var focusedRow: Int?
        for (index, field) in fields.form.fields.enumerated() {
            let focused = isActive && index == fields.focus
            let name = DisplayWidth.truncate(Sanitizer.line(label(field)) + (field.isRequired ? "*" : ""), to: labelWidth - 1)
            let labelSpan = Span(name + String(repeating: " ", count: max(1, labelWidth - DisplayWidth.of(name))), scope: "card.label")
            var valueSpans = value(fields, index: index, focused: focused, fakeCursor: fakeCursor)
            if let problem = fields.problem(at: index) {
                valueSpans.append(Span("  ! " + problem, scope: "ui.error"))
            }
            if focused {
                focusedRow = lines.count
                if isTyped(field) { textCursor = (lines.count, labelWidth) }
            }
            let fitted = BoxFrame.cut(valueSpans, to: valueWidth)
            lines.append(StyledLine([labelSpan] + fitted))
            if focused, let help = help(field) {
                for line in WordWrap.wrap([Span(Sanitizer.line(help), scope: "message.meta")], width: valueWidth).prefix(3) {
                    lines.append(line.prefixed(with: [Span(String(repeating: " ", count: labelWidth), scope: "text")]))
                }
            }
        }
        return Layout(lines: lines, focusedRow: focusedRow, textCursor: textCursor, labelWidth: labelWidth)
    }

    static func label(_ field: ArgumentForm.Field) -> String {
        field.path.count == 2 ? "\(field.path[0]) › \(field.title)" : Screen.label(of: field.title)
    }

    /// Fields typed as text (the others are chosen with Space and arrows).
    static func isTyped(_ field: ArgumentForm.Field) -> Bool {
        switch field.kind {
        case .boolean, .choice, .multiChoice: return false
        default: return true
        }
    }

    static func value(_ fields: FormFields, index: Int, focused: Bool, fakeCursor: Bool) -> [Span] {
        let field = fields.form.fields[index]
        // A secret shows as one dot per character: never its text, on screen or in a snapshot.
        let typed = field.isSecret ? fields.values[index].masked : fields.values[index]
        // Each character as the field draws it (FieldText), so this line and the cursor over it agree.
        let text = typed.characters.map(FieldText.shown).joined()
        let scope = focused ? "card.field.focused" : "card.field"
        switch field.kind {
        case .boolean:
            return [Span(text == "true" ? "[x] yes" : text == "false" ? "[ ] no" : "[ ] —", scope: scope)]
        case .choice:
            return [Span("‹ " + (text.isEmpty ? "choose" : text) + " ›", scope: scope)]
        case .multiChoice(let options, _, _):
            let chosen = Set(ArgumentForm.items(fields.values[index].text))
            var spans: [Span] = []
            for (offset, option) in options.enumerated() {
                let mark = chosen.contains(option.title) ? "[x] " : "[ ] "
                let here = focused && offset == fields.optionCursor
                spans.append(Span(mark + Sanitizer.line(option.title), scope: here ? "card.field.focused" : "card.field"))
                spans.append(Span("  ", scope: "text"))
            }
            return spans
        default:
            if text.isEmpty && !focused { return [Span("—", scope: "message.meta")] }
            guard focused && fakeCursor else { return [Span(text, scope: scope)] }
            let (before, after) = (typed.characters[..<typed.cursor], typed.characters[typed.cursor...])
            return [Span(before.map(FieldText.shown).joined() + "▏" + after.map(FieldText.shown).joined(), scope: scope)]
        }
    }

    /// The field's description and how to change it.
    static func help(_ field: ArgumentForm.Field) -> String? {
        let how: String? = switch field.kind {
        case .boolean: "Space toggles"
        case .choice: field.isRequired ? "Space or ←/→ chooses" : "Space or ←/→ chooses; past the last is none"
        case .multiChoice: "←/→ moves, Space ticks"
        case .list: "comma-separated"
        case .text(_, _, _) where field.isSecret: "secret: hidden as you type"
        case .text(let format?, _, _): format
        case .json(let type) where !type.isEmpty: "JSON \(type)"
        default: nil
        }
        return [field.help, how].compactMap { $0 }.joined(separator: " — ").nonEmpty
    }
}

