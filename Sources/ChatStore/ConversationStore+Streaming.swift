import ConversationModel
import Foundation
import GRDB

/// Answers and tool steps that grow in place while a turn runs, what a stopped
/// chattui left unfinished, and taking an answer back to ask for it again.
extension ConversationStore {
    /// Replaces a message's blocks and status in one transaction, keeping its id and time.
    @discardableResult
    public func updateMessage(_ id: MessageID, blocks: [ContentBlock], status: MessageStatus) throws(StoreError) -> Message? {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM message WHERE id = ?", arguments: [id]) else { return nil }
            try db.execute(sql: "DELETE FROM block WHERE messageId = ?", arguments: [id])
            for (ordinal, block) in blocks.enumerated() {
                try db.execute(sql: "INSERT INTO block (messageId, ordinal, kind, text, payload) VALUES (?, ?, ?, ?, ?)",
                               arguments: [id, ordinal, block.kind.rawValue, block.text, block.payload])
            }
            try db.execute(sql: "UPDATE message SET status = ? WHERE id = ?", arguments: [status.rawValue, id])
            return Message(id: id, conversationID: row["conversationId"], role: Role(rawValue: row["role"]) ?? .notice,
                           status: status, createdAt: row["createdAt"], blocks: blocks)
        }
    }

    /// Marks what a chattui that stopped mid-turn (killed, crashed) left streaming as
    /// interrupted: an answer gets a notice saying so, and a tool call that had been sent
    /// becomes a result saying its outcome is unknown. Only the process that holds the
    /// folder's lock runs this, at start, so no live turn is marked. Returns how many it marked.
    @discardableResult
    public func markUnfinishedInterrupted() throws(StoreError) -> Int {
        try write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, role FROM message WHERE status = ?", arguments: [MessageStatus.streaming.rawValue])
            for row in rows {
                let id: MessageID = row["id"]
                if row["role"] as String == Role.assistant.rawValue {
                    let next = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(ordinal) + 1, 0) FROM block WHERE messageId = ?", arguments: [id]) ?? 0
                    try db.execute(sql: "INSERT INTO block (messageId, ordinal, kind, text) VALUES (?, ?, ?, ?)",
                                   arguments: [id, next, ContentBlock.Kind.notice.rawValue, Self.stoppedNotice])
                }
                // A started call's block already holds the result that says its outcome is unknown.
                try db.execute(sql: "UPDATE block SET kind = ? WHERE messageId = ? AND kind = ?",
                               arguments: [ContentBlock.Kind.toolResult.rawValue, id, ContentBlock.Kind.toolStarted.rawValue])
                try db.execute(sql: "UPDATE message SET status = ? WHERE id = ?", arguments: [MessageStatus.interrupted.rawValue, id])
            }
            return rows.count
        }
    }

    static let stoppedNotice = "Interrupted: chattui stopped before the answer was complete."

    /// Deletes every message after `id` in its conversation (retry: the answer to the
    /// person's message at `id` is asked for again). Returns how many went.
    @discardableResult
    public func deleteMessages(in conversationID: ConversationID, after id: MessageID) throws(StoreError) -> Int {
        try write { db in
            try db.execute(sql: "DELETE FROM message WHERE conversationId = ? AND id > ?", arguments: [conversationID, id])
            return db.changesCount
        }
    }
}
