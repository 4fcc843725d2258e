import Foundation
import GRDB

/// One issue in the built-in tracker.
public struct TaskIssue: Codable, Equatable, Sendable {
    public var id: Int64
    public var project: String
    public var title: String
    public var description: String
    public var status: String
    public var priority: String
    public var labels: [String]
    public var assignee: String?
    public var dueDate: String?
    public var createdAt: String
    public var updatedAt: String

    public static let statuses = ["todo", "in_progress", "done", "cancelled"]
    public static let priorities = ["none", "low", "medium", "high", "urgent"]
}

/// What `update_issue` may change; nil leaves a field as it is.
public struct IssueChanges: Sendable {
    public var title: String?
    public var description: String?
    public var status: String?
    public var priority: String?
    public var labels: [String]?
    public var assignee: String?
    public var dueDate: String?

    public init(title: String? = nil, description: String? = nil, status: String? = nil, priority: String? = nil,
                labels: [String]? = nil, assignee: String? = nil, dueDate: String? = nil) {
        (self.title, self.description, self.status, self.priority) = (title, description, status, priority)
        (self.labels, self.assignee, self.dueDate) = (labels, assignee, dueDate)
    }
}

public enum TasksError: Error, Equatable, CustomStringConvertible {
    case notFound(Int64)
    case invalid(String)

    public var description: String {
        switch self {
        case .notFound(let id): return "There is no issue #\(id)."
        case .invalid(let reason): return reason
        }
    }
}

/// The built-in tracker's SQLite file: projects and issues.
public final class TasksStore: Sendable {
    private let database: DatabaseQueue

