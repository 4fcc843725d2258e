import ConnectorMenu
import ConversationModel

/// Result cards in the transcript: the one the keys drive, the ones opened up,
/// and a call the person started from a card or `/task` while it runs.
public struct CardsState: Equatable, Sendable {
    var focused: CardAddress?
    var expanded: Set<CardAddress> = []
    var running: ToolActivity?
    /// The tool `/task` uses, per conversation, once chosen.
    var taskTools: [ConversationID: String] = [:]
    /// The form of the call running now: a refused call opens it again, every field kept.
    var submittedForm: FormPanel?
    /// Cards whose view runs (or was tried) in the view engine in this run.
    var live: [CardAddress: LiveCard] = [:]
    /// How many calls each card's view made are running; Esc from the composer stops them.
    var viewCalls: [CardAddress: Int] = [:]
    /// A number typed on a live card that another digit could still make longer (1 of 12).
    var typedNumber: TypedNumber?

    /// How one message's cards are drawn: its open cards and its focused one, by block.
    func display(of message: MessageID) -> CardDisplay {
        CardDisplay(expanded: Set(expanded.filter { $0.message == message }.map(\.block)),
                    focused: focused?.message == message ? focused?.block : nil,
                    focusedIsLive: focused?.message == message && focused.flatMap { live[$0]?.isDrawn } == true,
                    starting: Set(live.filter { $0.key.message == message && $0.value.isStarting }.map(\.key.block)),
                    typedNumber: typedNumber.flatMap { $0.card.message == message ? $0.digits : nil })
    }
}

/// A card: a tool result block in a stored message.
public struct CardAddress: Hashable, Sendable {
    var message: MessageID
    var block: Int
}

public struct CardDisplay: Equatable, Sendable {
    var expanded: Set<Int> = []
    var focused: Int?
    /// The focused card's view is drawn: its keys go to the view.
    var focusedIsLive = false
    /// Cards whose view is starting (after a restart, the stored text shows meanwhile).
    var starting: Set<Int> = []
    /// The number being typed on the focused live card.
    var typedNumber: Int?

    public init(expanded: Set<Int> = [], focused: Int? = nil, focusedIsLive: Bool = false, starting: Set<Int> = [], typedNumber: Int? = nil) {
        self.expanded = expanded
        self.focused = focused
        self.focusedIsLive = focusedIsLive
        self.starting = starting
        self.typedNumber = typedNumber
    }
}

/// A tool the person calls themselves, from a card's actions, a refresh or `/task`.
public struct PersonCall: Equatable, Sendable {
    public var tool: String
    var connector: String
    public var title: String
    var isReadOnly: Bool
    /// A task titled with the composer's text: once sent, the composer empties.
    var clearsComposer = false
    /// `/task`: filling in its form was the person's go-ahead.
    var isTask = false

    /// Tools that may change things ask first, except a task the person just filled in.
    var asksFirst: Bool { !isReadOnly && !isTask }
}

/// A short list to choose one from, and what choosing means.
public struct ChoicePanel: Equatable, Sendable {
    enum Purpose: Equatable, Sendable {
        /// The tools behind a card's actions, each a `PersonCall`.
        case action([PersonCall], schemas: [JSONValue])
        /// The links and media of a card, to open one.
        case link([Target])
        /// Which create-style tool `/task` uses in this conversation.
        case taskTool([PersonCall], schemas: [JSONValue], title: String)
    }

    enum Target: Equatable, Sendable {
        case link(String)
        case media(data: String, mimeType: String)
    }

    var title: String
    var note: String
    var items: [String]
    var purpose: Purpose
    var list: SelectionList

    init(title: String, note: String, items: [String], purpose: Purpose) {
        self.title = title
        self.note = note
        self.items = items
        self.purpose = purpose
        list = SelectionList(count: items.count)
    }
}
