import ConversationModel
import Foundation
import Synchronization

/// The model's answer as it streams, kept in the store as a message in status
/// `streaming` that grows in place: saved when a Markdown block completes (a blank
/// line) and otherwise at most `interval` after text arrived, so a chattui killed
/// mid-answer loses at most that much. `finish` turns it into the step's final message.
final class StreamingAnswer: Sendable {
    private struct Draft {
        var messageID: MessageID?
        var text = ""
        var savedCount = 0
        var flushScheduled = false
        var finished = false
    }

    private let store: ConversationStore
    private let conversation: ConversationID
    private let interval: Duration
    private let draft = Mutex(Draft())

    init(store: ConversationStore, conversation: ConversationID, interval: Duration = .milliseconds(500)) {
        self.store = store
        self.conversation = conversation
        self.interval = interval
    }

    func append(_ text: String) {
        let scheduleFlush = draft.withLock { draft -> Bool in
            let completesBlock = text.contains("\n\n") || (draft.text.hasSuffix("\n") && text.hasPrefix("\n"))
            draft.text += text
            if completesBlock {
                save(&draft)
                return false
            }
            guard !draft.flushScheduled else { return false }
            draft.flushScheduled = true
            return true
        }
        guard scheduleFlush else { return }
        let interval = self.interval
        Task { [self] in
            try? await Task.sleep(for: interval)
            draft.withLock { save(&$0) }
        }
    }

    /// Stores the step's final blocks: in place of the streaming message when there is one.
    func finish(blocks: [ContentBlock], status: MessageStatus) throws(StoreError) -> Message? {
        let id = draft.withLock { draft -> MessageID? in
            draft.finished = true
            return draft.messageID
        }
        if let id, let message = try store.updateMessage(id, blocks: blocks, status: status) { return message }
        return try store.appendMessage(to: conversation, role: .assistant, blocks: blocks, status: status)
    }

    /// Called with the lock held, so a late flush never overwrites the final message.
    private func save(_ draft: inout Draft) {
        draft.flushScheduled = false
        guard !draft.finished, draft.text.utf8.count != draft.savedCount else { return }
        let blocks = [ContentBlock.text(draft.text)]
        // A failed save is not fatal here: the final commit reports the store's failure.
        if let id = draft.messageID {
            _ = try? store.updateMessage(id, blocks: blocks, status: .streaming)
        } else {
            draft.messageID = try? store.appendMessage(to: conversation, role: .assistant, blocks: blocks, status: .streaming).id
        }
        draft.savedCount = draft.text.utf8.count
    }
}

/// A step's tool calls, recorded as started before each is sent: a `streaming` tool
/// message whose blocks are the calls in flight (`toolStarted`), each holding the
/// result to tell the model if chattui stops before the real one arrives. When
/// every call is back, the same message holds the results.
final class ToolStepRecord: Sendable {
    private struct Step {
        var messageID: MessageID?
        var started: [ContentBlock] = []
    }

    private let store: ConversationStore
    private let conversation: ConversationID
    private let step = Mutex(Step())

    init(store: ConversationStore, conversation: ConversationID) {
        self.store = store
        self.conversation = conversation
    }

    /// Committed before the call is sent; a call that cannot be recorded is not sent.
    func started(_ call: ToolCall, presentation: ToolPresentation?) throws(StoreError) {
        let unknown = ToolResult(callID: call.id, content: TurnHistory.unknownOutcome, isError: true, presentation: presentation)
        var block = TurnHistory.resultBlock(unknown)
        block.kind = .toolStarted
        let saved: Result<Void, StoreError> = step.withLock { step in
            step.started.append(block)
            do throws(StoreError) {
                if let id = step.messageID {
                    try store.updateMessage(id, blocks: step.started, status: .streaming)
                } else {
                    step.messageID = try store.appendMessage(to: conversation, role: .tool, blocks: step.started, status: .streaming).id
                }
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try saved.get()
    }

    func finish(_ results: [ToolResult]) throws(StoreError) -> Message {
        let blocks = results.map(TurnHistory.resultBlock)
        let id = step.withLock { $0.messageID }
        if let id, let message = try store.updateMessage(id, blocks: blocks, status: .complete) { return message }
        return try store.appendMessage(to: conversation, role: .tool, blocks: blocks)
    }
}
