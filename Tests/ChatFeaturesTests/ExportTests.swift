import ConversationModel
import Foundation
import Testing
import TestSupport
@testable import ChatFeatures

@Suite struct ExportTests {
    @Test func markdownKeepsTheConversationAndNamesConnectorContent() throws {
        let conversation = Conversation(id: 1, title: "Plans: 日本 trip", titleIsCustom: false, createdAt: Fixtures.date, updatedAt: Fixtures.date, draft: "")
        let call = ToolCall(id: "c", name: "tasks__create_issue", arguments: .object(["title": .string("Book ``` flights")]))
        let result = ToolResult(callID: "c", content: "Created #1 with ``` inside\u{1B}[31m", isError: false)
        let messages = [
            Fixtures.message(1, .user, "File it"),
            Message(id: 2, conversationID: 1, role: .assistant, status: .complete, createdAt: Fixtures.date,
                    blocks: [.text("Sure."), ContentBlock(kind: .toolCall, text: "", payload: try JSONEncoder().encode(call))]),
            Message(id: 3, conversationID: 1, role: .tool, status: .complete, createdAt: Fixtures.date,
                    blocks: [ContentBlock(kind: .toolResult, text: result.content, payload: try JSONEncoder().encode(result))]),
        ]
        #expect(ConversationExport.connectors(in: messages) == ["tasks"])
        #expect(ConversationExport.connectors(in: [Fixtures.message(1, .user, "hi")]).isEmpty)
        // A result with no call in the conversation (a /task, a live view's call) is named by the connector it came from.
        let presented = ToolResult(callID: "t", content: "Created #2", isError: false,
                                   presentation: ToolPresentation(tool: "desk__create_ticket", connector: "desk", title: "Create ticket", arguments: .object([:]), isReadOnly: false))
        let resultOnly = Message(id: 4, conversationID: 1, role: .tool, status: .complete, createdAt: Fixtures.date,
                                 blocks: [ContentBlock(kind: .toolResult, text: presented.content, payload: try JSONEncoder().encode(presented))])
        #expect(ConversationExport.connectors(in: [resultOnly]) == ["desk"])
        #expect(ConversationExport.connectors(in: messages + [resultOnly]) == ["desk", "tasks"])
        let markdown = ConversationExport.markdown(conversation, messages: messages)
        #expect(markdown.hasPrefix("# Plans: 日本 trip\n"))
        #expect(markdown.contains("## You · "))
        #expect(markdown.contains("**Tool call** `tasks__create_issue`"))
        #expect(markdown.contains("````\nCreated #1 with ``` inside"), "the fence outgrows the content's backticks")
        #expect(!markdown.contains("\u{1B}"), "no escape sequences reach the file")
        let folder = TemporaryDirectory()
        let first = ConversationExport.defaultPath(for: conversation, in: folder.url.path)
        #expect(first.hasSuffix("/plans-日本-trip.md"))
        try "x".write(toFile: first, atomically: true, encoding: .utf8)
        #expect(ConversationExport.defaultPath(for: conversation, in: folder.url.path).hasSuffix("/plans-日本-trip-2.md"))
    }

    @Test func connectorContentNeedsAYes() {
        var harness = Harness()
        harness.type("/export")
        harness.press(.enter)
        #expect(harness.takeEffects().contains(.exportConversation(1, path: nil, confirmed: false)))
        harness.send(.exportNeedsConfirmation(path: nil, connectors: ["tasks"]))
        #expect(harness.lines().joined().contains("connectors (tasks)"))
        harness.press(.char("y"))
        #expect(harness.takeEffects() == [.exportConversation(1, path: nil, confirmed: true)])
        harness.send(.exportNeedsConfirmation(path: "/tmp/x.md", connectors: ["tasks"]))
        harness.press(.char("n"))
        #expect(harness.takeEffects().isEmpty)
        #expect(harness.state.flash?.text == "Not exported.")
    }
}
