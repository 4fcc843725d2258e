import Foundation
import ConnectorMenu
import ConversationModel
import TerminalUI

/// What the ready connectors offer besides tools.
public struct ConnectorOffers: Equatable, Sendable {
    var prompts: [PromptEntry] = []
    var resources: [ResourceEntry] = []
}

extension FormPanel {
    static func prompt(_ prompt: PromptEntry) -> FormPanel {
        FormPanel(purpose: .prompt(prompt), title: "/" + prompt.command, note: prompt.description, schema: prompt.schema)
    }
}

/// `@` in the composer: the enabled connectors' resources, filtered as the person types.
public struct ResourcePicker: Equatable, Sendable {
    var search = TextField()
    var matches: [ResourceEntry] = []
    var list = SelectionList(count: 0)
}
