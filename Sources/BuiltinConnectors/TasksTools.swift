import MCP

/// The Tasks connector's tools: schemas, annotations, output schemas and views.
extension TasksServer {
    static let issueSchema: Value = .object([
        "type": "object",
        "properties": .object([
            "id": .object(["type": "integer", "title": "Number"]),
            "project": .object(["type": "string", "title": "Project"]),
            "title": .object(["type": "string", "title": "Title"]),
            "description": .object(["type": "string", "title": "Description"]),
            "status": .object(["type": "string", "title": "Status", "enum": .array(TaskIssue.statuses.map(Value.string))]),
            "priority": .object(["type": "string", "title": "Priority", "enum": .array(TaskIssue.priorities.map(Value.string))]),
            "labels": .object(["type": "array", "title": "Labels", "items": .object(["type": "string"])]),
            "assignee": .object(["type": "string", "title": "Assignee"]),
            "dueDate": .object(["type": "string", "title": "Due", "format": "date"]),
            "createdAt": .object(["type": "string", "title": "Created", "format": "date-time"]),
            "updatedAt": .object(["type": "string", "title": "Updated", "format": "date-time"]),
        ]),
        "required": ["id", "project", "title", "status", "priority"],
    ])

    /// An issue's fields as a form asks for them: titled, in this order (`propertyOrder`, since a
    /// JSON object reaches clients without its key order), the project one of the tracker's.
    static func issueFields(projects: [String]) -> [String: Value] {
        let fields: [(String, [String: Value])] = [
            ("title", ["type": "string", "title": "Title", "description": "One line", "minLength": 1, "maxLength": 200]),
            ("description", ["type": "string", "title": "Description", "description": "Details, in Markdown"]),
            ("project", ["type": "string", "title": "Project", "enum": .array(projects.map(Value.string)),
                         "description": "Without one, the only project, or you are asked which"]),
            ("status", ["type": "string", "title": "Status", "enum": .array(TaskIssue.statuses.map(Value.string))]),
            ("priority", ["type": "string", "title": "Priority", "enum": .array(TaskIssue.priorities.map(Value.string))]),
            ("labels", ["type": "array", "title": "Labels", "items": .object(["type": "string"])]),
            ("assignee", ["type": "string", "title": "Assignee"]),
            ("due_date", ["type": "string", "title": "Due date", "format": "date", "description": "YYYY-MM-DD"]),
        ]
        return Dictionary(uniqueKeysWithValues: fields.enumerated().map { order, field in
            (field.0, Value.object(field.1.merging(["propertyOrder": .int(order + 1)]) { $1 }))
        })
    }

    static func schema(_ properties: [String: Value], required: [String] = []) -> Value {
        .object(["type": "object", "properties": .object(properties), "required": .array(required.map(Value.string))])
    }

    static func view(_ uri: String) -> Metadata {
        Metadata(additionalFields: ["ui": .object(["resourceUri": .string(uri)])])
    }

    /// Only the tracker's own views may call it: the model has get_issue and list_issues.
    static let appOnly = Metadata(additionalFields: ["ui": .object(["visibility": .array(["app"])])])

    static let reads = Tool.Annotations(readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false)
    static let writes = Tool.Annotations(readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false)
    static let edits = Tool.Annotations(readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false)

    /// The tools, their forms offering the tracker's current projects.
    static func tools(projects: [String]) -> [Tool] {
        let issueFields = Self.issueFields(projects: projects)
        return [
        Tool(name: "list_projects", title: "List projects", description: "The tracker's projects.",
             inputSchema: schema([:]), annotations: reads,
             outputSchema: schema(["projects": .object(["type": "array", "items": .object(["type": "string"])])], required: ["projects"])),
        Tool(name: "create_project", title: "Create a project", description: "Adds a project (nothing happens if it exists).",
             inputSchema: schema(["name": .object(["type": "string", "minLength": 1])], required: ["name"]), annotations: edits),
        Tool(name: "create_issue", title: "Create an issue",
             description: "Files a new issue. Without a project, the only project is used, or the person is asked which.",
             inputSchema: schema(issueFields, required: ["title"]), annotations: writes,
             outputSchema: schema(["issue": issueSchema], required: ["issue"]), _meta: view(issueView)),
        Tool(name: "get_issue", title: "Get an issue", description: "One issue by its number.",
             inputSchema: schema(["id": .object(["type": "integer", "minimum": 1])], required: ["id"]), annotations: reads,
             outputSchema: schema(["issue": issueSchema], required: ["issue"]), _meta: view(issueView)),
        Tool(name: "update_issue", title: "Update an issue", description: "Changes the fields given; others stay as they are.",
             inputSchema: schema(issueFields.merging(["id": .object(["type": "integer", "minimum": 1])]) { $1 }, required: ["id"]),
             annotations: edits, outputSchema: schema(["issue": issueSchema], required: ["issue"]), _meta: view(issueView)),
        Tool(name: "list_issues", title: "List issues", description: "Issues, newest first, filtered by project, status, assignee or label.",
             inputSchema: schema([
                "project": .object(["type": "string", "enum": .array(projects.map(Value.string))]), "status": .object(["type": "string", "enum": .array(TaskIssue.statuses.map(Value.string))]),
                "assignee": .object(["type": "string"]), "label": .object(["type": "string"]),
                "limit": .object(["type": "integer", "minimum": 1, "maximum": 500]),
             ]), annotations: reads,
             outputSchema: schema(["issues": .object(["type": "array", "items": issueSchema])], required: ["issues"]), _meta: view(boardView)),
        Tool(name: "search_issues", title: "Search issues", description: "Issues whose title or description contains every word of the query.",
             inputSchema: schema(["query": .object(["type": "string", "minLength": 1]), "limit": .object(["type": "integer", "minimum": 1])], required: ["query"]),
             annotations: reads,
             outputSchema: schema(["issues": .object(["type": "array", "items": issueSchema])], required: ["issues"]), _meta: view(boardView)),
        // A stored card restarts from its old result; its view reads the issues as they are now with this.
        Tool(name: "current_issues", title: "Current issues", description: "The issues with these numbers as they are now; a deleted one is left out.",
             inputSchema: schema(["ids": .object(["type": "array", "items": .object(["type": "integer", "minimum": 1]), "maxItems": 500])], required: ["ids"]),
             annotations: reads,
             outputSchema: schema(["issues": .object(["type": "array", "items": issueSchema])], required: ["issues"]), _meta: appOnly),
        ]
    }
}
