/// A command as the slash menu and `/help` show it.
public struct MenuCommand: Equatable, Sendable {
    public let name: String
    public let summary: String
    /// How to pass an argument, e.g. `[title]`; nil when it takes none.
    public let argumentHint: String?

    public init(name: String, summary: String, argumentHint: String? = nil) {
        self.name = name
        self.summary = summary
        self.argumentHint = argumentHint
    }
}

/// The popup that opens when the composer starts with `/`: commands filtered
/// fuzzily by what follows the slash, best match first.
public struct SlashMenu: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        public let command: MenuCommand
        public let match: FuzzyMatch
    }

    public let commands: [MenuCommand]
    public private(set) var query: String = ""
    public private(set) var entries: [Entry] = []
    public private(set) var list = SelectionList(count: 0)

    public init(commands: [MenuCommand]) {
        self.commands = commands
        filter("")
    }

    /// Refilters for the text typed after `/` (up to the first space).
    public mutating func filter(_ query: String) {
        guard query != self.query || entries.isEmpty else { return }
        self.query = query
        entries = commands.enumerated().compactMap { index, command -> (Int, Entry)? in
            guard let match = FuzzyMatch.match(query, in: command.name) else { return nil }
            return (index, Entry(command: command, match: match))
        }
        .sorted { lhs, rhs in lhs.1.match.score != rhs.1.match.score ? lhs.1.match.score > rhs.1.match.score : lhs.0 < rhs.0 }
        .map(\.1)
        list.reset(count: entries.count)
    }

    public mutating func move(by delta: Int) { list.move(by: delta) }

    public var selected: MenuCommand? {
        entries.indices.contains(list.selected) ? entries[list.selected].command : nil
    }

    /// The command named exactly `name`, if any.
    public func command(named name: String) -> MenuCommand? {
        commands.first { $0.name == name }
    }
}
