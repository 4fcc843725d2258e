import Foundation
import ConversationModel
import Synchronization
import MarkdownText
import TerminalText
import ToolCards
import TerminalUI

/// Lays out messages as styled lines, remembering each message's lines per
/// width: scrolling and typing re-use them, and only messages that come into
/// view are ever laid out. Lives on the main thread with the run loop; a huge message
/// is laid out the first time on a queue of its own (see `onLaidOut`).
public final class TranscriptLayout: @unchecked Sendable {
    private struct Entry {
        let width: Int
        let message: Message
        let cards: CardDisplay
        let lines: [StyledLine]
    }

    private var cache: [MessageID: Entry] = [:]
    /// Stored results as card models, decoded once; the card reducer reads them too.
    let cards = CardModels()
    private let time: TimeFormatting
    /// The live keymap: cards and the turn name the keys the person bound.
    let keymap: Keymap
    let assistantMarkdown = MarkdownLayout(baseScope: "message.assistant")
    /// Beyond this many laid-out messages, the cache starts over.
    private let capacity = 4000

    public init(time: TimeFormatting = .local, keymap: Keymap = .standard) {
        self.time = time
        self.keymap = keymap
    }

    /// Set by the run loop: a message larger than `offMainBytes` is then laid out on `queue` the
    /// first time, showing a one-line placeholder meanwhile, and this is called when its lines are
    /// ready (to draw again), so keys echo while a huge conversation is first laid out. Nil (tests,
    /// benchmarks) lays out everything at once.
    public var onLaidOut: (@Sendable () -> Void)?
    static let offMainBytes = 32 * 1024
    private let queue = DispatchQueue(label: "chattui.transcript-layout", qos: .userInitiated)
    /// Layouts finished on `queue`, waiting for the main thread to take them.
    private let finished = Mutex<[MessageID: Entry]>([:])
    /// Messages being laid out on `queue`, with the width asked for.
    private var inProgress: [MessageID: Int] = [:]

    /// A message's lines at a screen width, including its label line and the blank line after it.
    public func lines(for message: Message, width: Int, cards: CardDisplay = CardDisplay()) -> [StyledLine] {
        if let entry = cache[message.id], entry.width == width, entry.cards == cards, entry.message == message { return entry.lines }
        if inProgress[message.id] != nil, let entry = finished.withLock({ $0.removeValue(forKey: message.id) }) {
            inProgress[message.id] = nil
            remember(entry)
            if entry.width == width, entry.cards == cards, entry.message == message { return entry.lines }
        }
        if let onLaidOut, Self.byteCount(of: message) > Self.offMainBytes {
            if inProgress[message.id] != width {
                inProgress[message.id] = width
                queue.async { [self] in
                    let entry = Entry(width: width, message: message, cards: cards, lines: layOut(message, width: width, cards: cards))
                    self.finished.withLock { $0[message.id] = entry }
                    onLaidOut()
                }
            }
            return Self.placeholder(for: message)
        }
        let lines = layOut(message, width: width, cards: cards)
        remember(Entry(width: width, message: message, cards: cards, lines: lines))
        return lines
    }

    private func remember(_ entry: Entry) {
        if cache.count >= capacity { cache.removeAll(keepingCapacity: true) }
        cache[entry.message.id] = entry
    }

    private static func byteCount(of message: Message) -> Int {
        message.blocks.reduce(0) { $0 + $1.text.utf8.count }
    }

    /// What a message shows while it is laid out off the main thread.
    private static func placeholder(for message: Message) -> [StyledLine] {
        let size = ByteCountFormatter.string(fromByteCount: Int64(byteCount(of: message)), countStyle: .file)
        return [StyledLine([Span(String(repeating: " ", count: indent) + "Laying out a long message (\(size))…", scope: "message.meta")]), StyledLine()]
    }

    static let indent = 2

    /// The card hints' keys, from the live keymap.
    var cardKeys: CardLayout.Keys {
        CardLayout.Keys(toggle: keymap.key(for: .toggleCard, in: .cards), openLink: keymap.key(for: .openLink, in: .cards),
                        actions: keymap.key(for: .cardActions, in: .cards), refresh: keymap.key(for: .refreshCard, in: .cards),
                        toComposer: keymap.key(for: .cardToComposer, in: .cards), copyJSON: keymap.key(for: .copyCardJSON, in: .cards))
    }

