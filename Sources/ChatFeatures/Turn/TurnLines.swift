import ConversationModel
import Foundation
import MarkdownText
import TerminalText
import ToolCards
import TerminalUI

/// Lines for tool calls and results in stored messages, and for the turn in
/// progress: the streaming answer, running calls with progress, approval cards.
public enum TurnLines {
    /// `connector · tool` from a namespaced id.
    public static func displayName(_ id: String) -> String {
        let parts = ToolID.parts(of: id)
        return parts.connector.map { "\($0) · \(parts.tool)" } ?? parts.tool
    }

    static func call(_ block: ContentBlock, width: Int) -> [StyledLine] {
        let call = block.decoded(ToolCall.self)
        let name = Sanitizer.clean(displayName(call?.name ?? block.text), keepNewlines: false)
        let arguments = call.map { Sanitizer.clean($0.arguments.jsonText, keepNewlines: false) } ?? ""
        let shown = arguments == "{}" ? "" : "  " + DisplayWidth.truncate(arguments, to: max(8, width - DisplayWidth.of(name) - 4))
        return WordWrap.wrap([Span("⚙ ", scope: "tool.call"), Span(name, scope: "tool.call", attributes: .bold), Span(shown, scope: "message.meta")], width: width)
    }

    static let cardLayout = CardLayout()

    /// A result as a card.
    static func card(_ card: ToolCard, width: Int, options: CardLayout.Options) -> [StyledLine] {
        cardLayout.lines(for: card, width: width, options: options)
    }

    /// An attached resource: its name and address, and how long it is (the content went to the model).
    static func resource(_ block: ContentBlock, width: Int) -> [StyledLine] {
        let origin = block.decoded(ResourceBlock.Origin.self)
        let name = Sanitizer.clean(origin?.name ?? "resource", keepNewlines: false)
        let lines = block.text.split(separator: "\n", omittingEmptySubsequences: false).count
        let detail = "  \(origin?.connector ?? "") · \(origin?.uri ?? "") · \(counted(lines, "line"))"
        return WordWrap.wrap([Span("📎 ", scope: "tool.call"), Span(name, scope: "tool.call", attributes: .bold),
                              Span(Sanitizer.clean(detail, keepNewlines: false), scope: "message.meta")], width: width)
    }

    /// The answer being written: its text so far, the calls running, and the approval card
    /// when it is the first question waiting.
    static func live(_ turn: TurnState, questions: QuestionQueue, layout: TranscriptLayout, width: Int) -> [StyledLine] {
        let bodyWidth = max(1, width - TranscriptLayout.indent - 1)
        var body: [StyledLine] = []
        if !turn.streamingText.isEmpty { body += layout.streamingLines(for: turn.streamingText, width: bodyWidth) }
        for activity in turn.activity { body.append(self.activity(activity, running: turn.elapsed(since: activity.startedAt), width: bodyWidth)) }
        if let note = turn.retryNote {
            body += WordWrap.wrap([Span(Sanitizer.clean(note, keepNewlines: false), scope: "message.notice")], width: bodyWidth)
        }
        if case .approval(let card)? = questions.first {
            if !body.isEmpty { body.append(StyledLine()) }
            body += ApprovalCardLines.lines(card, isActive: questions.isReady, waitingBehind: questions.waitingBehind, width: bodyWidth,
                                            keymap: layout.keymap)
        }
        let stopKey = layout.keymap.key(for: .cancelTurn, in: .composer)
        let status = questions.isEmpty || turn.isCancelling ? waiting(turn, stopKey: stopKey) : "waiting for you"
        let label = StyledLine([Span(" ", scope: "text"), Span("Assistant", scope: "message.assistant.label"), Span("  " + status, scope: "message.meta")])
        let margin = [Span(String(repeating: " ", count: TranscriptLayout.indent), scope: "text")]
        return [label] + body.map { $0.prefixed(with: margin) } + [StyledLine()]
    }

    static let spinner = Array("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏")

    /// What the turn is waiting for; after a second, with a spinner and the seconds, so a stall shows.
    static func waiting(_ turn: TurnState, stopKey: String?) -> String {
        let waited = turn.waitingFor.map { Sanitizer.clean($0, keepNewlines: false) }.joined(separator: ", ")
        let word = turn.isCancelling ? "stopping…" : waited.isEmpty ? "answering…" : "waiting for \(waited) to start…"
        let hint = turn.isCancelling ? "" : stopKey.map { "\($0) stops" } ?? ""
        guard let elapsed = turn.elapsed(since: turn.startedAt), elapsed >= .seconds(1) else { return word + (hint.isEmpty ? "" : " " + hint) }
        let frame = spinner[Int(elapsed / TurnState.tick) % spinner.count]
        return "\(frame) \(word) \(seconds(elapsed))" + (hint.isEmpty ? "" : " · " + hint)
    }

    static func seconds(_ duration: Duration) -> String { "\(duration.components.seconds)s" }

