/// The one registry of named commands. A key runs one through `Keymap`, a slash command is one
/// of them (`/task` and Ctrl-T are the same entry), and `config.toml` rebinds keys by `name`.
/// The slash menu, `/help` and every footer read `name` and `doc` from here.
public enum KeyCommand: String, CaseIterable, Sendable {
    case send, insertNewline
    case cursorLeft, cursorRight, cursorUp, cursorDown, wordLeft, wordRight, lineStart, lineEnd
    /// Home/End: within the composer's text, or the transcript's ends when the composer is empty.
    case lineStartOrTop, lineEndOrBottom
    case deleteBackward, deleteForward, killToLineEnd, killToLineStart, killWordBackward, yank
    case clearOrQuit, suspend
    case scrollPageUp, scrollPageDown, scrollTop, scrollBottom
    case openMenu
    case menuUp, menuDown, menuAccept, menuComplete, close
    case listRename, listDelete
    case cancelTurn, nextField, previousField, approveOnce, approveAlways, deny, submitForm
    case allowViewRequest
    case copyLink
    case declineForm
    case focusCards, nextCard, previousCard, toggleCard, openLink, cardActions, refreshCard, cardToComposer, copyCardJSON
    case findNext, findPrevious
    case selectMessages, copyMessage
    case nextControl, previousControl, reloadView
    case cycleUse, allOn, allOff, saveDefault, reconnect, remove, install, addCustom, signIn, disconnect, trust
    // Slash commands; those with a key too (Ctrl-T, Ctrl-F, Alt-↑, Ctrl-O) are the same entries.
    case newConversation, conversations, connectors, directory, task, find, copy, edit, retry
    case export, rename, model, tools, theme, help, status, quit

    /// The name config.toml and the `/` menu use: the slash command's own, else the case in kebab-case.
    public var name: String {
        switch self {
        case .newConversation: return "new"
        default: return rawValue.reduce(into: "") { name, character in
            if character.isUppercase { name += "-" + character.lowercased() } else { name.append(character) }
        }
        }
    }

    public static func named(_ name: String) -> KeyCommand? {
        allCases.first { $0.name == name }
    }
}
