import ConnectorMenu
import ConversationModel
import TerminalText

/// `/task` and Ctrl-T: a task in a connected tracker from the keyboard, with or without a model.
extension AppReducer {
    /// A create-style tool: its name or title says it creates (or adds) an issue, task, ticket, …
    static func isTaskTool(_ tool: ConnectorInfo.ToolSummary) -> Bool {
        guard tool.effect != .reads else { return false }
        let words = Set((tool.name + " " + tool.title).lowercased().split { !$0.isLetter }.map(String.init))
        let verbs: Set<String> = ["create", "add", "new", "file", "open"]
        let things: Set<String> = ["issue", "issues", "task", "tasks", "ticket", "tickets", "todo", "todos", "bug", "card", "story", "item"]
        return !words.isDisjoint(with: verbs) && !words.isDisjoint(with: things)
    }

    /// The create-style tools of the ready connectors that are on here, in connector order.
    func taskTools(_ state: AppState) -> [(connector: String, tool: ConnectorInfo.ToolSummary)] {
        state.connectorNames.filter { state.connectorUses[$0] == .on || state.connectorUses[$0] == .onDemand }
            .compactMap { state.connectors[$0] }.filter { $0.health == .ready }
            .flatMap { connector in connector.tools.filter(Self.isTaskTool).map { (connector.name, $0) } }
    }

    func newTask(title: String, in state: inout AppState) -> [Effect] {
        let tools = taskTools(state)
        guard !tools.isEmpty else {
            state.flash = Flash(text: "No connector on here can create tasks. Turn one on in /connectors (the Tasks built-in can).", isError: true)
            return []
        }
        let calls = tools.map { PersonCall(tool: $0.tool.id, connector: $0.connector, title: $0.tool.title, isReadOnly: false) }
        if let remembered = state.cards.taskTools[state.conversation.id], let index = calls.firstIndex(where: { $0.tool == remembered }) {
            return openTaskForm(calls[index], schema: tools[index].tool.inputSchema, title: title, in: &state)
        }
        if calls.count == 1 {
            return openTaskForm(calls[0], schema: tools[0].tool.inputSchema, title: title, in: &state)
        }
        let items = calls.map { "\($0.connector) · \(Sanitizer.line($0.title))" }
        state.overlay = .choose(ChoicePanel(title: "Create a task with", note: "Remembered for this conversation.", items: items,
                                            purpose: .taskTool(calls, schemas: tools.map(\.tool.inputSchema), title: title)))
        return []
    }

    func openTaskForm(_ call: PersonCall, schema: JSONValue, title: String, in state: inout AppState) -> [Effect] {
        var arguments: [String: JSONValue] = [:]
        let trimmed = title.trimmingCharacters(in: .whitespacesAndNewlines)
        if let field = Self.titleField(schema), !trimmed.isEmpty { arguments[field] = .string(trimmed) }
        var task = call
        task.isTask = true
        task.clearsComposer = !trimmed.isEmpty && trimmed == state.composer.field.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return openCallForm(task, schema: schema, arguments: .object(arguments), title: "New task · \(call.connector) · \(call.title)",
                            note: "Creates it in \(call.connector)." + (keymap.key(for: .submitForm, in: .form).map { " \($0) creates it." } ?? ""), in: &state)
    }

    /// The property a task's title goes in.
    static func titleField(_ schema: JSONValue) -> String? {
        let properties = schema["properties"]?.objectValue ?? [:]
        if let named = ["title", "name", "summary", "subject"].first(where: { properties[$0] != nil }) { return named }
        let required = schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        return required.first { properties[$0]?["type"]?.stringValue == "string" }
    }
}

