import Foundation
import MCP

/// The built-in Tasks connector: a local issue tracker as an MCP server, for any MCP client.
public struct TasksServer: Sendable {
    let store: TasksStore

    public init(store: TasksStore) { self.store = store }

    public static let issueView = "ui://tasks/issue"
    public static let boardView = "ui://tasks/board"
    static let appMime = "text/html;profile=mcp-app"

    /// Serves over stdio until the client closes the connection.
    public func serveOverStdio() async throws {
        let server = Server(name: "chattui-tasks", version: "1.0.0", title: "Tasks",
                            instructions: "A local issue tracker: projects and issues with status, priority, labels, assignee and due date.",
                            capabilities: .init(resources: .init(subscribe: false, listChanged: false), tools: .init(listChanged: true)))
        await register(on: server)
        try await server.start(transport: StdioTransport())
        await server.waitUntilCompleted()
    }

    func register(on server: Server) async {
        await server.withMethodHandler(ListTools.self) { [store] _ in .init(tools: Self.tools(projects: try store.projects())) }
        await server.withMethodHandler(CallTool.self) { [self] parameters in
            do {
                return try await call(parameters.name, arguments: parameters.arguments ?? [:], server: server)
            } catch let error as TasksError {
                return .init(content: [.text(text: error.description, annotations: nil, _meta: nil)], isError: true)
            } catch {
                return .init(content: [.text(text: "The tracker failed: \(error)", annotations: nil, _meta: nil)], isError: true)
            }
        }
        await server.withMethodHandler(ListResources.self) { _ in
            .init(resources: [
                Resource(name: "Issue card", uri: Self.issueView, description: "An issue as a card", mimeType: Self.appMime),
                Resource(name: "Board", uri: Self.boardView, description: "Issues by status", mimeType: Self.appMime),
            ])
        }
        await server.withMethodHandler(ListResourceTemplates.self) { _ in .init(templates: []) }
        await server.withMethodHandler(ReadResource.self) { parameters in
            guard let html = TasksViews.html[parameters.uri] else { throw MCPError.invalidParams("No resource \(parameters.uri)") }
            return .init(contents: [.text(html, uri: parameters.uri, mimeType: Self.appMime)])
        }
    }

    func call(_ name: String, arguments: [String: Value], server: Server) async throws -> CallTool.Result {
        let arguments = ToolArguments(arguments)
        switch name {
        case "list_projects":
            let projects = try store.projects()
            return try result("Projects: " + projects.joined(separator: ", "), ["projects": .array(projects.map(Value.string))])
        case "create_project":
            let name = try arguments.requiredString("name")
            try store.createProject(name)
            // The create and update forms offer the projects, so clients list the tools again.
            try? await server.notify(ToolListChangedNotification.message())
            return try result("Project “\(name)” is ready.", ["projects": .array(try store.projects().map(Value.string))])
        case "create_issue":
            let project = try await project(arguments.string("project"), server: server)
            let issue = try store.create(project: project, title: try arguments.requiredString("title"), description: arguments.string("description") ?? "",
                                         status: arguments.string("status") ?? "todo", priority: arguments.string("priority") ?? "none",
                                         labels: arguments.strings("labels") ?? [], assignee: arguments.string("assignee"), dueDate: arguments.string("due_date"))
            return try result("Created #\(issue.id) “\(issue.title)” in \(issue.project).", ["issue": try Value(issue)])
        case "get_issue":
            let issue = try store.issue(try arguments.requiredInteger("id"))
            return try result(Self.describe(issue), ["issue": try Value(issue)])
        case "update_issue":
            let id = try arguments.requiredInteger("id")
            let changes = IssueChanges(title: arguments.string("title"), description: arguments.string("description"), status: arguments.string("status"),
                                       priority: arguments.string("priority"), labels: arguments.strings("labels"), assignee: arguments.string("assignee"),
                                       dueDate: arguments.string("due_date"))
            let issue = try store.update(id, changes)
            return try result("Updated #\(issue.id): \(Self.describe(issue))", ["issue": try Value(issue)])
        case "current_issues":
            let ids = try arguments.requiredIntegers("ids")
            guard ids.count <= 500 else { throw TasksError.invalid("At most 500 issues at once.") }
            let issues = try ids.compactMap { id -> TaskIssue? in
                do { return try store.issue(id) } catch TasksError.notFound { return nil }
            }
            return try result(issues.isEmpty ? "No such issues." : issues.map(Self.line).joined(separator: "\n"), ["issues": try Value(issues)])
        case "list_issues":
            let issues = try store.list(project: arguments.string("project"), status: arguments.string("status"), assignee: arguments.string("assignee"),
                                        label: arguments.string("label"), limit: arguments.integer("limit").map(Int.init) ?? 50)
            return try result(issues.isEmpty ? "No issues match." : issues.map(Self.line).joined(separator: "\n"), ["issues": try Value(issues)])
        case "search_issues":
            let issues = try store.search(try arguments.requiredString("query"), limit: arguments.integer("limit").map(Int.init) ?? 20)
            return try result(issues.isEmpty ? "Nothing found." : issues.map(Self.line).joined(separator: "\n"), ["issues": try Value(issues)])
        default:
            throw TasksError.invalid("The tracker has no tool named \(name).")
        }
    }