    /// A focused live card's hint: its keys go to the view, these are the ones that do not. While a
    /// number is typed it says what the next key does with it.
    func liveCardHint(numbered: Int, typed: Int?) -> String {
        if let typed {
            let longer = "\(typed * 10)–\(min(numbered, typed * 10 + 9))"
            return "[\(typed)…] another digit for \(longer), Enter for \(typed)"
        }
        let numbers = numbered == 0 ? "" : numbered == 1 ? "1 focuses [1]" : numbered < 10 ? "1–\(numbered) focus" : "1–\(numbered) focus (1 2 is 12)"
        // The way out comes before the rest, so a narrow card that cuts its hint still shows it.
        return [numbers, keymap.phrase([(.close, "back")], in: .liveCard), keymap.phrase([(.nextControl, "next control"), (.reloadView, "reloads")], in: .liveCard),
                otherCardsHint]
            .filter { !$0.isEmpty }.joined(separator: " · ")
    }

    /// A focused card whose view is starting: the keys that work before it draws.
    var startingCardHint: String {
        [keymap.phrase([(.close, "back")], in: .liveCard), otherCardsHint].filter { !$0.isEmpty }.joined(separator: " · ")
    }

    private var otherCardsHint: String {
        let otherCards = [KeyCommand.previousCard, .nextCard].compactMap { keymap.key(for: $0, in: .liveCard) }.joined(separator: " / ")
        return otherCards.isEmpty ? "" : otherCards + " other cards"
    }

    /// What a card whose view is starting says until the view draws.
    static let viewStarting = "Starting the view…"