    public init(path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
        database = try DatabaseQueue(path: path, configuration: configuration)
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: projects and issues") { db in
            try db.execute(sql: """
                CREATE TABLE project (name TEXT PRIMARY KEY NOT NULL);
                CREATE TABLE issue (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    project TEXT NOT NULL REFERENCES project(name),
                    title TEXT NOT NULL,
                    description TEXT NOT NULL DEFAULT '',
                    status TEXT NOT NULL DEFAULT 'todo',
                    priority TEXT NOT NULL DEFAULT 'none',
                    labels TEXT NOT NULL DEFAULT '[]',
                    assignee TEXT,
                    dueDate TEXT,
                    createdAt TEXT NOT NULL,
                    updatedAt TEXT NOT NULL
                );
                CREATE INDEX issue_project ON issue(project, status);
                INSERT INTO project (name) VALUES ('Inbox');
                """)
        }
        try migrator.migrate(database)
    }

    public func projects() throws -> [String] {
        try database.read { db in try String.fetchAll(db, sql: "SELECT name FROM project ORDER BY name") }
    }

    public func createProject(_ name: String) throws {
        let clean = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !clean.isEmpty else { throw TasksError.invalid("A project needs a name.") }
        try database.write { db in try db.execute(sql: "INSERT OR IGNORE INTO project (name) VALUES (?)", arguments: [clean]) }
    }

    public func create(project: String, title: String, description: String = "", status: String = "todo", priority: String = "none",
                       labels: [String] = [], assignee: String? = nil, dueDate: String? = nil) throws -> TaskIssue {
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else { throw TasksError.invalid("An issue needs a title.") }
        try Self.validate(status: status, priority: priority, dueDate: dueDate)
        let now = Self.timestamp()
        return try database.write { db in
            guard try String.fetchOne(db, sql: "SELECT name FROM project WHERE name = ?", arguments: [project]) != nil else {
                throw TasksError.invalid("There is no project “\(project)”. Projects: \(try String.fetchAll(db, sql: "SELECT name FROM project ORDER BY name").joined(separator: ", ")).")
            }
            try db.execute(sql: """
                INSERT INTO issue (project, title, description, status, priority, labels, assignee, dueDate, createdAt, updatedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [project, title, description, status, priority, Self.encode(labels), assignee, dueDate, now, now])
            return try Self.issue(db, db.lastInsertedRowID)
        }
    }

    public func issue(_ id: Int64) throws -> TaskIssue {
        try database.read { db in try Self.issue(db, id) }
    }

    public func update(_ id: Int64, _ changes: IssueChanges) throws -> TaskIssue {
        try Self.validate(status: changes.status ?? "todo", priority: changes.priority ?? "none", dueDate: changes.dueDate)
        if let title = changes.title, title.trimmingCharacters(in: .whitespaces).isEmpty { throw TasksError.invalid("An issue needs a title.") }
        return try database.write { db in
            _ = try Self.issue(db, id)
            var sets: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            func set(_ column: String, _ value: (any DatabaseValueConvertible)?) {
                guard let value else { return }
                sets.append("\(column) = ?")
                arguments.append(value)
            }
            set("title", changes.title)
            set("description", changes.description)
            set("status", changes.status)
            set("priority", changes.priority)
            set("labels", changes.labels.map(Self.encode))
            set("assignee", changes.assignee)
            set("dueDate", changes.dueDate)
            set("updatedAt", Self.timestamp())
            try db.execute(sql: "UPDATE issue SET \(sets.joined(separator: ", ")) WHERE id = ?", arguments: StatementArguments(arguments + [id]))
            return try Self.issue(db, id)
        }
    }

    /// Issues matching every filter given, newest first.
    public func list(project: String? = nil, status: String? = nil, assignee: String? = nil, label: String? = nil, limit: Int = 50) throws -> [TaskIssue] {
        try database.read { db in
            var conditions: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let project { conditions.append("project = ?"); arguments.append(project) }
            if let status { conditions.append("status = ?"); arguments.append(status) }
            if let assignee { conditions.append("assignee = ?"); arguments.append(assignee) }
            if let label { conditions.append("EXISTS (SELECT 1 FROM json_each(labels) WHERE value = ?)"); arguments.append(label) }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            return try Row.fetchAll(db, sql: "SELECT * FROM issue \(filter) ORDER BY id DESC LIMIT ?", arguments: StatementArguments(arguments + [max(1, min(limit, 500))]))
                .map(Self.issue)
        }
    }

    /// Issues whose title or description contains every word of `query` (case-insensitive).
    public func search(_ query: String, limit: Int = 20) throws -> [TaskIssue] {
        let words = query.split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty else { return [] }
        return try database.read { db in
            let conditions = words.map { _ in "(title || ' ' || description) LIKE ? ESCAPE '\\'" }.joined(separator: " AND ")
            let patterns: [any DatabaseValueConvertible] = words.map { word in
                "%" + word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM issue WHERE \(conditions) ORDER BY id DESC LIMIT ?", arguments: StatementArguments(patterns + [limit]))
                .map(Self.issue)
        }
    }

    private static func issue(_ db: Database, _ id: Int64) throws -> TaskIssue {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM issue WHERE id = ?", arguments: [id]) else { throw TasksError.notFound(id) }
        return issue(row)
    }

    private static func issue(_ row: Row) -> TaskIssue {
        let labels = (try? JSONDecoder().decode([String].self, from: Data((row["labels"] as String? ?? "[]").utf8))) ?? []
        return TaskIssue(id: row["id"], project: row["project"], title: row["title"], description: row["description"], status: row["status"],
                         priority: row["priority"], labels: labels, assignee: row["assignee"], dueDate: row["dueDate"],
                         createdAt: row["createdAt"], updatedAt: row["updatedAt"])
    }

    private static func validate(status: String, priority: String, dueDate: String?) throws {
        guard TaskIssue.statuses.contains(status) else { throw TasksError.invalid("Status must be one of \(TaskIssue.statuses.joined(separator: ", ")).") }
        guard TaskIssue.priorities.contains(priority) else { throw TasksError.invalid("Priority must be one of \(TaskIssue.priorities.joined(separator: ", ")).") }
        if let dueDate, !dueDate.isEmpty {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = "yyyy-MM-dd"
            guard formatter.date(from: dueDate) != nil else { throw TasksError.invalid("The due date must look like 2026-12-31.") }
        }
    }

    private static func encode(_ labels: [String]) -> String {
        String(decoding: (try? JSONEncoder().encode(labels)) ?? Data("[]".utf8), as: UTF8.self)
    }

    private static func timestamp() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}
