import ConversationModel
import Foundation
import GRDB

/// What the person granted a tool in one conversation.
public enum ToolGrant: String, Sendable, CaseIterable {
    /// "Always allow this tool in this conversation".
    case alwaysAllow = "always_allow"
    /// Found by `search_tools`: sent up front from now on.
    case loaded
}

extension ConversationStore {
    public func setModel(_ model: String?, in id: ConversationID) throws(StoreError) {
        try write { db in try db.execute(sql: "UPDATE conversation SET model = ? WHERE id = ?", arguments: [model, id]) }
    }

    public func setToolAccess(_ mode: ToolAccessMode, in id: ConversationID) throws(StoreError) {
        try write { db in try db.execute(sql: "UPDATE conversation SET toolAccess = ? WHERE id = ?", arguments: [mode.rawValue, id]) }
    }

    /// The tools granted `kind` in a conversation.
    public func tools(granted kind: ToolGrant, in id: ConversationID) throws(StoreError) -> Set<String> {
        try read { db in
            Set(try String.fetchAll(db, sql: "SELECT tool FROM toolGrant WHERE conversationId = ? AND kind = ?", arguments: [id, kind.rawValue]))
        }
    }

    public func grant(_ kind: ToolGrant, tools: [String], in id: ConversationID) throws(StoreError) {
        try write { db in
            for tool in tools {
                try db.execute(sql: "INSERT OR IGNORE INTO toolGrant (conversationId, tool, kind) VALUES (?, ?, ?)",
                               arguments: [id, tool, kind.rawValue])
            }
        }
    }
}
