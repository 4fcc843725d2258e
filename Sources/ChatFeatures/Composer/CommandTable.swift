import ConnectorMenu
import TerminalUI

/// The commands the `/` menu offers, in its order, with how each takes an argument.
/// Names and docs come from the registry (`KeyCommand`), keys from the live keymap.
public enum CommandTable {
    static let slash: [(command: KeyCommand, argument: String?)] = [
        (.newConversation, nil), (.conversations, nil), (.connectors, "[name]"), (.directory, nil),
        (.task, "[title]"), (.find, "[text]"), (.copy, nil), (.edit, nil), (.retry, nil), (.export, "[file]"),
        (.rename, "[title]"), (.model, "[provider/model]"), (.tools, "[always|on-demand|auto]"), (.theme, nil),
        (.help, nil), (.status, nil), (.quit, nil),
    ]

    /// The menu's rows; a command the composer also binds to a key says which, e.g. "(Ctrl-T)".
    static func menuCommands(keymap: Keymap) -> [MenuCommand] {
        slash.map { entry in
            let keys = keymap.keys(for: entry.command, in: .composer)
            let summary = entry.command.doc + (keys.isEmpty ? "" : " (\(keys.joined(separator: ", ")))")
            return MenuCommand(name: entry.command.name, summary: summary, argumentHint: entry.argument)
        }
    }

    static func command(named name: String) -> KeyCommand? {
        slash.first { $0.command.name == name }?.command
    }
}
