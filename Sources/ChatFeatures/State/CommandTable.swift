import ConnectorMenu

/// What a slash command does, as a value the reducer acts on.
public enum CommandAction: Equatable, Sendable {
    case newConversation, conversations, connectors, directory, task, export, rename, model, toolAccess, theme, help, quit
    case find, copy, edit, retry, statusLog
}

/// One row of the command table: the slash menu and `/help` both read it.
public struct AppCommand: Sendable {
    let menu: MenuCommand
    let action: CommandAction

    init(_ name: String, _ summary: String, argument: String? = nil, _ action: CommandAction) {
        menu = MenuCommand(name: name, summary: summary, argumentHint: argument)
        self.action = action
    }
}

public enum CommandTable {
    static let all: [AppCommand] = [
        AppCommand("new", "Start a new conversation", .newConversation),
        AppCommand("conversations", "Switch, search, rename or delete conversations", .conversations),
        AppCommand("connectors", "Turn connectors on, on demand or off here; see what each can do", argument: "[name]", .connectors),
        AppCommand("directory", "Browse connectors by category and install one", .directory),
        AppCommand("task", "Create a task with a connector, no model needed (Ctrl-T)", argument: "[title]", .task),
        AppCommand("find", "Search this conversation's messages (Ctrl-F)", argument: "[text]", .find),
        AppCommand("copy", "Copy the last answer to the clipboard (OSC 52); Alt-C chooses any message", .copy),
        AppCommand("edit", "Edit your last message and send it again; its answer is replaced (Alt-↑)", .edit),
        AppCommand("retry", "Ask for the last answer again; the old one is replaced", .retry),
        AppCommand("export", "Save this conversation as Markdown", argument: "[file]", .export),
        AppCommand("rename", "Rename this conversation", argument: "[title]", .rename),
        AppCommand("model", "Choose the model for this conversation", argument: "[provider/model]", .model),
        AppCommand("tools", "How tools reach the model here: always, on-demand or auto", argument: "[always|on-demand|auto]", .toolAccess),
        AppCommand("theme", "Choose a colour theme (previews as you move)", .theme),
        AppCommand("help", "Commands and keys", .help),
        AppCommand("status", "The recent status messages in full", .statusLog),
        AppCommand("quit", "Leave chattui (your draft is kept)", .quit),
    ]

    static var menuCommands: [MenuCommand] { all.map(\.menu) }

    static func action(named name: String) -> CommandAction? {
        all.first { $0.menu.name == name }?.action
    }
}
