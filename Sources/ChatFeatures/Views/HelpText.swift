import TerminalText

/// The text of `/help`, built from the command table and the keymap so it
/// can never disagree with what the keys and commands do.
public enum HelpText {
    static func lines(keymap: Keymap, width: Int) -> [StyledLine] {
        var spans: [StyledLine] = [StyledLine([Span("Commands", scope: "markup.heading", attributes: .bold)])]
        let nameWidth = (CommandTable.all.map { $0.menu.name.count + ($0.menu.argumentHint.map { $0.count + 1 } ?? 0) }.max() ?? 0) + 3
        for command in CommandTable.all {
            let name = "/" + command.menu.name + (command.menu.argumentHint.map { " " + $0 } ?? "")
            let pad = String(repeating: " ", count: max(1, nameWidth - name.count))
            spans += WordWrap.wrap([Span(name + pad, scope: "ui.menu.match"), Span(command.menu.summary, scope: "ui.menu")], width: width)
        }
        spans += WordWrap.wrap([Span("Start a message with // to send text that begins with /.", scope: "ui.menu.detail")], width: width)
        // Every mode's own keys, straight from the keymap: a mode added later is listed too.
        for mode in InputMode.allCases {
            let extra = mode.extraHelpRows
            guard !(keymap.bindings[mode] ?? []).isEmpty || !extra.isEmpty else { continue }
            spans.append(StyledLine())
            spans.append(StyledLine([Span(mode.helpTitle, scope: "markup.heading", attributes: .bold)]))
            // Keys that do the same thing share a row: "←, Ctrl-B, →, Ctrl-F  move by character".
            var rows: [(keys: [String], text: String)] = []
            var seenKeys = Set<KeyEvent>()
            for binding in keymap.bindings[mode] ?? [] where seenKeys.insert(binding.key).inserted {
                let text = binding.command.helpText
                if let index = rows.firstIndex(where: { $0.text == text }) {
                    rows[index].keys.append(binding.key.label)
                } else {
                    rows.append(([binding.key.label], text))
                }
            }
            for row in rows + extra { spans += keyRow(row.keys.joined(separator: ", "), row.text, width: width) }
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
        }
    }

    /// Keys a mode reads without a binding (a typed character), so `/help` still names them.
    var extraHelpRows: [(keys: [String], text: String)] {
        switch self {
        case .composer: return [(["@"], "at the start of a word: attach a connector's resource (Backspace in an empty message removes the last)")]
        case .confirm: return [(["y"], "yes; any other key says no")]
        case .find: return [(["typing"], "searches every message of this conversation, not only those loaded")]
        case .liveCard: return [(["1", "9"], "a control's number focuses it (typed into a focused text box instead)"),
                                (["typing", "Enter", "Space", "arrows", "Backspace", "Home", "End"], "go to the view as keys")]
        default: return []
        }
    }
}

private let keyColumn = 26

/// A key label and its description, the description wrapping under itself.
private func keyRow(_ label: String, _ text: String, width: Int) -> [StyledLine] {
    let descriptionWidth = max(10, width - keyColumn)
    let description = WordWrap.wrap([Span(text, scope: "ui.menu")], width: descriptionWidth)
    let indent = Span(String(repeating: " ", count: keyColumn), scope: "ui.menu")
    var lines: [StyledLine] = []
    if DisplayWidth.of(label) < keyColumn {
        let pad = String(repeating: " ", count: keyColumn - DisplayWidth.of(label))
        lines.append(description[0].prefixed(with: [Span(label, scope: "ui.status.key"), Span(pad, scope: "ui.menu")]))
    } else {
        lines += WordWrap.wrap([Span(label, scope: "ui.status.key")], width: width)
        lines.append(description[0].prefixed(with: [indent]))
    }
    return lines + description.dropFirst().map { $0.prefixed(with: [indent]) }
}

extension KeyCommand {
    var helpText: String {
        switch self {
        case .send: return "send the message, or run a /command"
        case .nextControl, .previousControl: return "move between a live view's controls"
        case .reloadView: return "load the live view again"
        case .insertNewline: return "new line in the message"
        case .cursorLeft, .cursorRight: return "move by character"
        case .cursorUp, .cursorDown: return "move by line; at the first/last line, recall earlier messages"
        case .wordLeft, .wordRight: return "move by word"
        case .lineStart, .lineEnd: return "start / end of line"
        case .lineStartOrTop, .lineEndOrBottom: return "start / end of line; with an empty composer, top / bottom of the transcript"
        case .deleteBackward, .deleteForward: return "delete a character"
        case .killToLineEnd: return "cut to end of line"
        case .killToLineStart: return "cut to start of line"
        case .killWordBackward: return "cut the previous word"
        case .yank: return "paste what was cut"
        case .clearOrQuit: return "stop the answer, else clear the message; quit when there is neither, or press it twice"
        case .suspend: return "suspend to the shell (fg to come back)"
        case .scrollPageUp, .scrollPageDown: return "scroll a page"
        case .scrollTop: return "top of the transcript"
        case .scrollBottom: return "bottom of the transcript, following new messages"
        case .openMenu: return "open the command menu"
        case .menuUp, .menuDown: return "move the selection"
        case .menuAccept: return "choose"
        case .menuComplete: return "complete the command"
        case .close: return "close"
        case .listRename: return "rename the selected conversation"
        case .listDelete: return "delete the selected conversation (asks first)"
        case .cancelTurn: return "stop the answer: the request is aborted, tool calls cancelled, what arrived kept"
        case .nextField, .previousField: return "move between an approval card's choices and argument fields"
        case .approveOnce: return "allow this tool call once"
        case .approveAlways: return "allow this tool without asking for the rest of the conversation"
        case .deny: return "deny the call (you can give the model a reason)"
        case .submitForm: return "submit the form"
        case .openConnectors: return "open /connectors"
        case .cycleUse: return "cycle the connector: on, on demand (its tools are searched when needed), off"
        case .allOn: return "turn every connector on"
        case .allOff: return "turn every connector off"
        case .saveDefault: return "start new conversations with these connectors"
        case .reconnect: return "connect again now"
        case .remove: return "remove the connector from your configuration (asks first)"
        case .browseDirectory: return "browse the directory of connectors"
        case .copyLink: return "copy the sign-in URL to the clipboard (OSC 52, works over SSH)"
        case .signIn: return "sign in to the connector (OAuth)"
        case .disconnect: return "forget the connector's sign-in and connect again without it"
        case .trust: return "trust the connector (its read-only tools run unasked), or approve this folder's .mcp.json"
        case .addCustom: return "add a custom connector by URL or command line"
        case .install: return "install the connector shown: added to your configuration, connected, and turned on here"
        case .declineForm: return "decline what a connector asks"
        case .focusCards: return "move into the result cards (Tab and Shift-Tab between them)"
        case .newTask: return "create a task with a connector's create tool (/task), titled with the message typed"
        case .nextCard, .previousCard: return "the next / previous card"
        case .toggleCard: return "open or close the card"
        case .openLink: return "open one of the card's links (asks first)"
        case .cardActions: return "the connector's actions for this card, each a form"
        case .refreshCard: return "call a read-only tool again with the same arguments"
        case .cardToComposer: return "put the card's text into the message"
        case .copyCardJSON: return "copy the structured result as JSON (OSC 52)"
        case .find: return "find in this conversation (/find)"
        case .findNext, .findPrevious: return "the next / previous match"
        case .editLast: return "edit your last message and send it again (/edit); its answer is replaced"
        }
    }
}
