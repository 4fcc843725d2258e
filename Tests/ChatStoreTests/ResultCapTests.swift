import ConversationModel
import Foundation
import Testing

/// What of a stored tool result a model request carries.
struct ResultCapTests {
    static func history(result content: String) -> [ChatMessage] {
        let call = ToolCall(id: "c", name: "t", arguments: .object([:]))
        return TurnHistory.chatMessages(from: [
            Message(id: 1, conversationID: 1, role: .user, status: .complete, createdAt: Date(), blocks: [.text("go")]),
            Message(id: 2, conversationID: 1, role: .assistant, status: .complete, createdAt: Date(), blocks: [TurnHistoryProbe.callBlock(call)]),
            Message(id: 3, conversationID: 1, role: .tool, status: .complete, createdAt: Date(),
                    blocks: [TurnHistory.resultBlock(ToolResult(callID: "c", content: content, isError: false))]),
        ])
    }

    static func sentResult(_ chat: [ChatMessage]) -> String? {
        chat.flatMap(\.parts).compactMap { part -> String? in if case .toolResult(let result) = part { result.content } else { nil } }.first
    }

    @Test func aHugeResultIsSentAsHeadAndTailSayingWhatWasLeftOut() throws {
        let content = "HEAD " + String(repeating: "日", count: 1_000_000) + " TAIL"
        let sent = try #require(Self.sentResult(Self.history(result: content)))
        #expect(sent.count < ModelResultCap.limit + 200)
        #expect(sent.hasPrefix("HEAD ") && sent.hasSuffix(" TAIL"))
        #expect(sent.contains("\(content.count - ModelResultCap.limit) characters left out; the person sees the whole result"))
    }

    @Test func aResultUnderTheCapIsSentAsItIs() throws {
        let content = String(repeating: "line\n", count: 1_000)
        #expect(Self.sentResult(Self.history(result: content)) == content)
    }
}
