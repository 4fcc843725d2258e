import ConnectorMenu
import Foundation
import Testing
import TestSupport
@testable import LiveSession

@Suite struct DirectoryTests {
    static let shipped = try! ConnectorDirectory.parse(Data(contentsOf: ChatSession.shippedCatalogue))

    @Test func theShippedCatalogueHasEveryCategoryAndRealEntries() {
        #expect(Self.shipped.categories == ["Communication", "Files & documents", "Development", "Sales & CRM", "Analytics & data", "Design", "Productivity"])
        for category in Self.shipped.categories { #expect(!Self.shipped.filtered(category: category, query: "").isEmpty, "\(category)") }
        let linear = Self.shipped.entries.first { $0.name == "linear" }
        #expect(linear?.url == "https://mcp.linear.app/mcp" && linear?.auth == "oauth")
        #expect(Self.shipped.entries.filter { $0.transport != "stdio" }.allSatisfy { $0.url?.hasPrefix("https://") == true || $0.url?.hasPrefix("http://127.0.0.1") == true })
        #expect(Set(Self.shipped.entries.map(\.name)).count == Self.shipped.entries.count, "names are unique")
    }

    @Test func aBrokenCatalogueSaysWhereAndWhatToTry() {
        let broken = Data("{\n  \"version\": 1,\n  \"categories\": [\"A\"],\n  \"connectors\": [\n    {\"name\": \"x\",,}\n  ]\n}\n".utf8)
        #expect(throws: DirectoryError.parse(line: 5, reason: "not valid JSON")) { try ConnectorDirectory.parse(broken) }
        #expect(DirectoryError.parse(line: 5, reason: "not valid JSON").description.contains("line 5"))
        let missingField = Data(#"{"version": 1, "categories": ["A"], "connectors": [{"name": "x"}]}"#.utf8)
        #expect(throws: DirectoryError.self) { try ConnectorDirectory.parse(missingField) }
    }

    @Test func aMissingFileOrAnUnreachableURLIsReported() async {
        let missing = await ChatSession.directory(from: "/nonexistent/catalogue.json")
        #expect(missing == .failure(.missing("/nonexistent/catalogue.json")))
        let unreachable = await ChatSession.directory(from: "http://127.0.0.1:\(freeLocalPort())/catalogue.json")
        guard case .failure(.network(let reason)) = unreachable else { Issue.record("\(unreachable)"); return }
        #expect(reason.contains("127.0.0.1 refused the connection"), "the cause is named: \(reason)")
    }
}
