import Testing
@testable import ConnectorMenu

@Suite struct FuzzyMatchTests {
    @Test func matchesSubsequencesCaseInsensitively() {
        #expect(FuzzyMatch.match("cnv", in: "conversations") != nil)
        #expect(FuzzyMatch.match("CONV", in: "conversations")?.positions == [0, 1, 2, 3])
        #expect(FuzzyMatch.match("xyz", in: "conversations") == nil)
    }

    @Test func prefixesBeatScatteredMatches() throws {
        let prefix = try #require(FuzzyMatch.match("re", in: "rename"))
        let scattered = try #require(FuzzyMatch.match("re", in: "theme-refresh"))
        #expect(prefix.score > scattered.score)
    }
}

@Suite struct SlashMenuTests {
    let commands = [
        MenuCommand(name: "new", summary: "n"), MenuCommand(name: "conversations", summary: "c"),
        MenuCommand(name: "rename", summary: "r", argumentHint: "[title]"), MenuCommand(name: "theme", summary: "t"),
        MenuCommand(name: "help", summary: "h"), MenuCommand(name: "quit", summary: "q"),
    ]

    @Test func emptyQueryListsEverythingInTableOrder() {
        let menu = SlashMenu(commands: commands)
        #expect(menu.entries.map(\.command.name) == ["new", "conversations", "rename", "theme", "help", "quit"])
        #expect(menu.selected?.name == "new")
    }

    @Test func filtersAndRanksBestFirst() {
        var menu = SlashMenu(commands: commands)
        menu.filter("e")
        #expect(menu.entries.first?.command.name == "help" || menu.entries.first?.command.name == "theme" || menu.entries.first?.command.name == "new")
        menu.filter("ne")
        #expect(menu.entries.first?.command.name == "new")
        menu.filter("zz")
        #expect(menu.entries.isEmpty)
        #expect(menu.selected == nil)
    }

    @Test func selectionWrapsAndResetsOnFilter() {
        var menu = SlashMenu(commands: commands)
        menu.move(by: -1)
        #expect(menu.selected?.name == "quit")
        menu.filter("t")
        #expect(menu.list.selected == 0)
    }
}

@Suite struct SelectionListTests {
    @Test func scrollsToKeepTheSelectionVisible() {
        var list = SelectionList(count: 10)
        #expect(list.visibleRange(height: 3) == 0..<3)
        list.select(5)
        #expect(list.visibleRange(height: 3) == 3..<6)
        list.move(by: -10, wraps: false)
        #expect(list.selected == 0)
        #expect(list.visibleRange(height: 3) == 0..<3)
    }

    @Test func emptyListsAreSafe() {
        var list = SelectionList(count: 0)
        list.move(by: 1)
        #expect(list.visibleRange(height: 5).isEmpty)
    }
}
