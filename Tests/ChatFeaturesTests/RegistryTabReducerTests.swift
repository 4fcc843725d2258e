import ConnectorMenu
import ConversationModel
import Foundation
import Testing
import TestSupport
@testable import ChatFeatures

/// The directory's Registry tab through the app: offline and failed states on screen, the install form
/// (secrets masked) and blocked entries. The tab's own rules (one search per burst, stale answers
/// dropped, the next page) are ConnectorMenuTests' DirectoryFeatureTests.
@Suite struct RegistryTabReducerTests {
    static let status = RegistryStatus(count: 960, credit: "from the Official MCP Registry", copyDate: "2 Dec 2025 at 09:00", offline: nil)

    static func listings(_ range: Range<Int>, _ prefix: String = "figma") -> [RegistryListing] {
        range.map { RegistryListing(name: "io.github.someone/\(prefix)-\($0)", title: "\(prefix) \($0)", summary: "about \(prefix) \($0)", blocked: nil) }
    }

    /// `/directory`, the catalogue loaded, then Shift-Tab to the last tab: the Registry, opened.
    static func onRegistryTab(status: RegistryStatus = status) -> Harness {
        var harness = Harness(width: 100, height: 24)
        harness.type("/directory")
        harness.press(.enter)
        harness.send(.directoryLoaded(.success(DirectoryReducerTests.shipped)))
        _ = harness.takeEffects()
        harness.press(.backTab)
        #expect(harness.takeEffects() == [.registry(.open)])
        harness.send(.registry(.opened(.success(status))))
        #expect(harness.takeEffects() == [.registry(.search(""))], "the tab opens on the first page of everything")
        return harness
    }

    @Test func offlineShowsTheCopysDateAndAFailureNamesItsCause() {
        let offline = RegistryStatus(count: 960, credit: "from the registry at 127.0.0.1", copyDate: "1 Dec 2025 at 09:00",
                                     offline: "127.0.0.1 refused the connection (nothing is listening there)")
        let harness = Self.onRegistryTab(status: offline)
        let screen = harness.lines().joined(separator: "\n")
        #expect(screen.contains("Offline: the copy saved 1 Dec 2025 at 09:00 · 960 connectors from the registry at 127.0.0.1"), "\(screen)")
        #expect(screen.contains("127.0.0.1 refused the connection"))

        var failed = Harness(width: 100, height: 24)
        failed.type("/directory")
        failed.press(.enter)
        failed.send(.directoryLoaded(.success(DirectoryReducerTests.shipped)))
        failed.press(.backTab)
        failed.send(.registry(.opened(.failure(InstallRefusal("registry.example could not be found (DNS lookup failed). Check the address in `registry`.")))))
        let failure = failed.lines().joined(separator: "\n")
        #expect(failure.contains("The registry cannot be loaded:") && failure.contains("DNS lookup failed"), "\(failure)")
    }

    @Test func installFormMasksTheSecretAndHandsItToTheInstall() {
        var harness = Self.onRegistryTab()
        harness.send(.registry(.answered(RegistryPage(query: "", listings: Self.listings(0..<1), total: 1, hasMore: false, isNextPage: false, problem: nil))))
        harness.press(.enter)
        #expect(harness.takeEffects() == [.registry(.details("io.github.someone/figma-0"))])
        let schema: JSONValue = .object([
            "type": .string("object"),
            "properties": .object([
                RegistryEntryDetails.nameField: .object(["type": .string("string"), "default": .string("figma-0"), "propertyOrder": .number(-1)]),
                "API_KEY": .object(["type": .string("string"), "writeOnly": .bool(true), "format": .string("password"), "propertyOrder": .number(0)]),
            ]),
            "required": .array([.string(RegistryEntryDetails.nameField), .string("API_KEY")]),
        ])
        let details = RegistryEntryDetails(name: "io.github.someone/figma-0", title: "Figma", lines: [.init(label: "Version", text: "1.0.0")],
                                           credit: "from the Official MCP Registry", form: .success(schema),
                                           target: ["Connects to: https://figma.example/mcp (http)", "Header: X-Key: ${API_KEY}"],
                                           warnings: ["Registry entries are not verified."], blocked: nil)
        harness.send(.registry(.detailsLoaded(.success(details))))
        let shown = harness.lines().joined(separator: "\n")
        #expect(shown.contains("from the Official MCP Registry; not verified") && shown.contains("Registry entries are not verified."))
        harness.press(.char("i"))
        let opened = harness.lines().joined(separator: "\n")
        #expect(opened.contains("Connects to: https://figma.example/mcp (http)") && opened.contains("Header: X-Key: ${API_KEY}"),
                "the form shows what it will write: \(opened)")
        harness.press(.tab)
        harness.type("sk-very-secret")
        let form = harness.lines().joined(separator: "\n")
        #expect(!form.contains("sk-very-secret") && form.contains("••••••••••••••"), "\(form)")
        harness.press(.enter)
        #expect(harness.takeEffects() == [.registry(.install(entry: "io.github.someone/figma-0", name: "figma-0", values: ["API_KEY": "sk-very-secret"], conversation: 1))])
        #expect(harness.state.connectorUses["figma-0"] == .on)
    }

    @Test func blockedEntriesSayWhy() {
        var harness = Self.onRegistryTab()
        var blocked = Self.listings(0..<1)
        blocked[0].blocked = "blocked by policy: custom connectors are not allowed"
        harness.send(.registry(.answered(RegistryPage(query: "", listings: blocked, total: 1, hasMore: false, isNextPage: false, problem: nil))))
        #expect(harness.lines().joined(separator: "\n").contains("⊘ figma 0"))
        harness.press(.enter)
        harness.send(.registry(.detailsLoaded(.success(RegistryEntryDetails(
            name: blocked[0].name, title: "figma 0", lines: [], credit: "from the Official MCP Registry", form: .success(.object([:])),
            target: [], warnings: [], blocked: blocked[0].blocked)))))
        #expect(harness.lines().joined(separator: "\n").contains("⊘ blocked by policy: custom connectors are not allowed."))
        _ = harness.takeEffects()
        harness.press(.char("i"))
        #expect(harness.takeEffects().isEmpty && harness.state.flash?.isError == true, "a blocked entry offers no install form")
        harness.press(.escape)
        harness.send(.registry(.curatedBlocked(["sentry": "blocked by policy: matches “https://*.sentry.dev/*”"])))
        harness.press(.tab)  // wraps to All
        harness.type("sentry")
        #expect(harness.lines().joined(separator: "\n").contains("⊘ blocked by policy: matches"))
    }
}
