import ConversationModel
import ToolCards
import TerminalUI

/// Result cards driven from the keyboard: which one has the keys, which are open, and what a key on
/// one asks for. It owns `CardsState`; the card's decoded model, the cards in the transcript and the
/// keymap come as a `Context`, and what touches the transcript, the composer, the layers or a
/// connector is asked for as a `Delegate`. A focused card whose view is drawn hands its keys on.
enum CardsFeature {
    typealias State = CardsState

    enum Action: Equatable {
        case key(KeyEvent)
        /// Tab from the composer: the newest card takes the keys.
        case focusNewest
        /// The next or previous card from `address`, live or not.
        case move(from: CardAddress, forward: Bool)
        /// Something else takes the keys (`/find`, choosing a message) or the card went (another conversation).
        case unfocus
        /// A live view drew for the first time: its card shows whole, since its controls are what the keys reach.
        case expand(CardAddress)
    }

    /// What the cards read and do not own.
    struct Context {
        var keymap: Keymap
        /// Every card in the loaded transcript, oldest first.
        var addresses: [CardAddress]
        /// The focused card as decoded for layout; nil when it is gone from the transcript.
        var focusedCard: ToolCard?
    }

    /// What the cards ask of the app, in order.
    enum Delegate: Equatable {
        /// A card took the keys: its view starts if it is not running, then the transcript shows it.
        case startView(CardAddress)
        case show(CardAddress)
        /// The focused card's view is drawn: the key is the view's.
        case liveKey(CardAddress, KeyEvent)
        case openLinks(ToolCard, CardAddress)
        case showActions(ToolCard)
        /// The person calls a tool themselves (a refresh of a read-only card).
        case call(PersonCall, arguments: JSONValue)
        /// Put the card's text into the message being written.
        case toComposer(String)
        case copy(String)
        case flash(String)
        case scrollPage(up: Bool)
        case cancelPersonCall
        /// The keys went back to the composer: the transcript follows the newest output again.
        case follow
    }

    static func reduce(_ state: inout State, _ action: Action, context: Context) -> [Delegate] {
        switch action {
        case .focusNewest:
            guard let newest = context.addresses.last else { return [.flash("No result cards in this conversation yet.")] }
            return focus(newest, in: &state)
        case .move(let address, let forward):
            let all = context.addresses
            guard !all.isEmpty else { return [] }
            let index = all.firstIndex(of: address) ?? all.count - 1
            return focus(all[forward ? min(all.count - 1, index + 1) : max(0, index - 1)], in: &state)
        case .unfocus:
            state.focused = nil
            return []
        case .expand(let address):
            state.expanded.insert(address)
            return []
        case .key(let key):
            return reduce(&state, key: key, context: context)
        }
    }

    private static func focus(_ address: CardAddress, in state: inout State) -> [Delegate] {
        state.focused = address
        return [.startView(address), .show(address)]
    }

    private static func reduce(_ state: inout State, key: KeyEvent, context: Context) -> [Delegate] {
        guard let address = state.focused, let card = context.focusedCard else {
            state.focused = nil
            return []
        }
        if state.live[address]?.hasLiveKeys == true {
            // The view has the keys (or will, once it runs); the card's own commands are reached with Alt (Alt-a its actions, ...).
            guard let command = context.keymap.command(for: key, in: .liveCard), cardCommands.contains(command) else { return [.liveKey(address, key)] }
            return reduce(&state, command: command, on: card, at: address, context: context)
        }
        return reduce(&state, command: context.keymap.command(for: key, in: .cards), on: card, at: address, context: context)
    }

    /// The commands a card answers whether its view runs live or not.
    static let cardCommands: Set<KeyCommand> = [.openLink, .cardActions, .refreshCard, .cardToComposer, .copyCardJSON]

    private static func reduce(_ state: inout State, command: KeyCommand?, on card: ToolCard, at address: CardAddress, context: Context) -> [Delegate] {
        // The key as this card takes it: a live card's are Alt-letters.
        let mode: InputMode = state.live[address]?.hasLiveKeys == true ? .liveCard : .cards
        func key(_ command: KeyCommand) -> String { context.keymap.key(for: command, in: mode) ?? command.rawValue }
        switch command {
        case .nextCard, .previousCard:
            return reduce(&state, .move(from: address, forward: command == .nextCard), context: context)
        case .toggleCard:
            if state.expanded.contains(address) { state.expanded.remove(address) } else { state.expanded.insert(address) }
        case .openLink: return [.openLinks(card, address)]
        case .cardActions: return [.showActions(card)]
        case .refreshCard:
            guard let presentation = card.presentation else { return [] }
            guard presentation.isReadOnly else {
                return [.flash("Only read-only tools refresh: \(presentation.title) may change things. \(key(.cardActions)) lists its actions.")]
            }
            return [.call(PersonCall(tool: presentation.tool, connector: presentation.connector, title: presentation.title, isReadOnly: true),
                          arguments: presentation.arguments)]
        case .cardToComposer:
            state.focused = nil
            return [.toComposer(card.plainText), .flash("The card's text is in your message.")]
        case .copyCardJSON:
            guard let structured = card.structured else { return [.flash("This card has no structured result; \(key(.cardToComposer)) puts its text in your message.")] }
            return [.flash("Copied the result as JSON."), .copy(structured.jsonText)]
        case .scrollPageUp, .scrollPageDown:
            return [.scrollPage(up: command == .scrollPageUp)]
        case .close:
            if state.running != nil { return [.cancelPersonCall] }
            state.focused = nil
            return [.follow]
        default:
            break
        }
        return []
    }
}
