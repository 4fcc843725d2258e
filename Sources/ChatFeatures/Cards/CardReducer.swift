import ConnectorMenu
import ConversationModel
import Foundation
import TerminalText
import ToolCards
import TerminalUI

/// The root's side of the result cards (`CardsFeature`): it hands them keys with the cards in the
/// transcript, and does what they ask; and the calls the person makes themselves.
extension AppReducer {
    /// Every card in the loaded transcript, oldest first.
    func cardAddresses(_ state: AppState) -> [CardAddress] {
        state.transcript.messages.flatMap { message in
            message.blocks.indices.filter { message.blocks[$0].kind == .toolResult }.map { CardAddress(message: message.id, block: $0) }
        }
    }

    func card(at address: CardAddress, in state: AppState) -> ToolCard? {
        guard let message = state.transcript.messages.first(where: { $0.id == address.message }),
              message.blocks.indices.contains(address.block), message.blocks[address.block].kind == .toolResult else { return nil }
        return layout.cards.card(for: message.blocks[address.block], message: message.id, index: address.block)
    }

    /// Tab from the composer: the newest card takes the keys.
    func focusCards(_ state: inout AppState) -> [Effect] {
        reduceCards(&state, .focusNewest)
    }

    /// The next or previous card from `address`, live or not.
    func moveCardFocus(from address: CardAddress, forward: Bool, in state: inout AppState) -> [Effect] {
        reduceCards(&state, .move(from: address, forward: forward))
    }

    func reduceCards(_ state: inout AppState, key: KeyEvent) -> [Effect] {
        reduceCards(&state, .key(key))
    }

    func reduceCards(_ state: inout AppState, _ action: CardsFeature.Action) -> [Effect] {
        let context = CardsFeature.Context(keymap: keymap, addresses: cardAddresses(state),
                                           focusedCard: state.cards.focused.flatMap { card(at: $0, in: state) })
        let delegates = CardsFeature.reduce(&state.cards, action, context: context)
        return delegates.flatMap { cardsAsked($0, in: &state) }
    }

    private func cardsAsked(_ delegate: CardsFeature.Delegate, in state: inout AppState) -> [Effect] {
        switch delegate {
        case .startView(let address): return openLiveView(address, in: &state).map { [$0] } ?? []
        case .show(let address): return reduceTranscript(&state, .reveal(address.message))
        case .liveKey(let address, let key): return reduceLiveCard(&state, address: address, key: key)
        case .openLinks(let card, let address): return openLink(card, at: address, in: &state)
        case .showActions(let card): return showActions(card, in: &state)
        case .call(let call, let arguments): return requestPersonCall(call, arguments: arguments, in: &state)
        case .toComposer(let text): return reduceComposer(&state, .insertParagraph(text))
        case .copy(let text): return [.copyToClipboard(text)]
        case .flash(let text): state.flash = Flash(text: text, isError: false)
        case .scrollPage(let up): return scrollTranscriptPage(&state, up: up)
        case .cancelPersonCall: return [.cancelPersonCall]
        case .follow: return reduceTranscript(&state, .follow)
        }
        return []
    }

    // MARK: Links

    /// `o`: the card's links (asking before opening one) and its images and audio (saved, then opened).
    /// A live view's links are its link controls, under their numbers; the result's own follow them.
    private func openLink(_ card: ToolCard, at address: CardAddress, in state: inout AppState) -> [Effect] {
        let controls = state.cards.live[address]?.text?.controls ?? []
        let viewLinks = controls.indices.compactMap { index in
            controls[index].kind == .link ? controls[index].url.map { (number: index + 1, text: controls[index].label, url: $0) } : nil
        }
        let links = viewLinks + card.links.enumerated().map { (number: $0.offset + card.firstLinkNumber, text: $0.element.text, url: $0.element.url) }
        let media = (card.presentation?.attachments ?? []).filter { ($0.kind == .image || $0.kind == .audio) && $0.data != nil }
        switch (links.count, media.count) {
        case (0, 0):
            state.flash = Flash(text: "This card has no links or media.", isError: false)
        case (1, 0):
            confirmOpening(links[0].url, in: &state)
        default:
            let items = links.map { "[\($0.number)] " + Sanitizer.line($0.text == $0.url ? $0.url : "\($0.text) · \($0.url)") }
                + media.map { "Save the \($0.kind.rawValue) (\($0.mimeType ?? "unknown type"))" }
            let targets = links.map { ChoicePanel.Target.link($0.url) } + media.map { ChoicePanel.Target.media(data: $0.data ?? "", mimeType: $0.mimeType ?? "") }
            state.overlay = .choose(ChoicePanel(title: "Open", note: keymap.phrase([(.menuAccept, "asks before opening a link")], in: .list) + "; media is saved to a file.", items: items, purpose: .link(targets)))
        }
        return []
    }