    /// Lines for an answer still streaming in. Blocks that ended (at a blank line outside a
    /// code fence) are laid out once, as they complete, and kept; only the block being
    /// written is laid out again each frame, so a long answer costs per frame what a short one does.
    func streamingLines(for text: String, width: Int) -> [StyledLine] {
        var done = streaming.flatMap { cached in
            cached.width == width && text.utf8.count >= cached.offset && text.utf8.prefix(cached.offset).elementsEqual(cached.source.utf8)
                ? cached : nil
        } ?? StreamingBlocks(width: width)
        let utf8 = text.utf8
        let boundary = Self.nextBoundary(in: utf8, from: done.offset)
        if boundary > done.offset {
            let start = utf8.index(utf8.startIndex, offsetBy: done.offset)
            let end = utf8.index(utf8.startIndex, offsetBy: boundary)
            let block = String(text[start..<end])
            if !block.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                if !done.lines.isEmpty { done.lines.append(StyledLine()) }
                done.lines += assistantMarkdown.lines(for: block, width: width)
            }
            done.offset = boundary
            done.source = String(text[..<end])
        }
        streaming = done
        let tail = String(text[utf8.index(utf8.startIndex, offsetBy: done.offset)...])
        guard !tail.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return done.lines }
        let tailLines = assistantMarkdown.lines(for: tail, width: width)
        return done.lines.isEmpty ? tailLines : done.lines + [StyledLine()] + tailLines
    }

    /// The streamed answer's completed blocks, laid out.
    private struct StreamingBlocks {
        var width: Int
        /// UTF-8 length of `source`, the text laid out so far.
        var offset = 0
        var source = ""
        var lines: [StyledLine] = []
    }

    private var streaming: StreamingBlocks?

    /// The UTF-8 offset just after the last blank line (outside a fenced code block) at or after
    /// `start`, which is itself a block boundary; `start` when there is none yet.
    static func nextBoundary(in utf8: String.UTF8View, from start: Int) -> Int {
        var boundary = start
        var inFence = false
        var offset = start
        var lineIsBlank = true
        var fenceMarks = 0
        var leading = true
        for byte in utf8.dropFirst(start) {
            offset += 1
            if byte == UInt8(ascii: "\n") {
                if fenceMarks >= 3 { inFence.toggle() }
                if lineIsBlank && !inFence { boundary = offset }
                lineIsBlank = true
                fenceMarks = 0
                leading = true
                continue
            }
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") {
                if fenceMarks > 0 && fenceMarks < 3 { fenceMarks = -1 }
                continue
            }
            lineIsBlank = false
            if leading && (byte == UInt8(ascii: "`") || byte == UInt8(ascii: "~")) && fenceMarks >= 0 {
                fenceMarks += 1
            } else {
                leading = false
                if fenceMarks < 3 { fenceMarks = -1 }
            }
        }
        return boundary
    }

    private func layOut(_ message: Message, width: Int, cards: CardDisplay) -> [StyledLine] {
        let bodyWidth = max(1, width - Self.indent - 1)
        let time = self.time.clock(message.createdAt)
        var output: [StyledLine] = []
        switch message.role {
        case .user:
            output.append(StyledLine([Span(" ", scope: "text"), Span("You", scope: "message.user.label"), Span("  " + time, scope: "message.meta")]))
        case .assistant:
            output.append(StyledLine([Span(" ", scope: "text"), Span("Assistant", scope: "message.assistant.label"), Span("  " + time, scope: "message.meta")]))
        case .tool where message.blocks.contains { $0.decoded(ToolResult.self)?.presentation?.byPerson == true }:
            output.append(StyledLine([Span(" ", scope: "text"), Span("You ran", scope: "message.user.label"), Span("  " + time, scope: "message.meta")]))
        case .notice, .tool:
            break
        }
        var body: [StyledLine] = []
        for (index, block) in message.blocks.enumerated() {
            let isToolLine = block.kind == .toolCall || block.kind == .toolResult
            if index > 0, !(isToolLine && message.blocks[index - 1].kind == block.kind) { body.append(StyledLine()) }
            if block.kind == .toolResult {
                var card = self.cards.card(for: block, message: message.id, index: index)
                if cards.starting.contains(index) { card.sections.removeAll { $0 == .notice(LiveViewKind.notStartedNote) } }
                let live = cards.focusedIsLive && cards.focused == index
                let starting = cards.starting.contains(index)
                // A starting card's keys are the live card's, most refused until it draws: no plain card's hints.
                let hint = live ? liveCardHint(numbered: card.firstLinkNumber - 1 + card.links.count, typed: cards.typedNumber)
                    : starting ? startingCardHint : nil
                body += TurnLines.card(card, width: bodyWidth, options: CardLayout.Options(
                    isExpanded: cards.expanded.contains(index), isFocused: cards.focused == index, keys: starting ? CardLayout.Keys() : cardKeys,
                    focusHint: hint, status: starting ? Self.viewStarting : nil))
            } else {
                body += layOut(block, role: message.role, width: bodyWidth)
            }
        }
        if message.status == .interrupted {
            body.append(StyledLine([Span("(interrupted)", scope: "message.meta", attributes: .italic)]))
        }
        let margin = [Span(String(repeating: " ", count: Self.indent), scope: "text")]
        output += body.map { $0.prefixed(with: margin) }
        output.append(StyledLine())
        return output
    }

    private func layOut(_ block: ContentBlock, role: Role, width: Int) -> [StyledLine] {
        switch block.kind {
        case .text where role == .assistant:
            return assistantMarkdown.lines(for: block.text, width: width)
        case .text:
            return WordWrap.wrap([Span(Sanitizer.clean(WordWrap.shown(block.text)), scope: "message.user")], width: width)
        case .notice:
            return WordWrap.wrap([Span("• " + Sanitizer.clean(block.text), scope: "message.notice")], width: width)
        case .toolCall:
            return TurnLines.call(block, width: width)
        case .toolResult:
            return TurnLines.card(CardModels.decode(block), width: width, options: CardLayout.Options(keys: cardKeys))
        case .resource:
            return TurnLines.resource(block, width: width)
        case .providerBlock:
            return WordWrap.wrap([Span("⌕ " + Sanitizer.clean(block.text, keepNewlines: false), scope: "message.meta")], width: width)
        default:
            let label = "[\(block.kind.rawValue)] "
            return WordWrap.wrap([Span(label + Sanitizer.clean(block.text), scope: "message.unknown")], width: width)
        }
    }

    /// Lines after the last message: a welcome in an empty conversation, and a
    /// plain word when no model is configured.
    static func footer(isEmpty: Bool, modelName: String?, width: Int) -> [StyledLine] {
        let bodyWidth = max(1, width - indent - 1)
        let margin = [Span(String(repeating: " ", count: indent), scope: "text")]
        var lines: [StyledLine] = []
        if isEmpty {
            lines += WordWrap.wrap([Span("Type a message and press Enter. Type / for commands.", scope: "ui.dim")], width: bodyWidth)
        }
        if modelName == nil {
            if !lines.isEmpty { lines.append(StyledLine()) }
            lines += WordWrap.wrap([Span(
                "No model is configured: your messages are saved but not answered. "
                    + "Set ANTHROPIC_API_KEY, or OPENAI_BASE_URL for a local server, and restart chattui.",
                scope: "message.notice")], width: bodyWidth)
        }
        return lines.map { $0.prefixed(with: margin) }
    }
}
