import Foundation
import Synchronization
import Testing
import TestSupport
@testable import ChatStore
import ConversationModel

/// Tools whose call first looks in the store for its own started record, then answers.
final class StoreCheckingTools: ToolHost, Sendable {
    let store: ConversationStore
    let conversation: ConversationID
    private let seen = Mutex<[ContentBlock.Kind]>([])
    var kindsSeenWhileRunning: [ContentBlock.Kind] { seen.withLock { $0 } }

    init(store: ConversationStore, conversation: ConversationID) {
        self.store = store
        self.conversation = conversation
    }

    func tools() async -> [CatalogTool] { [RecordingTools.tool("time", "now", readOnly: true)] }

    func call(_ call: ToolCall, progress: @escaping @Sendable (Double, Double?, String?) -> Void) async -> ToolResult {
        let last = try? store.messages(in: conversation).last
        seen.withLock { $0 = last?.blocks.map(\.kind) ?? [] }
        return ToolResult(callID: call.id, content: "noon", isError: false)
    }
}

/// Nothing is lost and nothing is overwritten: answers stored as they stream, calls
/// recorded before they are sent, what a stopped chattui left marked, one writer per folder.
@Suite(.timeLimit(.minutes(1))) struct DurabilityTests {
    let folder = TemporaryDirectory()
    let store: ConversationStore
    let conversation: ConversationID

    init() throws {
        store = try ConversationStore(directory: folder.url)
        conversation = try store.createConversation().id
        try store.appendMessage(to: conversation, role: .user, blocks: [.text("Tell me")])
    }

    func settings() -> TurnSettings { TurnSettings(model: "m", connectorUses: ["time": .on], toolAccess: .always, toolBudget: 1000) }

    @Test func anAnswerIsInTheStoreWhileItStreamsAndIsFinishedInPlace() async throws {
        let provider = ScriptedProvider([.hang([.text("First paragraph.\n\n"), .text("Second, still")])])
        let engine = TurnEngine(store: store, provider: provider, tools: RecordingTools([]), approvals: ScriptedApprovals([]))
        let turn = Task { [conversation, settings = settings()] in await engine.run(in: conversation, settings: settings) { _ in } }
        var streaming: Message?
        while streaming?.text != "First paragraph.\n\nSecond, still" {
            try await Task.sleep(for: .milliseconds(10))
            streaming = try store.messages(in: conversation).last.flatMap { $0.role == .assistant ? $0 : nil }
        }
        #expect(streaming?.status == .streaming)
        turn.cancel()
        #expect(await turn.value == .cancelled)
        let stored = try store.messages(in: conversation)
        #expect(stored.map(\.role) == [.user, .assistant], "updated in place, not added again")
        #expect(stored.last?.id == streaming?.id)
        #expect(stored.last?.status == .interrupted)
        #expect(stored.last?.text == "First paragraph.\n\nSecond, still")
    }

    @Test func aCallIsRecordedAsStartedBeforeItIsSentAndItsResultTakesItsPlace() async throws {
        let provider = ScriptedProvider([
            .events([.toolCall(ToolCall(id: "c1", name: "time__now", arguments: .object([:]))), .stop(.toolUse)]),
            .events([.text("It is noon."), .stop(.endTurn)]),
        ])
        let tools = StoreCheckingTools(store: store, conversation: conversation)
        let engine = TurnEngine(store: store, provider: provider, tools: tools, approvals: ScriptedApprovals([]))
        #expect(await engine.run(in: conversation, settings: settings()) { _ in } == .completed)
        #expect(tools.kindsSeenWhileRunning == [.toolStarted])
        let stored = try store.messages(in: conversation)
        #expect(stored.map(\.role) == [.user, .assistant, .tool, .assistant])
        #expect(stored[2].status == .complete)
        #expect(stored[2].blocks.map(\.kind) == [.toolResult])
        #expect(stored[2].blocks.first?.decoded(ToolResult.self)?.content == "noon")
    }

    /// What `kill -9` leaves (an answer streaming; a step with one call sent and one not),
    /// then the next start's recovery, then the request the model gets.
    @Test func whatAStoppedChattuiLeftIsMarkedAndTheModelHearsTheTruth() throws {
        let sent = ToolCall(id: "sent", name: "time__now", arguments: .object([:]))
        let waiting = ToolCall(id: "waiting", name: "time__now", arguments: .object([:]))
        try store.appendMessage(to: conversation, role: .assistant, blocks: [TurnHistory.callBlock(sent), TurnHistory.callBlock(waiting)])
        try ToolStepRecord(store: store, conversation: conversation).started(sent, presentation: nil)
        try store.appendMessage(to: conversation, role: .user, blocks: [.text("And?")])
        let answer = StreamingAnswer(store: store, conversation: conversation)
        answer.append("Half an answer\n\n")

        #expect(try store.markUnfinishedInterrupted() == 2)
        #expect(try store.markUnfinishedInterrupted() == 0, "marked once")
        let stored = try store.messages(in: conversation)
        #expect(stored.map(\.status) == [.complete, .complete, .interrupted, .complete, .interrupted])
        #expect(stored[4].text == "Half an answer\n\n\n\n" + ConversationStore.stoppedNotice)
        let chat = TurnHistory.chatMessages(from: stored)
        let results = chat.flatMap(\.parts).compactMap { part -> ToolResult? in if case .toolResult(let result) = part { result } else { nil } }
        #expect(results.map(\.callID) == ["sent", "waiting"])
        #expect(results[0].content == TurnHistory.unknownOutcome)
        #expect(results[1].content.hasPrefix("This call was not run"), "never sent, so truly not run")
    }

    @Test func retryTakesBackEverythingAfterThePersonsMessage() throws {
        let question = try #require(try store.messages(in: conversation).last)
        try store.appendMessage(to: conversation, role: .assistant, blocks: [.text("A bad answer")], status: .interrupted)
        try store.appendMessage(to: conversation, role: .notice, blocks: [.notice("note")])
        #expect(try store.deleteMessages(in: conversation, after: question.id) == 2)
        #expect(try store.messages(in: conversation).map(\.id) == [question.id])
    }

    @Test func oneWriterPerFolderAndAReaderSavesNothing() throws {
        var first: DataFolderLock? = DataFolderLock(directory: folder.url)
        #expect(first?.access == .exclusive)
        #expect(DataFolderLock(directory: folder.url).access == .heldElsewhere(pid: getpid()))
        let reader = try ConversationStore(directory: folder.url, readOnly: true)
        #expect(try reader.messages(in: conversation).map(\.text) == ["Tell me"])
        #expect(throws: StoreError.heldElsewhere(path: store.path)) { try reader.saveDraft("lost?", in: conversation) }
        #expect(throws: StoreError.heldElsewhere(path: store.path)) { try reader.appendMessage(to: conversation, role: .user, blocks: [.text("x")]) }
        #expect(try store.conversation(conversation)?.draft == "")
        first = nil
        #expect(DataFolderLock(directory: folder.url).access == .exclusive, "released with its holder")
    }
}