    /// A call in the turn: running (with progress, and its seconds after the first), or its outcome.
    static func activity(_ activity: ToolActivity, running elapsed: Duration? = nil, width: Int) -> StyledLine {
        let name = Sanitizer.clean(displayName(activity.name), keepNewlines: false)
        if activity.isFinished {
            return StyledLine([Span(activity.isError ? "✗ " : "✓ ", scope: activity.isError ? "tool.error" : "tool.result"), Span(name, scope: "tool.call")])
        }
        let running = elapsed.flatMap { $0 >= .seconds(1) ? "  running " + seconds($0) : nil } ?? "  running"
        var spans = [Span("⚙ ", scope: "tool.call"), Span(name, scope: "tool.call", attributes: .bold), Span(running, scope: "message.meta")]
        if let done = activity.done {
            let barWidth = max(4, min(20, width - DisplayWidth.of(name) - 24))
            if let total = activity.total, total > 0 {
                let fraction = min(1, max(0, done / total))
                let filled = Int((fraction * Double(barWidth)).rounded())
                spans[2] = Span("  ", scope: "text")
                spans.append(Span(String(repeating: "█", count: filled), scope: "ui.progress"))
                spans.append(Span(String(repeating: "░", count: barWidth - filled), scope: "ui.progress.track"))
                spans.append(Span(" \(Int(fraction * 100))%", scope: "message.meta"))
            }
            if let message = activity.message { spans.append(Span(" " + Sanitizer.clean(message, keepNewlines: false), scope: "message.meta")) }
        }
        return StyledLine(spans)
    }
}

/// An approval card as lines in the transcript.
public enum ApprovalCardLines {
    /// `isActive`: the card has the keys (it has been on screen for the grace).
    static func lines(_ card: ApprovalCard, isActive: Bool, waitingBehind: Int = 0, width: Int, keymap: Keymap) -> [StyledLine] {
        let inner = max(10, width - 4)
        let tool = card.request.tool
        let risk = tool.isDestructive ? "destructive" : !tool.isReadOnly ? "writes" : tool.isVerified ? "read-only" : "asks: not verified"
        let title = " Allow \(Sanitizer.clean(TurnLines.displayName(tool.id), keepNewlines: false))? "
        let riskLabel = " \(risk) "
        let shownTitle = DisplayWidth.truncate(title, to: max(4, inner - DisplayWidth.of(riskLabel) - 1))
        let frame = BoxFrame(inner: inner, border: "card.border")
        var lines = [frame.top([Span(shownTitle, scope: "card.title")],
                               trailing: [Span(riskLabel, scope: tool.isDestructive ? "card.destructive" : "card.meta")])]
        func row(_ spans: [Span]) -> StyledLine { frame.row(spans, padding: "card.border") }
        // What the card says wraps inside it rather than being cut at a narrow width.
        func wrapped(_ text: String, _ scope: String) -> [StyledLine] {
            WordWrap.wrap([Span(text, scope: scope)], width: inner).map { row($0.spans) }
        }
        func keys(_ mode: InputMode, _ commands: [(KeyCommand, String)]) -> String { keymap.phrase(commands, in: mode) }
        if card.fields.isEmpty { lines.append(row([Span("(no arguments)", scope: "message.meta")])) }
        let editing: Bool = if case .field = card.focus { isActive } else { false }
        for line in FormLines.layout(card.fields, width: inner, isActive: editing, fakeCursor: true).lines {
            lines.append(row(line.spans))
        }
        if let problem = card.problem {
            lines.append(row([Span(DisplayWidth.truncate("! " + Sanitizer.clean(problem, keepNewlines: false), to: inner), scope: "ui.error")]))
        }
        if isActive, card.focus == .confirmingAlways {
            lines += wrapped("Always allow this destructive tool in this conversation, without asking?", "card.destructive")
            lines += wrapped(InputMode.confirm.extraHelpRows.map { "\($0.keys.joined(separator: "/")) always allows it" }.joined() + " · any other key goes back", "message.meta")
        } else if isActive, card.focus == .reason {
            let reason = Sanitizer.clean(card.reason.text, keepNewlines: false) + "▏"
            lines += WordWrap.wrap([Span("Reason (optional): ", scope: "card.label"), Span(reason, scope: "card.field.focused")], width: inner).map { row($0.spans) }
            lines += wrapped(keys(.approvalField, [(.menuAccept, "denies and tells the model"), (.close, "goes back")]), "message.meta")
        } else {
            var choices: [Span] = []
            for choice in ApprovalCard.Choice.allCases {
                let selected = isActive && card.focus == .choices && card.choice == choice
                choices.append(Span(" \(choice.label) ", scope: selected ? "card.button.selected" : "card.button"))
                choices.append(Span(" ", scope: "text"))
            }
            if choices.reduce(0, { $0 + DisplayWidth.of($1.text) }) > inner {
                choices = choices.map { Span(DisplayWidth.truncate($0.text, to: max(3, inner / 3 - 1)), scope: $0.scope) }
            }
            lines.append(row(choices))
            if !isActive {
                lines += wrapped("A moment: what you type still goes to your message", "message.meta")
            } else if !editing {
                lines += wrapped(keys(.approval, [(.approveOnce, "once"), (.approveAlways, "always"), (.deny, "deny"), (.nextField, "edit arguments")]), "message.meta")
            }
        }
        if editing {
            lines += wrapped(keys(.approvalField, [(.nextField, "next field"), (.menuAccept, "back to the choices")]), "message.meta")
        }
        if waitingBehind > 0 {
            lines.append(row([Span(DisplayWidth.truncate("\(waitingBehind) more waiting", to: inner), scope: "message.meta")]))
        }
        lines.append(frame.bottom())
        return lines
    }
}
