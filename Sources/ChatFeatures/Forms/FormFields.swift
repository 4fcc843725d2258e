import ConnectorMenu
import ConversationModel
import TerminalUI

/// A schema form being filled in: each field's text, the focused field, and the
/// option under the cursor in a multiple-choice field. The same editor serves the
/// form panel (prompts, elicitation, card actions, `/task`) and approval cards.
public struct FormFields: Equatable, Sendable {
    var form: ArgumentForm
    var values: [TextField]
    var focus = 0
    /// In a multiple-choice field: the option Space toggles.
    var optionCursor = 0
    /// Fields the person has typed in; their problems show beside them as they type.
    var touched: Set<Int> = []
    /// After a refused submit every field shows its problem.
    var showsAllProblems = false

    init(form: ArgumentForm) {
        self.form = form
        values = form.initialValues.map { TextField($0) }
    }

    init(schema: JSONValue, arguments: JSONValue = .object([:])) {
        self.init(form: ArgumentForm(schema: schema, arguments: arguments))
    }

    var isEmpty: Bool { form.fields.isEmpty }
    var isOnLastField: Bool { focus >= form.fields.count - 1 }

    /// The problem shown beside field `index`, if any.
    func problem(at index: Int) -> String? {
        guard touched.contains(index) || showsAllProblems, values.indices.contains(index) else { return nil }
        return form.problem(values[index].text, field: index)
    }

    /// The arguments, or nil after marking every problem and focusing the first.
    mutating func submit() -> JSONValue? {
        switch form.arguments(from: values.map(\.text)) {
        case .failure(let problem):
            showsAllProblems = true
            focus = problem.field
            return nil
        case .success(let arguments):
            return arguments
        }
    }

    /// What the person approves: `original` exactly as it came, with only the fields they changed
    /// taken from the form (so defaults the form shows never count as an edit); nil as `submit`.
    mutating func submit(changing original: JSONValue) -> JSONValue? {
        let changed = values.indices.filter { values[$0].text != (form.initialValues.indices.contains($0) ? form.initialValues[$0] : "") }
        guard !changed.isEmpty else { return original }
        guard let all = submit() else { return nil }
        var result = original.objectValue ?? [:]
        for index in changed {
            let path = form.fields[index].path
            let value = path.reduce(Optional(all)) { $0?[$1] }
            if path.count == 2 {
                var nested = result[path[0]]?.objectValue ?? [:]
                nested[path[1]] = value
                result[path[0]] = .object(nested)
            } else {
                result[path[0]] = value
            }
        }
        return .object(result)
    }

    mutating func move(forward: Bool) {
        guard !form.fields.isEmpty else { return }
        focus = forward ? min(form.fields.count - 1, focus + 1) : max(0, focus - 1)
        optionCursor = 0
    }

    /// A key for the focused field: Space and ←/→ choose in choice fields, typing edits the rest.
    mutating func edit(_ key: KeyEvent, keymap: Keymap, mode: InputMode) {
        guard form.fields.indices.contains(focus) else { return }
        let field = form.fields[focus]
        var text = values[focus].text
        switch (field.kind, key.key) {
        case (.boolean, .character(" ")), (.boolean, .left), (.boolean, .right):
            text = text == "true" ? "false" : "true"
        case (.choice(let options), .character(" ")), (.choice(let options), .right):
            text = Self.step(Self.cycle(options, isRequired: field.isRequired), from: text, by: 1)
        case (.choice(let options), .left):
            text = Self.step(Self.cycle(options, isRequired: field.isRequired), from: text, by: -1)
        case (.multiChoice(let options, _, _), .left):
            optionCursor = max(0, min(options.count - 1, optionCursor - 1))
            return
        case (.multiChoice(let options, _, _), .right):
            optionCursor = min(options.count - 1, optionCursor + 1)
            return
        case (.multiChoice(let options, _, _), .character(" ")):
            guard options.indices.contains(optionCursor) else { return }
            var chosen = ArgumentForm.items(text)
            let title = options[optionCursor].title
            if let index = chosen.firstIndex(of: title) { chosen.remove(at: index) } else { chosen.append(title) }
            text = options.map(\.title).filter(chosen.contains).joined(separator: ", ")
        case (.boolean, _), (.choice, _), (.multiChoice, _):
            return
        default:
            _ = values[focus].handle(key, keymap: keymap, mode: mode)
            touched.insert(focus)
            return
        }
        values[focus].setText(text)
        touched.insert(focus)
    }

    /// Pasted text for the focused field, on one line (its lines joined as the field says); choice
    /// fields are chosen with keys, not typed.
    mutating func paste(_ text: String) {
        guard form.fields.indices.contains(focus) else { return }
        switch form.fields[focus].kind {
        case .boolean, .choice, .multiChoice: return
        default:
            values[focus].insertOnOneLine(text, lineBreak: form.fields[focus].pastedLineBreak)
            touched.insert(focus)
        }
    }

    /// What Space and ←/→ go through: the options, and for an optional field, none (unset) too.
    static func cycle(_ options: [ArgumentForm.Option], isRequired: Bool) -> [String] {
        options.map(\.title) + (isRequired ? [] : [""])
    }

    static func step(_ titles: [String], from current: String, by delta: Int) -> String {
        guard !titles.isEmpty else { return current }
        guard let index = titles.firstIndex(of: current) else { return titles[delta > 0 ? 0 : titles.count - 1] }
        return titles[(index + delta + titles.count) % titles.count]
    }
}
