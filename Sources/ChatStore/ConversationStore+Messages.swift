import ConversationModel
import GRDB

/// Searching one conversation's messages, and taking back its last turn (`/find`, `/retry`, `/edit`).
extension ConversationStore {
    /// The messages of a conversation whose text contains `query` (case-insensitive), oldest first:
    /// all of them, not only the window on screen.
    public func messageIDs(in conversationID: ConversationID, matching query: String) throws(StoreError) -> [MessageID] {
        let trimmed = query.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return [] }
        return try read { db in
            try MessageID.fetchAll(db, sql: """
                SELECT DISTINCT m.id FROM message m JOIN block b ON b.messageId = m.id
                WHERE m.conversationId = ? AND b.text LIKE ? ESCAPE '\\' ORDER BY m.id
                """, arguments: [conversationID, "%" + Self.escapeLike(trimmed) + "%"])
        }
    }

    /// Deletes `messageID` and every later message of the conversation, in one transaction.
    public func deleteMessages(in conversationID: ConversationID, from messageID: MessageID) throws(StoreError) {
        try write { db in
            try db.execute(sql: "DELETE FROM message WHERE conversationId = ? AND id >= ?", arguments: [conversationID, messageID])
        }
    }
}
