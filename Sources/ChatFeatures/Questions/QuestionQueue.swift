/// Questions waiting for the person — approval cards (tool calls, sampling) and connectors'
/// forms (elicitation) — oldest first. Only the first is shown and answered; none is dropped.
///
/// A question never takes a key typed before it was on screen plus `grace`: the person was
/// typing their next message. The reducer reads no clock, so the run loop says when the first
/// question was drawn (`questionDrawn`) and what time it is (`clockAdvanced`).
public struct QuestionQueue: Equatable, Sendable {
    public enum Question: Equatable, Sendable {
        case approval(ApprovalCard)
        /// A connector's form, and the connector that asked.
        case elicitation(FormPanel, from: String)
    }

    static let grace: Duration = .milliseconds(400)

    private(set) var waiting: [Question] = []
    /// When the first question was first drawn; nil until it is on screen.
    private(set) var drawnAt: ContinuousClock.Instant?
    /// The grace has passed since it was drawn: it has the keys.
    private(set) var isReady = false

    var first: Question? { waiting.first }
    var isEmpty: Bool { waiting.isEmpty }
    /// How many wait behind the one shown.
    var waitingBehind: Int { max(0, waiting.count - 1) }
    /// When the run loop should say the time again, so the first question can take keys.
    var readyAt: ContinuousClock.Instant? { isReady ? nil : drawnAt.map { $0 + Self.grace } }

    var approvals: [ApprovalCard] {
        waiting.compactMap { question -> ApprovalCard? in if case .approval(let card) = question { card } else { nil } }
    }

    mutating func append(_ question: Question) { waiting.append(question) }

    /// The first question was drawn at `moment` (only its first drawing counts).
    mutating func drawn(at moment: ContinuousClock.Instant) {
        if drawnAt == nil, !waiting.isEmpty { drawnAt = moment }
    }

    mutating func clock(_ now: ContinuousClock.Instant) {
        if let readyAt, now >= readyAt { isReady = true }
    }

    /// The first question is off screen (a panel covers it, another conversation is open):
    /// when it comes back it waits out the grace again.
    mutating func hidden() {
        drawnAt = nil
        isReady = false
    }

    /// Changes the first question in place (a key edited it).
    mutating func updateFirst(_ question: Question) {
        guard !waiting.isEmpty else { return }
        waiting[0] = question
    }

    /// The first question was answered: the next one must be drawn and wait out the grace.
    mutating func removeFirst() {
        guard !waiting.isEmpty else { return }
        waiting.removeFirst()
        hidden()
    }

    /// Takes out the questions that match (their server left, their turn stopped) and returns them.
    mutating func remove(where matches: (Question) -> Bool) -> [Question] {
        let removed = waiting.filter(matches)
        guard !removed.isEmpty else { return [] }
        if let first = waiting.first, matches(first) { hidden() }
        waiting.removeAll(where: matches)
        return removed
    }
}
