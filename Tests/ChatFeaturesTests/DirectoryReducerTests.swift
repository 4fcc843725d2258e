import ConnectorMenu
import Foundation
import Testing
@testable import ChatFeatures

/// The directory panel driven through the reducer, over the catalogue shipped in the source tree.
@Suite struct DirectoryReducerTests {
    static let shipped = try! ConnectorDirectory.parse(Data(contentsOf: SourceTree.root.appendingPathComponent("catalog/connectors.json")))

    @Test func browseByCategorySearchAndInstall() {
        var harness = Harness(width: 90, height: 24)
        harness.type("/directory")
        harness.press(.enter)
        #expect(harness.takeEffects().contains(.loadDirectory))
        harness.send(.directoryLoaded(.success(Self.shipped)))
        harness.press(.tab)
        harness.press(.tab)
        harness.press(.tab)
        guard case .directory(let panel)? = harness.state.overlay else { Issue.record("no panel"); return }
        #expect(panel.categories[panel.category] == "Development")
        #expect(panel.matches.allSatisfy { $0.category == "Development" })
        harness.type("sentry")
        harness.press(.enter)
        #expect(harness.lines().joined(separator: "\n").contains("https://mcp.sentry.dev/mcp"))
        harness.press(.char("i"))
        let sentry = Self.shipped.entries.first { $0.name == "sentry" }!
        #expect(harness.takeEffects() == [.installConnector(sentry, conversation: 1)])
        #expect(harness.state.connectorUses["sentry"] == .on)
    }

    @Test func aFailedLoadIsShownInThePanel() {
        var harness = Harness(width: 80, height: 16)
        harness.type("/directory")
        harness.press(.enter)
        harness.send(.directoryLoaded(.failure(.missing("/x.json"))))
        #expect(harness.lines().joined().contains("Could not load the connectors directory: the file /x.json does not exist."))
    }
}
