import ConversationModel
import GRDB

/// The database schema as an ordered list of migrations. Never edit a
/// migration that has shipped; add a new one.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: conversations, messages, blocks, connector states, settings") { db in
            try db.execute(sql: """
                CREATE TABLE conversation (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    title TEXT NOT NULL,
                    titleIsCustom BOOLEAN NOT NULL DEFAULT 0,
                    createdAt DATETIME NOT NULL,
                    updatedAt DATETIME NOT NULL,
                    draft TEXT NOT NULL DEFAULT ''
                );
                CREATE INDEX conversation_updatedAt ON conversation(updatedAt);
                CREATE TABLE message (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    conversationId INTEGER NOT NULL REFERENCES conversation(id) ON DELETE CASCADE,
                    role TEXT NOT NULL,
                    status TEXT NOT NULL,
                    createdAt DATETIME NOT NULL
                );
                CREATE INDEX message_conversation ON message(conversationId, id);
                CREATE TABLE block (
                    messageId INTEGER NOT NULL REFERENCES message(id) ON DELETE CASCADE,
                    ordinal INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    text TEXT NOT NULL,
                    payload BLOB,
                    PRIMARY KEY (messageId, ordinal)
                );
                CREATE TABLE conversationConnector (
                    conversationId INTEGER NOT NULL REFERENCES conversation(id) ON DELETE CASCADE,
                    connector TEXT NOT NULL,
                    use TEXT NOT NULL,
                    PRIMARY KEY (conversationId, connector)
                );
                CREATE TABLE setting (
                    key TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2: a model and tool access per conversation, tool grants") { db in
            try db.execute(sql: """
                ALTER TABLE conversation ADD COLUMN model TEXT;
                ALTER TABLE conversation ADD COLUMN toolAccess TEXT;
                CREATE TABLE toolGrant (
                    conversationId INTEGER NOT NULL REFERENCES conversation(id) ON DELETE CASCADE,
                    tool TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    PRIMARY KEY (conversationId, tool, kind)
                );
                """)
        }
        return migrator
    }
}
