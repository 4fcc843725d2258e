import ConversationModel
import Foundation
import GRDB

/// Conversations, messages and per-conversation connector states in one SQLite file.
///
/// Every write is its own transaction, committed before the call returns, in
/// WAL mode: a process killed at any moment (even `kill -9`) leaves every
/// committed write in place and the file consistent. (`synchronous=NORMAL`
/// trades only an operating-system crash's last commits for speed; the
/// process dying loses nothing.)
public final class ConversationStore: Sendable {
    public let path: String
    /// Opened for reading only, because another chattui writes this folder (`DataFolderLock`).
    public let isReadOnly: Bool
    private let database: DatabaseQueue
    private let now: @Sendable () -> Date

    /// Opens (creating when missing) `chattui.sqlite` inside `directory`.
    /// An unreadable, read-only, damaged or newer database is refused with a
    /// `StoreError` and never modified. `readOnly` opens a folder another chattui
    /// writes: every write is refused with `StoreError.heldElsewhere`.
    public init(directory: URL, readOnly: Bool = false, now: @escaping @Sendable () -> Date = Date.init) throws(StoreError) {
        let fileManager = FileManager.default
        do {
            try fileManager.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .cannotCreateDirectory(path: directory.path, reason: error.localizedDescription)
        }
        path = directory.appendingPathComponent("chattui.sqlite").path
        self.now = now
        isReadOnly = readOnly
        if fileManager.fileExists(atPath: path) {
            guard fileManager.isReadableFile(atPath: path) else { throw .cannotOpen(path: path, reason: "permission denied") }
            guard fileManager.isWritableFile(atPath: path), fileManager.isWritableFile(atPath: directory.path) else { throw .readOnly(path: path) }
        } else if !fileManager.isWritableFile(atPath: directory.path) {
            throw .readOnly(path: path)
        }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.label = "chattui"
        // `-p` writes its own conversation beside a running interface: wait out the other's commit.
        configuration.busyMode = .timeout(5)
        configuration.readonly = readOnly
        if !readOnly {
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
        }
        let path = self.path
        do {
            database = try DatabaseQueue(path: path, configuration: configuration)
            let migrator = StoreSchema.migrator
            if try database.read({ try migrator.hasBeenSuperseded($0) }) { throw StoreError.newerSchema(path: path) }
            if readOnly {
                guard try database.read({ try migrator.hasCompletedMigrations($0) }) else { throw StoreError.heldElsewhere(path: path) }
            } else {
                try migrator.migrate(database)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.storeError(error, path: path)
        }
    }

    static func storeError(_ error: any Error, path: String) -> StoreError {
        guard let databaseError = error as? DatabaseError else { return .failed(reason: "\(error)") }
        let reason = databaseError.message ?? "\(databaseError.resultCode)"
        switch databaseError.resultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return .corrupt(path: path, reason: reason)
        case .SQLITE_READONLY: return .readOnly(path: path)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH: return .cannotOpen(path: path, reason: reason)
        default: return .failed(reason: reason)
        }
    }

    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        if isReadOnly { throw .heldElsewhere(path: path) }
        do { return try database.write(body) } catch { throw Self.storeError(error, path: path) }
    }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try database.read(body) } catch { throw Self.storeError(error, path: path) }
    }

    // MARK: Conversations

    public func createConversation(title: String = Conversation.defaultTitle) throws(StoreError) -> Conversation {
        let date = now()
        return try write { db in
            try db.execute(
                sql: "INSERT INTO conversation (title, titleIsCustom, createdAt, updatedAt, draft) VALUES (?, 0, ?, ?, '')",
                arguments: [title, date, date])
            return Conversation(id: db.lastInsertedRowID, title: title, titleIsCustom: false, createdAt: date, updatedAt: date, draft: "")
        }
    }

    public func conversation(_ id: ConversationID) throws(StoreError) -> Conversation? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM conversation WHERE id = ?", arguments: [id]).map(Self.conversation) }
    }

    /// The most recently changed conversation, the one a new start opens.
    public func mostRecentConversation() throws(StoreError) -> Conversation? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM conversation ORDER BY updatedAt DESC, id DESC LIMIT 1").map(Self.conversation)
        }
    }

    private static func conversation(_ row: Row) -> Conversation {
        var conversation = Conversation(id: row["id"], title: row["title"], titleIsCustom: row["titleIsCustom"],
                                        createdAt: row["createdAt"], updatedAt: row["updatedAt"], draft: row["draft"])
        conversation.model = row["model"]
        conversation.toolAccess = (row["toolAccess"] as String?).flatMap(ToolAccessMode.init(rawValue:)) ?? .auto
        return conversation
    }

    /// Conversations, newest first; with a query, those whose title or any
    /// message contains it (case-insensitive), with a snippet of the match.
    public func conversations(matching query: String = "") throws(StoreError) -> [ConversationSummary] {
        let trimmed = query.trimmingCharacters(in: .whitespaces)
        return try read { db in
            let countSQL = "(SELECT COUNT(*) FROM message m WHERE m.conversationId = c.id)"
            guard !trimmed.isEmpty else {
                return try Row.fetchAll(db, sql: "SELECT c.id, c.title, c.updatedAt, \(countSQL) AS n FROM conversation c ORDER BY c.updatedAt DESC, c.id DESC")
                    .map { ConversationSummary(id: $0["id"], title: $0["title"], updatedAt: $0["updatedAt"], messageCount: $0["n"]) }
            }
            let pattern = "%" + Self.escapeLike(trimmed) + "%"
            let snippetSQL = """
                (SELECT b.text FROM block b JOIN message m ON m.id = b.messageId
                 WHERE m.conversationId = c.id AND b.text LIKE :p ESCAPE '\\' ORDER BY m.id LIMIT 1)
                """
            let rows = try Row.fetchAll(db, sql: """
                SELECT c.id, c.title, c.updatedAt, \(countSQL) AS n, \(snippetSQL) AS snippet
                FROM conversation c
                WHERE c.title LIKE :p ESCAPE '\\' OR \(snippetSQL) IS NOT NULL
                ORDER BY c.updatedAt DESC, c.id DESC
                """, arguments: ["p": pattern])
            return rows.map { row in
                let snippet: String? = row["snippet"]
                return ConversationSummary(id: row["id"], title: row["title"], updatedAt: row["updatedAt"], messageCount: row["n"],
                                           matchSnippet: snippet.map { Self.snippet(of: $0, around: trimmed) })
            }
        }
    }

    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }

    /// A one-line excerpt of `text` starting a little before `query`.
    static func snippet(of text: String, around query: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        guard let range = flat.range(of: query, options: .caseInsensitive) else { return String(flat.prefix(80)) }
        let start = flat.index(range.lowerBound, offsetBy: -20, limitedBy: flat.startIndex) ?? flat.startIndex
        let excerpt = String(flat[start...].prefix(80))
        return start == flat.startIndex ? excerpt : "…" + excerpt
    }

    public func renameConversation(_ id: ConversationID, to title: String) throws(StoreError) {
        try write { db in
            try db.execute(sql: "UPDATE conversation SET title = ?, titleIsCustom = 1 WHERE id = ?", arguments: [title, id])
        }
    }

    /// Deletes a conversation with its messages and connector states.
    public func deleteConversation(_ id: ConversationID) throws(StoreError) {
        try write { db in try db.execute(sql: "DELETE FROM conversation WHERE id = ?", arguments: [id]) }
    }

    public func saveDraft(_ draft: String, in id: ConversationID) throws(StoreError) {
        try write { db in try db.execute(sql: "UPDATE conversation SET draft = ? WHERE id = ?", arguments: [draft, id]) }
    }

    // MARK: Messages

    /// Appends a message and commits it before returning. The first user
    /// message names a conversation that nobody has renamed.
    @discardableResult
    public func appendMessage(to conversationID: ConversationID, role: Role, blocks: [ContentBlock], status: MessageStatus = .complete) throws(StoreError) -> Message {
        let date = now()
        return try write { db in
            try db.execute(sql: "INSERT INTO message (conversationId, role, status, createdAt) VALUES (?, ?, ?, ?)",
                           arguments: [conversationID, role.rawValue, status.rawValue, date])
            let messageID = db.lastInsertedRowID
            for (ordinal, block) in blocks.enumerated() {
                try db.execute(sql: "INSERT INTO block (messageId, ordinal, kind, text, payload) VALUES (?, ?, ?, ?, ?)",
                               arguments: [messageID, ordinal, block.kind.rawValue, block.text, block.payload])
            }
            try db.execute(sql: "UPDATE conversation SET updatedAt = ? WHERE id = ?", arguments: [date, conversationID])
            if role == .user, let title = Self.title(from: blocks) {
                try db.execute(sql: """
                    UPDATE conversation SET title = ? WHERE id = ? AND titleIsCustom = 0
                    AND NOT EXISTS (SELECT 1 FROM message WHERE conversationId = ? AND role = 'user' AND id <> ?)
                    """, arguments: [title, conversationID, conversationID, messageID])
            }
            return Message(id: messageID, conversationID: conversationID, role: role, status: status, createdAt: date, blocks: blocks)
        }
    }

    /// A title from the first line of a message, at most 60 characters.
    static func title(from blocks: [ContentBlock]) -> String? {
        guard let text = blocks.first(where: { $0.kind == .text })?.text else { return nil }
        let firstLine = text.split(whereSeparator: \.isNewline).first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !firstLine.isEmpty else { return nil }
        return firstLine.count > 60 ? String(firstLine.prefix(59)) + "…" : firstLine
    }

    /// Up to `limit` messages before `beforeID` (or the newest), oldest first.
    public func messages(in conversationID: ConversationID, before beforeID: MessageID? = nil, limit: Int = 200) throws(StoreError) -> [Message] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM message WHERE conversationId = ? AND id < ? ORDER BY id DESC LIMIT ?
                """, arguments: [conversationID, beforeID ?? Int64.max, limit])
            guard let oldest = rows.last?["id"] as MessageID?, let newest = rows.first?["id"] as MessageID? else { return [] }
            var blocks: [MessageID: [ContentBlock]] = [:]
            let blockRows = try Row.fetchCursor(db, sql: """
                SELECT b.messageId, b.kind, b.text, b.payload FROM block b JOIN message m ON m.id = b.messageId
                WHERE m.conversationId = ? AND b.messageId BETWEEN ? AND ? ORDER BY b.messageId, b.ordinal
                """, arguments: [conversationID, oldest, newest])
            while let row = try blockRows.next() {
                blocks[row["messageId"], default: []].append(
                    ContentBlock(kind: .init(rawValue: row["kind"]), text: row["text"], payload: row["payload"]))
            }
            return rows.reversed().map { row in
                let id: MessageID = row["id"]
                return Message(id: id, conversationID: conversationID,
                               role: Role(rawValue: row["role"]) ?? .notice,
                               status: MessageStatus(rawValue: row["status"]) ?? .complete,
                               createdAt: row["createdAt"], blocks: blocks[id] ?? [])
            }
        }
    }

    public func messageCount(in conversationID: ConversationID) throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message WHERE conversationId = ?", arguments: [conversationID]) ?? 0 }
    }

    /// The texts of the person's earlier messages, newest first, for Up/Down recall.
    public func inputHistory(in conversationID: ConversationID, limit: Int = 100) throws(StoreError) -> [String] {
        try read { db in
            try String.fetchAll(db, sql: """
                SELECT b.text FROM message m JOIN block b ON b.messageId = m.id AND b.ordinal = 0
                WHERE m.conversationId = ? AND m.role = 'user' ORDER BY m.id DESC LIMIT ?
                """, arguments: [conversationID, limit])
        }
    }

    // MARK: Connector states and settings

    public func connectorUses(in conversationID: ConversationID) throws(StoreError) -> [String: ConnectorUse] {
        try read { db in
            var result: [String: ConnectorUse] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT connector, use FROM conversationConnector WHERE conversationId = ?", arguments: [conversationID]) {
                if let use = ConnectorUse(rawValue: row["use"]) { result[row["connector"]] = use }
            }
            return result
        }
    }

    public func setConnectorUse(_ use: ConnectorUse, connector: String, in conversationID: ConversationID) throws(StoreError) {
        try write { db in
            try db.execute(sql: """
                INSERT INTO conversationConnector (conversationId, connector, use) VALUES (?, ?, ?)
                ON CONFLICT (conversationId, connector) DO UPDATE SET use = excluded.use
                """, arguments: [conversationID, connector, use.rawValue])
        }
    }

    /// Gives every conversation `uses` for each connector it has not chosen, and sets `key` to `value`,
    /// in one transaction: when the default set changes (`key`), conversations that followed the old one
    /// keep it, so a new default reaches only conversations started after it.
    public func keepConnectorUses(_ uses: [String: ConnectorUse], settingDefault key: String, to value: String) throws(StoreError) {
        try write { db in
            for (connector, use) in uses {
                try db.execute(sql: """
                    INSERT OR IGNORE INTO conversationConnector (conversationId, connector, use) SELECT id, ?, ? FROM conversation
                    """, arguments: [connector, use.rawValue])
            }
            try db.execute(sql: "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                           arguments: [key, value])
        }
    }

    public func setting(_ key: String) throws(StoreError) -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key]) }
    }

    public func setSetting(_ key: String, to value: String) throws(StoreError) {
        try write { db in
            try db.execute(sql: "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                           arguments: [key, value])
        }
    }
}
