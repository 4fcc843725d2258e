import Foundation

/// The static structure of an HTML page, as a card shows it: headings, paragraphs,
/// lists, tables, definition lists, links, image alt text and form controls.
/// Scripts and styles are skipped, never run. Width-free, so a card reflows it at
/// any width; bounded, so any page makes a card of bounded size.
public struct HTMLOutline: Codable, Equatable, Sendable {
    /// The scope a card draws the view's focused control in (styled as `card.control`), by which
    /// the transcript finds its line to keep it on screen.
    public static let focusedControlScope = "card.control.focused"

    /// A run of inline text and what it is, so a card can style it.
    public struct Inline: Codable, Equatable, Sendable {
        public enum Kind: String, Codable, Sendable { case plain, strong, emphasis, code, link, control, image
            /// The control a live view's focus is on.
            case focusedControl
        }
        public var text: String
        public var kind: Kind

        public init(_ text: String, _ kind: Kind = .plain) {
            self.text = text
            self.kind = kind
        }
    }

    public enum Block: Codable, Equatable, Sendable {
        case heading(level: Int, text: [Inline])
        case paragraph([Inline])
        case preformatted(String)
        case quote([Inline])
        case listItem(depth: Int, marker: String, text: [Inline])
        case table(rows: [[String]], headerRows: Int)
        case term([Inline])
        case definition([Inline])
        /// A live view's control on a line of its own; fields follow each other without a gap.
        case field([Inline])
        case rule
    }

    public struct Link: Codable, Equatable, Sendable {
        public var text: String
        public var url: String

        public init(text: String, url: String) {
            self.text = text
            self.url = url
        }
    }

    /// The page's `<title>`.
    public var title: String?
    public var blocks: [Block] = []
    /// Links in order of appearance; inline text refers to them as `[n]`, counting from 1.
    public var links: [Link] = []
    /// What was left out (a page too long, too many rows), said plainly.
    public var notes: [String] = []
    /// A template whose values its script fills in: drawn, it would be labels without values.
    public var isFilledByScript = false
    /// A live view's controls, numbered `[1]`… in its text: the card's links are numbered after them.
    public var numberedControls: Int?

    public init(title: String? = nil, blocks: [Block] = [], links: [Link] = [], notes: [String] = []) {
        self.title = title
        self.blocks = blocks
        self.links = links
        self.notes = notes
    }

    /// Nothing a person could read: a page built by JavaScript ships a body like this.
    public var isEmpty: Bool { blocks.isEmpty && links.isEmpty }

    /// What a card can draw only once views run live: a page built or filled in by its script.
    public var needsViewEngine: Bool { isEmpty || isFilledByScript }

    /// Stored with a result; whether a script fills it is decided when it is read.
    enum CodingKeys: String, CodingKey { case title, blocks, links, notes, numberedControls }

    /// How much of a page is looked at, and how much of it is kept.
    public struct Limits: Sendable {
        public var inputBytes = 16 << 20
        public var blocks = 400
        public var characters = 60_000
        public var links = 99
        public var tableRows = 60
        public var tableColumns = 10
        /// Nesting deeper than this is read as plain text.
        public var depth = 48

        public init() {}
    }
}
