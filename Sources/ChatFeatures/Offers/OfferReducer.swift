import ConnectorMenu
import ConversationModel
import Foundation
import TerminalText
import TerminalUI

/// Connectors' prompts (`/connector:prompt`) and resources (`@`).
extension AppReducer {
    /// The prompts of the connectors enabled in this conversation, as slash commands.
    func promptCommands(_ state: AppState) -> [MenuCommand] {
        enabledPrompts(state).map { prompt in
            MenuCommand(name: prompt.command, summary: Sanitizer.line(prompt.title ?? prompt.description ?? "Prompt from \(prompt.connector)"),
                        argumentHint: prompt.arguments.isEmpty ? nil : prompt.arguments.map { $0.isRequired ? $0.name : "[\($0.name)]" }.joined(separator: " "))
        }
    }

    func enabledPrompts(_ state: AppState) -> [PromptEntry] {
        state.offers.prompts.filter { state.enabledConnectors.contains($0.connector) }
    }

    /// Runs `/connector:prompt`: at once when it takes no arguments, else through a form.
    func runPrompt(_ prompt: PromptEntry, in state: inout AppState) -> [Effect] {
        let cleared = reduceComposer(&state, .clear)
        if prompt.arguments.isEmpty { return cleared + [.getPrompt(prompt, arguments: [:])] }
        state.overlay = .form(.prompt(prompt))
        return cleared
    }

    /// The prompt's form, filled in: ask the connector for the prompt with these arguments.
    func promptFormSubmitted(_ prompt: PromptEntry, arguments: JSONValue, in state: inout AppState) -> [Effect] {
        state.overlay = nil
        return [.getPrompt(prompt, arguments: (arguments.objectValue ?? [:]).compactMapValues(\.stringValue))]
    }

    func promptLoaded(_ prompt: PromptEntry, text: String, in state: inout AppState) -> [Effect] {
        let inserted = reduceComposer(&state, .setText(text))
        state.flash = Flash(text: "Inserted /\(prompt.command)." + (keymap.key(for: .send, in: .composer).map { " \($0) sends it; edit it first if you like." } ?? ""), isError: false)
        return inserted + [.saveDraft(state.conversation.id, state.composer.field.text)]
    }

    // MARK: Resources

    /// `@` typed at the start of the composer or after a space opens the picker.
    func shouldOpenResourcePicker(_ state: AppState, typed character: Character) -> Bool {
        guard character == "@", !enabledResources(state).isEmpty else { return false }
        let field = state.composer.field
        return field.cursor == 0 || field.characters[field.cursor - 1].isWhitespace
    }

    func enabledResources(_ state: AppState) -> [ResourceEntry] {
        state.offers.resources.filter { state.enabledConnectors.contains($0.connector) }
    }

    func openResourcePicker(_ state: inout AppState) {
        var picker = ResourcePicker()
        filterResources(&picker, state: state)
        state.overlay = .resources(picker)
    }

    private func filterResources(_ picker: inout ResourcePicker, state: AppState) {
        let query = picker.search.text
        let ranked = enabledResources(state).compactMap { entry -> (Int, ResourceEntry)? in
            guard !query.isEmpty else { return (0, entry) }
            let scores = [entry.name, entry.uri, entry.connector].compactMap { FuzzyMatch.match(query, in: $0)?.score }
            return scores.max().map { ($0, entry) }
        }
        picker.matches = ranked.sorted { $0.0 > $1.0 }.map(\.1)
        picker.list.reset(count: picker.matches.count, selected: 0)
    }

    func reduceResourcePicker(_ state: inout AppState, picker: ResourcePicker, key: KeyEvent) -> [Effect] {
        var picker = picker
        switch keymap.command(for: key, in: .picker) {
        case .close:
            state.overlay = nil
            return []
        case .menuUp: picker.list.move(by: -1)
        case .menuDown: picker.list.move(by: 1)
        case .menuAccept:
            state.overlay = nil
            guard picker.matches.indices.contains(picker.list.selected) else { return [] }
            let chosen = picker.matches[picker.list.selected]
            let attached = reduceComposer(&state, .attach(chosen))
            state.flash = Flash(text: "Attached \(Sanitizer.line(chosen.name)). Backspace in an empty composer removes it.", isError: false)
            return attached
        default:
            let before = picker.search.text
            _ = picker.search.handle(key, keymap: keymap, mode: .prompt)
            if picker.search.text != before { filterResources(&picker, state: state) }
        }
        state.overlay = .resources(picker)
        return []
    }

    /// The message with its attachments read and stored, then (with a model) answered.
    func attachmentsRead(_ conversation: ConversationID, blocks: [ContentBlock], answer: Bool, in state: inout AppState) -> [Effect] {
        var effects: [Effect] = [.commitUserBlocks(conversation, blocks)]
        if answer, state.turn?.conversationID == conversation { effects.append(.startTurn(conversation)) }
        return effects
    }

    func attachmentsFailed(text: String, attachments: [ResourceEntry], reason: String, in state: inout AppState) -> [Effect] {
        let abandoned = reduceTurn(&state, .abandon)
        let restored = reduceComposer(&state, .restore(text, attachments: attachments))
        state.flash = Flash(text: "Could not attach: \(reason). Your message is back in the composer.", isError: true)
        return abandoned + restored
    }
}