    /// The project to file into: the one named, the only one, or the one the person picks when asked (elicitation).
    private func project(_ named: String?, server: Server) async throws -> String {
        if let named { return named }
        let projects = try store.projects()
        if projects.count == 1 { return projects[0] }
        let schema = Elicitation.RequestSchema(
            title: "Which project?", description: "The tracker has several projects.",
            properties: ["project": .object(["type": "string", "title": "Project", "enum": .array(projects.map(Value.string))])],
            required: ["project"])
        let answer: CreateElicitation.Result
        do {
            answer = try await server.requestElicitation(message: "Which project should the new issue go in?", requestedSchema: schema)
        } catch {
            throw TasksError.invalid("Say which project to use; the tracker has: \(projects.joined(separator: ", ")).")
        }
        guard answer.action == .accept, case .string(let chosen)? = answer.content?["project"] else {
            throw TasksError.invalid("No project was chosen, so no issue was created.")
        }
        return chosen
    }

    private func result(_ text: String, _ structured: [String: Value]) throws -> CallTool.Result {
        .init(content: [.text(text: text, annotations: nil, _meta: nil)], structuredContent: .object(structured))
    }

    static func line(_ issue: TaskIssue) -> String {
        "#\(issue.id) [\(issue.status)] \(issue.title) (\(issue.project), \(issue.priority)\(issue.assignee.map { ", \($0)" } ?? ""))"
    }

    static func describe(_ issue: TaskIssue) -> String {
        var lines = [line(issue)]
        if !issue.description.isEmpty { lines.append(issue.description) }
        if !issue.labels.isEmpty { lines.append("Labels: " + issue.labels.joined(separator: ", ")) }
        if let due = issue.dueDate { lines.append("Due: \(due)") }
        return lines.joined(separator: "\n")
    }
}

/// A tool call's arguments, read with the errors a model can act on.
struct ToolArguments {
    let values: [String: Value]
    init(_ values: [String: Value]) { self.values = values }

    func string(_ key: String) -> String? {
        if case .string(let text)? = values[key], !text.isEmpty { return text }
        return nil
    }

    func requiredString(_ key: String) throws -> String {
        guard let text = string(key) else { throw TasksError.invalid("“\(key)” is required.") }
        return text
    }

    func integer(_ key: String) -> Int64? {
        switch values[key] {
        case .int(let number)?: return Int64(number)
        case .double(let number)? where number.rounded() == number: return Int64(number)
        case .string(let text)?: return Int64(text)
        default: return nil
        }
    }

    func requiredInteger(_ key: String) throws -> Int64 {
        guard let number = integer(key) else { throw TasksError.invalid("“\(key)” must be a whole number.") }
        return number
    }

    func requiredIntegers(_ key: String) throws -> [Int64] {
        guard case .array(let items)? = values[key] else { throw TasksError.invalid("“\(key)” must be a list of whole numbers.") }
        return try items.map { item in
            guard let number = ToolArguments(["item": item]).integer("item") else { throw TasksError.invalid("“\(key)” must be a list of whole numbers.") }
            return number
        }
    }

    func strings(_ key: String) -> [String]? {
        guard case .array(let items)? = values[key] else { return nil }
        return items.compactMap { if case .string(let text) = $0 { text } else { nil } }
    }
}
