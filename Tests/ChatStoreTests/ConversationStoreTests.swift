import Foundation
import GRDB
import Testing
import TestSupport
@testable import ChatStore
import ConversationModel

@Suite struct ConversationStoreTests {
    let folder = TemporaryDirectory()

    private func store() throws -> ConversationStore { try ConversationStore(directory: folder.url) }

    @Test func migrationsCreateTheSchema() throws {
        let store = try store()
        let queue = try DatabaseQueue(path: store.path)
        let tables = try queue.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") }
        #expect(Set(tables).isSuperset(of: ["conversation", "message", "block", "conversationConnector", "setting", "toolGrant", "grdb_migrations"]))
        let applied = try queue.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied.count == 2)
        let journal = try queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
    }

    @Test func reopeningDoesNotMigrateAgainOrLoseData() throws {
        let id = try store().createConversation(title: "kept").id
        let reopened = try store()
        #expect(try reopened.conversation(id)?.title == "kept")
    }

    @Test func messagesKeepOrderAndBlocks() throws {
        let store = try store()
        let conversation = try store.createConversation()
        try store.appendMessage(to: conversation.id, role: .user, blocks: [.text("first")])
        try store.appendMessage(to: conversation.id, role: .assistant, blocks: [
            .text("answer"), ContentBlock(kind: .init(rawValue: "future_kind"), text: "later", payload: Data("{}".utf8)),
        ])
        let messages = try store.messages(in: conversation.id)
        #expect(messages.map(\.role) == [.user, .assistant])
        #expect(messages[1].blocks.map(\.kind.rawValue) == ["text", "future_kind"])
        #expect(messages[1].blocks[1].payload == Data("{}".utf8))
    }

    @Test func pagesBackwardsThroughLongConversations() throws {
        let store = try store()
        let conversation = try store.createConversation()
        for index in 0..<25 { try store.appendMessage(to: conversation.id, role: .user, blocks: [.text("m\(index)")]) }
        let newest = try store.messages(in: conversation.id, limit: 10)
        #expect(newest.map(\.text) == (15..<25).map { "m\($0)" })
        let earlier = try store.messages(in: conversation.id, before: newest[0].id, limit: 10)
        #expect(earlier.map(\.text) == (5..<15).map { "m\($0)" })
        #expect(try store.messageCount(in: conversation.id) == 25)
    }

    @Test func firstUserMessageNamesTheConversationUntilRenamed() throws {
        let store = try store()
        let conversation = try store.createConversation()
        try store.appendMessage(to: conversation.id, role: .user, blocks: [.text("Plan the launch\nwith details")])
        try store.appendMessage(to: conversation.id, role: .user, blocks: [.text("second message")])
        #expect(try store.conversation(conversation.id)?.title == "Plan the launch")
        try store.renameConversation(conversation.id, to: "Mine")
        let other = try store.createConversation()
        try store.renameConversation(other.id, to: "Custom")
        try store.appendMessage(to: other.id, role: .user, blocks: [.text("does not rename")])
        #expect(try store.conversation(other.id)?.title == "Custom")
    }

    @Test func draftsAreStored() throws {
        let store = try store()
        let conversation = try store.createConversation()
        try store.saveDraft("half a thought 日本", in: conversation.id)
        #expect(try store.conversation(conversation.id)?.draft == "half a thought 日本")
    }

    @Test func searchFindsTitlesAndContentWithSnippets() throws {
        let store = try store()
        let travel = try store.createConversation(title: "Travel plans")
        let code = try store.createConversation(title: "Code review")
        try store.appendMessage(to: code.id, role: .user, blocks: [.text("Please look at the 100% coverage_report before Friday")])
        #expect(try store.conversations(matching: "travel").map(\.id) == [travel.id])
        let results = try store.conversations(matching: "coverage_")
        #expect(results.map(\.id) == [code.id])
        #expect(results[0].matchSnippet?.contains("coverage_report") == true)
        #expect(try store.conversations(matching: "100%").map(\.id) == [code.id])
        #expect(try store.conversations(matching: "%").map(\.id) == [code.id])
        #expect(try store.conversations().count == 2)
    }

    @Test func deletingRemovesMessagesAndConnectorStates() throws {
        let store = try store()
        let conversation = try store.createConversation()
        try store.appendMessage(to: conversation.id, role: .user, blocks: [.text("bye")])
        try store.setConnectorUse(.on, connector: "files", in: conversation.id)
        try store.deleteConversation(conversation.id)
        #expect(try store.conversation(conversation.id) == nil)
        let queue = try DatabaseQueue(path: store.path)
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM block") } == 0)
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM conversationConnector") } == 0)
    }

    @Test func connectorUsesAndSettings() throws {
        let store = try store()
        let conversation = try store.createConversation()
        try store.setConnectorUse(.on, connector: "files", in: conversation.id)
        try store.setConnectorUse(.onDemand, connector: "linear", in: conversation.id)
        try store.setConnectorUse(.off, connector: "files", in: conversation.id)
        #expect(try store.connectorUses(in: conversation.id) == ["files": .off, "linear": .onDemand])
        try store.setSetting("theme", to: "light")
        #expect(try store.setting("theme") == "light")
        #expect(try store.setting("missing") == nil)
    }

    @Test func savingADefaultKeepsWhatEarlierConversationsNeverChose() throws {
        let store = try store()
        let earlier = try store.createConversation()
        try store.setConnectorUse(.off, connector: "files", in: earlier.id)
        try store.keepConnectorUses(["files": .on, "tasks": .on], settingDefault: "defaultConnectorUses", to: "{}")
        #expect(try store.connectorUses(in: earlier.id) == ["files": .off, "tasks": .on], "what it chose stays; what it followed is kept")
        #expect(try store.setting("defaultConnectorUses") == "{}")
        let later = try store.createConversation()
        #expect(try store.connectorUses(in: later.id).isEmpty, "a conversation started after it follows the new default")
    }

    @Test func inputHistoryIsNewestFirst() throws {
        let store = try store()
        let conversation = try store.createConversation()
        for text in ["one", "two"] { try store.appendMessage(to: conversation.id, role: .user, blocks: [.text(text)]) }
        try store.appendMessage(to: conversation.id, role: .assistant, blocks: [.text("reply")])
        #expect(try store.inputHistory(in: conversation.id) == ["two", "one"])
    }
}

@Suite struct BadDatabaseTests {
    let folder = TemporaryDirectory()

    @Test func aCorruptFileIsRefusedAndLeftUntouched() throws {
        let path = folder.url.appendingPathComponent("chattui.sqlite")
        let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try garbage.write(to: path)
        #expect {
            _ = try ConversationStore(directory: folder.url)
        } throws: { error in
            guard case .corrupt(let reportedPath, _) = error as? StoreError else { return false }
            return reportedPath == path.path
        }
        #expect(try Data(contentsOf: path) == garbage)
    }

    @Test func aNewerSchemaIsRefused() throws {
        let store = try ConversationStore(directory: folder.url)
        let queue = try DatabaseQueue(path: store.path)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: from the future')") }
        #expect(throws: StoreError.newerSchema(path: store.path)) { _ = try ConversationStore(directory: folder.url) }
    }

    @Test func anUncreatableFolderIsReported() throws {
        let blocker = folder.url.appendingPathComponent("file")
        try Data("x".utf8).write(to: blocker)
        #expect {
            _ = try ConversationStore(directory: blocker.appendingPathComponent("data"))
        } throws: { error in
            if case .cannotCreateDirectory = error as? StoreError { return true }
            return false
        }
    }
}
