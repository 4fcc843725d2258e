import Foundation
import Testing
import TerminalText
import TerminalUI
@testable import ConnectorMenu

/// The directory on its own, over the catalogue shipped in the source tree: keys and the live side's
/// answers in, its state, what it draws and what it asks of the app out. (How the app answers is
/// ChatFeaturesTests' DirectoryReducerTests and RegistryTabReducerTests.)
@Suite struct DirectoryFeatureTests {
    /// The shared layers and the directory's own table, as the app composes them.
    static let keymap = Keymap.common.adding(DirectoryFeature.bindings)

    static let shipped = try! ConnectorDirectory.parse(Data(contentsOf: URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("catalog/connectors.json")))
    static let status = RegistryStatus(count: 960, credit: "from the Official MCP Registry", copyDate: "2 Dec 2025 at 09:00", offline: nil)

    static func listings(_ range: Range<Int>, _ prefix: String = "figma") -> [RegistryListing] {
        range.map { RegistryListing(name: "io.github.someone/\(prefix)-\($0)", title: "\(prefix) \($0)", summary: "about \(prefix) \($0)", blocked: nil) }
    }

    /// Drives the feature as the app does, keeping what it asked for.
    struct Driver {
        var state = DirectoryFeature.State()
        var installed: Set<String> = []
        var asked: [DirectoryFeature.Delegate] = []

        mutating func send(_ action: DirectoryFeature.Action) {
            asked += DirectoryFeature.reduce(&state, action, installed: installed, keymap: DirectoryFeatureTests.keymap)
        }
        mutating func press(_ key: KeyEvent) { send(.key(key)) }
        mutating func type(_ text: String) { for character in text { press(.char(character)) } }
        mutating func take() -> [DirectoryFeature.Delegate] { defer { asked = [] }; return asked }

        func screen() -> String {
            var buffer = CellBuffer(width: 100, height: 22)
            DirectoryFeature.draw(state, installed: installed, rect: Rect(x: 0, y: 0, width: 100, height: 22), theme: .monochrome, keymap: DirectoryFeatureTests.keymap, into: &buffer)
            return buffer.textLines().joined(separator: "\n")
        }
    }

    /// The catalogue loaded, then Shift-Tab to the last tab: the Registry, opened.
    static func onRegistryTab() -> Driver {
        var driver = Driver()
        driver.send(.loaded(.success(shipped)))
        driver.press(KeyEvent(.backTab))
        #expect(driver.take() == [.registry(.open)])
        driver.send(.registry(.opened(.success(status))))
        #expect(driver.take() == [.registry(.search(""))], "the tab opens on the first page of everything")
        return driver
    }

    @Test func installingACuratedEntryAsksTheAppUnlessItIsThere() throws {
        var driver = Driver()
        driver.send(.loaded(.success(Self.shipped)))
        driver.type("sentry")
        driver.press(KeyEvent(.enter))
        #expect(driver.screen().contains("https://mcp.sentry.dev/mcp"))
        let sentry = try #require(Self.shipped.entries.first { $0.name == "sentry" })
        driver.press(.char("i"))
        #expect(driver.take() == [.flash("Installing \(sentry.title)…", isError: false), .install(sentry), .close])
        driver.installed = ["sentry"]
        driver.press(.char("i"))
        #expect(driver.take() == [.flash("\(sentry.title) is already installed. /connectors sentry shows it.", isError: false)])
        #expect(driver.screen().contains("Installed. /connectors sentry shows it."))
    }

    @Test func aBurstOfKeysIsOneSearchAfterThePause() {
        var driver = Self.onRegistryTab()
        driver.type("fig")
        #expect(driver.take() == [.registry(.pause(1)), .registry(.pause(2)), .registry(.pause(3))])
        driver.send(.registry(.pauseEnded(1)))
        driver.send(.registry(.pauseEnded(2)))
        #expect(driver.take().isEmpty, "keys came after those pauses")
        driver.send(.registry(.pauseEnded(3)))
        #expect(driver.take() == [.registry(.search("fig"))])
        #expect(driver.screen().contains("searching…"))
    }

    @Test func anAnswerToAnOlderQueryNeverOverwritesANewerOne() {
        var driver = Self.onRegistryTab()
        driver.type("fi")
        driver.send(.registry(.pauseEnded(2)))
        driver.type("g")
        driver.send(.registry(.pauseEnded(3)))
        #expect(driver.take().last == .registry(.search("fig")))
        driver.send(.registry(.answered(RegistryPage(query: "fig", listings: Self.listings(0..<2), total: 2, hasMore: false, isNextPage: false, problem: nil))))
        // The slower answer to "fi" arrives last: dropped.
        driver.send(.registry(.answered(RegistryPage(query: "fi", listings: Self.listings(0..<9, "fish"), total: 9, hasMore: false, isNextPage: false, problem: nil))))
        #expect(driver.state.registry.listings == Self.listings(0..<2))
        let screen = driver.screen()
        #expect(screen.contains("figma 1") && !screen.contains("fish"))
        #expect(screen.contains("960 connectors from the Official MCP Registry (copy of 2 Dec 2025 at 09:00)") && screen.contains("2 match"))
    }

    @Test func theNextPageComesAsTheSelectionNearsTheEnd() {
        var driver = Self.onRegistryTab()
        driver.send(.registry(.answered(RegistryPage(query: "", listings: Self.listings(0..<50), total: 120, hasMore: true, isNextPage: false, problem: nil))))
        #expect(driver.screen().contains("120 match, more as you scroll"))
        for _ in 0..<44 { driver.press(KeyEvent(.down)) }
        #expect(driver.take().isEmpty, "still well above the end")
        driver.press(KeyEvent(.down))
        driver.press(KeyEvent(.down))
        #expect(driver.take() == [.registry(.more)], "asked once, not again while it is on its way")
        driver.send(.registry(.answered(RegistryPage(query: "", listings: Self.listings(50..<100), total: 120, hasMore: true, isNextPage: true, problem: nil))))
        #expect(driver.state.registry.listings.count == 100)
        #expect(driver.state.list.selected == 46, "the selection stays where it was")
        for _ in 0..<5 { driver.press(KeyEvent(.pageDown)) }
        #expect(driver.take() == [.registry(.more)])
    }
}
