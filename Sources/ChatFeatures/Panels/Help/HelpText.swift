import TerminalText
import TerminalUI

/// The text of `/help`, built from the command table and the keymap so it
/// can never disagree with what the keys and commands do.
public enum HelpText {
    /// The help panel's lines: the keys and commands, or `/status`'s recent messages, newest first, in full.
    static func lines(for panel: HelpPanel, statusLog: [Flash], keymap: Keymap, width: Int) -> [StyledLine] {
        guard panel.content == .statusLog else { return lines(keymap: keymap, width: width) }
        guard !statusLog.isEmpty else { return [StyledLine([Span("No status messages yet.", scope: "ui.menu.detail")])] }
        return statusLog.reversed().enumerated().flatMap { index, flash in
            (index == 0 ? [] : [StyledLine()])
                + WordWrap.wrap([Span(Sanitizer.clean(flash.text), scope: flash.isError ? "ui.error" : "ui.menu")], width: width)
        }
    }

    static func lines(keymap: Keymap, width: Int) -> [StyledLine] {
        var spans: [StyledLine] = [StyledLine([Span("Commands", scope: "markup.heading", attributes: .bold)])]
        let commands = CommandTable.menuCommands(keymap: keymap)
        let nameWidth = (commands.map { $0.name.count + ($0.argumentHint.map { $0.count + 1 } ?? 0) }.max() ?? 0) + 3
        for command in commands {
            let name = "/" + command.name + (command.argumentHint.map { " " + $0 } ?? "")
            // Descriptions wrap under themselves, not back at the left edge.
            spans += hangingRow(name, command.summary, width: width, column: min(nameWidth, width / 2), labelScope: "ui.menu.match")
        }
        spans += WordWrap.wrap([Span("Start a message with // to send text that begins with /.", scope: "ui.menu.detail")], width: width)
        // Every mode's own keys, straight from the keymap: a mode added later is listed too.
        for mode in InputMode.allCases {
            let extra = mode.extraHelpRows
            guard !(keymap.bindings[mode] ?? []).isEmpty || !extra.isEmpty else { continue }
            spans.append(StyledLine())
            spans.append(StyledLine([Span(mode.helpTitle, scope: "markup.heading", attributes: .bold)]))
            // Keys that do the same thing share a row: "←, Ctrl-B, →, Ctrl-F  move by character".
            // A row's keys follow its commands' order, so "the next / previous card" reads in the keys' order.
            var rows: [(bindings: [KeyBinding], text: String)] = []
            var seenKeys = Set<KeyEvent>()
            for binding in keymap.bindings[mode] ?? [] where seenKeys.insert(binding.key).inserted {
                let text = binding.command.helpDoc(in: mode)
                if let index = rows.firstIndex(where: { $0.text == text }) {
                    rows[index].bindings.append(binding)
                } else {
                    rows.append(([binding], text))
                }
            }
            let keyRows = rows.map { row in
                (keys: row.bindings.sorted { $0.command.order < $1.command.order }.map(\.key.label), text: row.text)
            }
            for row in keyRows + extra {
                spans += hangingRow(row.keys.joined(separator: ", "), row.text, width: width, column: keyColumn, labelScope: "ui.status.key")
            }
        }
        spans.append(StyledLine())
        spans += WordWrap.wrap([Span("The mouse wheel scrolls the transcript. Esc closes any panel.", scope: "ui.menu.detail")], width: width)
        return spans
    }
}

extension InputMode {
    var helpTitle: String {
        switch self {
        case .composer: return "Composer keys"
        case .slashMenu: return "Command menu"
        case .list: return "Lists"
        case .conversations: return "Conversations panel"
        case .prompt: return "Text fields"
        case .help: return "This help"
        case .approval: return "Approval cards"
        case .approvalField: return "Editing an approval's arguments"
        case .form: return "Forms"
        case .picker: return "Pickers (@ resources, the directory)"
        case .connectors: return "Connectors panel"
        case .connectorDetails: return "A connector's details"
        case .directoryDetails: return "A directory entry"
        case .confirm: return "Yes/no questions"
        case .signIn: return "Sign-in card"
        case .cards: return "Result cards"
        case .liveCard: return "A live card (an MCP Apps view)"
        case .find: return "Find bar"
        case .selectMessage: return "Choosing a message to copy (Alt-C)"
        }
    }

    /// Keys a mode reads without a binding (a typed character), so `/help` still names them.
    var extraHelpRows: [(keys: [String], text: String)] {
        switch self {
        case .composer: return [(["@"], "at the start of a word: attach a connector's resource (Backspace in an empty message removes the last)")]
        case .confirm: return [(["y"], "yes; any other key says no")]
        case .find: return [(["typing"], "searches every message of this conversation, not only those loaded")]
        case .liveCard: return [(["1…9"], "a number focuses its control or opens its link: 1 then 2 at once is 12, a lone 1 is taken after a short pause or with Enter (typed into a focused text box instead)"),
                                (["typing", "Enter", "Space", "arrows", "Backspace", "Home", "End"], "go to the view as keys")]
        default: return []
        }
    }
}

extension KeyCommand {
    /// What the command does in this layer, where that differs from its one-line `doc` (written for
    /// the layer it was first bound in): ↑/↓ scroll a panel, Tab moves between a picker's categories.
    func helpDoc(in mode: InputMode) -> String {
        switch (self, mode) {
        case (.cursorUp, .help), (.cursorDown, .help), (.cursorUp, .connectorDetails), (.cursorDown, .connectorDetails):
            return "scroll by line"
        case (.nextField, .picker), (.previousField, .picker): return "the next / previous category"
        case (.nextField, .form), (.previousField, .form): return "the next / previous field"
        case (.cursorUp, .prompt), (.cursorDown, .prompt): return "move by line"
        case (.menuAccept, .prompt): return "accept what is typed"
        case (.close, .cards), (.close, .liveCard): return "leave the card"
        default: return doc
        }
    }

    /// Declaration order, which puts each pair's first-named command ("next" of next / previous) first.
    fileprivate var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}

private let keyColumn = 26

/// A key label and its description, the description wrapping under itself.
/// A label and its text in two columns, the text wrapping under itself; a label too wide for its
/// column takes a line of its own.
private func hangingRow(_ label: String, _ text: String, width: Int, column: Int, labelScope: String) -> [StyledLine] {
    let descriptionWidth = max(10, width - column)
    let description = WordWrap.wrap([Span(text, scope: "ui.menu")], width: descriptionWidth)
    let indent = Span(String(repeating: " ", count: column), scope: "ui.menu")
    var lines: [StyledLine] = []
    if DisplayWidth.of(label) < column {
        let pad = String(repeating: " ", count: column - DisplayWidth.of(label))
        lines.append(description[0].prefixed(with: [Span(label, scope: labelScope), Span(pad, scope: "ui.menu")]))
    } else {
        lines += WordWrap.wrap([Span(label, scope: labelScope)], width: width)
        lines.append(description[0].prefixed(with: [indent]))
    }
    return lines + description.dropFirst().map { $0.prefixed(with: [indent]) }
}