    /// Only http(s) addresses that parse are offered (never `javascript:` or `file:`), shown with any
    /// hidden or direction-changing character made visible, since the page is what a yes opens.
    /// Asks before opening `url`; `forView` is the request of a view that asked, told the answer.
    @discardableResult
    func confirmOpening(_ url: String, in state: inout AppState, forView request: String? = nil) -> [Effect] {
        let told = { (accepted: Bool) in request.map { [Effect.answerViewRequest($0, accepted: accepted)] } ?? [] }
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), let domain = parsed.host, !domain.isEmpty else {
            state.flash = Flash(text: "Not opened: \(Sanitizer.revealing(String(url.prefix(200)))) is not a web address.", isError: true)
            return told(false)
        }
        let allow = request == nil ? "y" : viewAllowKey
        state.push(.confirm(Confirmation(title: "Open link", question: "Open a page on \(domain)?\n\(Sanitizer.revealing(url))\n\(allow) opens it, any other key does not.",
                                         onYes: .run([.openLink(url)] + told(true)), declined: "Not opened.", onNo: told(false), raisedByView: request != nil)))
        return []
    }

    // MARK: Actions and calls

    /// `a`: the connector's tools a card may call (visibility includes `app`).
    private func showActions(_ card: ToolCard, in state: inout AppState) -> [Effect] {
        guard let connector = state.connectors[card.connector], connector.health == .ready else {
            state.flash = Flash(text: "\(card.connector.isEmpty ? "This card's connector" : card.connector) is not ready, so it has no actions now.", isError: false)
            return []
        }
        let tools = connector.tools.filter(\.callableFromCards)
        guard !tools.isEmpty else {
            state.flash = Flash(text: "\(connector.name) offers no actions.", isError: false)
            return []
        }
        let calls = tools.map { PersonCall(tool: $0.id, connector: connector.name, title: $0.title, isReadOnly: $0.effect == .reads) }
        let items = tools.map { "\(Sanitizer.line($0.title))  · \($0.effect.rawValue)\($0.hiddenFromModel ? " · only here" : "")" }
        state.overlay = .choose(ChoicePanel(title: "Actions · \(connector.name)", note: keymap.phrase([(.menuAccept, "opens its form.")], in: .list), items: items,
                                            purpose: .action(calls, schemas: tools.map(\.inputSchema))))
        return []
    }

    /// A call's form, pre-filled; a tool without arguments is called at once.
    func openCallForm(_ call: PersonCall, schema: JSONValue, arguments: JSONValue, title: String, note: String?, in state: inout AppState) -> [Effect] {
        let form = FormPanel(purpose: .toolCall(call), title: title, note: note, schema: schema, arguments: arguments)
        if form.fields.isEmpty { return requestPersonCall(call, arguments: .object([:]), in: &state) }
        state.overlay = .form(form)
        return []
    }

    /// Calls at once when the tool only reads; asks first when it may change things.
    func requestPersonCall(_ call: PersonCall, arguments: JSONValue, in state: inout AppState) -> [Effect] {
        if state.visibleTurn != nil {
            state.flash = Flash(text: "Wait for the answer to finish" + (keymap.key(for: .cancelTurn, in: .composer).map { " (or \($0) it)" } ?? "") + " before calling tools yourself.", isError: false)
            return []
        }
        if state.cards.running != nil {
            state.flash = Flash(text: "A call is still running" + (keymap.key(for: .close, in: .cards).map { "; \($0) on a card cancels it." } ?? "."), isError: false)
            return []
        }
        let effect = Effect.callTool(call, arguments: arguments, conversation: state.conversation.id)
        if !call.asksFirst { return [effect] }
        state.push(.confirm(Confirmation(title: "Call a tool", question: "Call \(call.connector) · \(call.title)? It may change things in \(call.connector).\ny calls it, any other key does not.",
                                         onYes: .run([effect]), declined: "Not called.")))
        return []
    }

    func reduceChoice(_ state: inout AppState, panel: ChoicePanel, command: KeyCommand?) -> [Effect] {
        var panel = panel
        switch command {
        case .menuUp, .cursorUp: panel.list.move(by: -1)
        case .menuDown, .cursorDown: panel.list.move(by: 1)
        case .close:
            state.overlay = nil
            return []
        case .menuAccept:
            state.overlay = nil
            let index = panel.list.selected
            switch panel.purpose {
            case .link(let targets) where targets.indices.contains(index):
                switch targets[index] {
                case .link(let url): confirmOpening(url, in: &state)
                case .media(let data, let mimeType): return [.saveMedia(data: data, mimeType: mimeType)]
                }
            case .action(let calls, let schemas) where calls.indices.contains(index):
                let focused = state.cards.focused.flatMap { card(at: $0, in: state) }
                let shared = Self.sharedArguments(focused, schema: schemas[index])
                return openCallForm(calls[index], schema: schemas[index], arguments: shared, title: "\(calls[index].connector) · \(calls[index].title)",
                                    note: calls[index].isReadOnly ? nil : "This action may change things in \(calls[index].connector); you confirm before it runs.", in: &state)
            case .taskTool(let calls, let schemas, let title) where calls.indices.contains(index):
                state.cards.taskTools[state.conversation.id] = calls[index].tool
                return [.rememberTaskTool(state.conversation.id, calls[index].tool)]
                    + openTaskForm(calls[index], schema: schemas[index], title: title, in: &state)
            default:
                return []
            }
            return []
        default:
            break
        }
        state.overlay = .choose(panel)
        return []
    }

    /// What the card knows that the action's schema also takes, its result's fields then its
    /// call's arguments: an action on an issue starts with its id and current values.
    static func sharedArguments(_ card: ToolCard?, schema: JSONValue) -> JSONValue {
        let names = Set(schema["properties"]?.objectValue?.keys.map { $0 } ?? [])
        var structured = card?.structured?.objectValue ?? [:]
        if structured.count == 1, let inner = structured.values.first?.objectValue { structured = inner }
        let known = structured.merging(card?.presentation?.arguments.objectValue ?? [:]) { _, argument in argument }
        return .object(known.filter { names.contains($0.key) && $0.value != .null })
    }

    // MARK: Results of calls

    func personCallProgress(_ activity: ToolActivity, in state: inout AppState) -> [Effect] {
        state.cards.running = activity
        return state.cards.focused == nil ? reduceTranscript(&state, .follow) : []
    }

    func personCallFinished(_ message: Message?, in state: inout AppState) -> [Effect] {
        state.cards.running = nil
        let submitted = state.cards.submittedForm
        state.cards.submittedForm = nil
        guard let message, message.conversationID == state.conversation.id else { return [] }
        var effects = reduceTranscript(&state, .stored(message))
        if var form = submitted, state.overlay == nil,
           let result = message.blocks.lazy.compactMap({ $0.decoded(ToolResult.self) }).first, result.isError {
            form.problem = "Refused: " + (result.content.trimmingCharacters(in: .whitespacesAndNewlines).nonEmpty ?? "the connector gave no reason")
            state.overlay = .form(form)
        }
        if let block = message.blocks.firstIndex(where: { $0.kind == .toolResult }) {
            let address = CardAddress(message: message.id, block: block)
            if state.cards.focused != nil { state.cards.focused = address }
            effects += reduceTranscript(&state, .follow)
        }
        return effects + openLiveViews(in: message, state: &state)
    }
}
