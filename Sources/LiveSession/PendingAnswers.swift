import ChatFeatures
import ConversationModel
import Foundation
import Synchronization

/// Questions waiting for the person, by id: each wait is resumed once, by its answer, by
/// cancellation of the waiting task, or by `answerAll` when the turn they belong to stops.
public final class PendingAnswers<Answer: Sendable>: Sendable {
    private let waiting = Mutex<[String: CheckedContinuation<Answer, Never>]>([:])

    /// Registers the wait, then `ask`s (posting the question); a cancelled task gets `onCancel`.
    func wait(for id: String, onCancel: Answer, ask: @Sendable () -> Void) async -> Answer {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                waiting.withLock { $0[id] = continuation }
                if Task.isCancelled { answer(id, with: onCancel) } else { ask() }
            }
        } onCancel: {
            answer(id, with: onCancel)
        }
    }

    func answer(_ id: String, with answer: Answer) {
        waiting.withLock { $0.removeValue(forKey: id) }?.resume(returning: answer)
    }

    func answerAll(with answer: Answer) {
        let all = waiting.withLock { waiting in
            defer { waiting = [:] }
            return Array(waiting.values)
        }
        all.forEach { $0.resume(returning: answer) }
    }
}

/// Resumes a continuation with the first answer delivered; later ones are dropped. For the
/// sign-in redirect, which the browser (through the listener) or a paste may bring first.
public final class FirstAnswer: Sendable {
    private let continuation: Mutex<CheckedContinuation<String?, Never>?>

    public init(_ continuation: CheckedContinuation<String?, Never>) { self.continuation = Mutex(continuation) }

    public func deliver(_ answer: String?) {
        continuation.withLock { waiting in
            defer { waiting = nil }
            return waiting
        }?.resume(returning: answer)
    }
}

/// Approvals answered by the person in the interface: a request becomes an
/// approval card, and the engine waits until the card is answered or the turn is cancelled.
public final class InteractiveApprovals: ApprovalGate {
    let post: @Sendable (Action) -> Void
    private let pending = PendingAnswers<ApprovalDecision>()

    init(post: @escaping @Sendable (Action) -> Void) { self.post = post }

    public func decide(_ request: ApprovalRequest) async -> ApprovalDecision {
        await decide(request, asking: .approvalNeeded(request))
    }

    /// The same card for a call that is not a turn's (a live view's), which `asking` says.
    func decide(_ request: ApprovalRequest, asking: Action) async -> ApprovalDecision {
        await pending.wait(for: request.call.id, onCancel: .deny(reason: nil)) { post(asking) }
    }

    func resolve(callID: String, _ decision: ApprovalDecision) {
        pending.answer(callID, with: decision)
    }

    /// A view's request that is not a call (its message, a link to open), which `asking` posts:
    /// whether it went through, as the view is told (`isError` when not).
    func letThrough(_ request: String, asking: Action) async -> Bool {
        if case .allowOnce = await pending.wait(for: request, onCancel: .deny(reason: nil), ask: { post(asking) }) { return true }
        return false
    }

    func answerView(_ request: String, accepted: Bool) {
        pending.answer(request, with: accepted ? .allowOnce(.null) : .deny(reason: nil))
    }

    /// Denies everything waiting: the turn was stopped, so its cards are gone (sampling
    /// requests wait outside the turn's task and would otherwise wait forever).
    func denyAll() {
        pending.answerAll(with: .deny(reason: nil))
    }
}
