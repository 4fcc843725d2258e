import Foundation
import Testing
import TestSupport
@testable import ChatStore
import ConversationModel

/// `/find`'s search over a whole conversation, and the deletion `/retry` and `/edit` use.
@Suite struct MessageSearchTests {
    let folder = TemporaryDirectory()

    @Test func searchFindsEveryMatchingMessageOfOneConversationOnly() throws {
        let store = try ConversationStore(directory: folder.url)
        let one = try store.createConversation()
        let other = try store.createConversation()
        var ids: [MessageID] = []
        for number in 1...450 {
            ids.append(try store.appendMessage(to: one.id, role: number % 2 == 1 ? .user : .assistant,
                                               blocks: [.text(number % 100 == 7 ? "the Needle 100% here" : "hay \(number)")]).id)
        }
        try store.appendMessage(to: other.id, role: .user, blocks: [.text("a needle elsewhere")])
        let found = try store.messageIDs(in: one.id, matching: "needle 100%")
        #expect(found == [ids[6], ids[106], ids[206], ids[306], ids[406]], "all of them, oldest first, case-insensitive")
        #expect(try store.messageIDs(in: one.id, matching: "100_").isEmpty, "LIKE wildcards are literal")
        #expect(try store.messageIDs(in: one.id, matching: "  ").isEmpty)
    }

    @Test func deletingFromAMessageDropsItAndEverythingAfterIt() throws {
        let store = try ConversationStore(directory: folder.url)
        let conversation = try store.createConversation()
        let first = try store.appendMessage(to: conversation.id, role: .user, blocks: [.text("first")])
        let answer = try store.appendMessage(to: conversation.id, role: .assistant, blocks: [.text("answer")])
        try store.appendMessage(to: conversation.id, role: .tool, blocks: [.text("result")])
        try store.deleteMessages(in: conversation.id, from: answer.id)
        #expect(try store.messages(in: conversation.id).map(\.id) == [first.id])
        #expect(try store.messageIDs(in: conversation.id, matching: "result").isEmpty, "the blocks went with them")
    }
}
