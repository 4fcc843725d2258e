import ConnectorRegistry
import Foundation
import MCPClient
import Testing
@testable import LiveSession

/// The directory's policy marks: the configuration an entry would install, judged by the real
/// `ConnectorPolicy` as any connector is (curated entries as directory installs, registry ones as custom).
@Suite struct PolicyMarksTests {
    static let infobip = RegistryEntry(server: RegistryServer(name: "com.infobip/mcp", version: "1.0.0", remotes: [
        RegistryServer.Remote(type: "streamable-http", url: "https://mcp.infobip.com/sms",
                              headers: [.init(name: "Authorization", isRequired: true, isSecret: true)]),
    ]))

    @Test func curatedEntriesAreJudgedByTheirAddress() {
        let policy = ConnectorPolicy(deny: ["https://mcp.sentry.dev/*"], source: "policy.json")
        let blocked = ChatSession.blockedEntries(DirectoryTests.shipped, policy: policy)
        #expect(blocked.keys.sorted() == ["sentry"])
        #expect(blocked["sentry"]?.contains("matches “https://mcp.sentry.dev/*”") == true)
        #expect(ChatSession.blockedEntries(DirectoryTests.shipped, policy: ConnectorPolicy(allowCustomConnectors: false)).isEmpty,
                "curated entries are not custom")
    }

    @Test func registryEntriesAreCustomAndJudgedByTheirURL() {
        #expect(ChatSession.blockReason(Self.infobip, policy: ConnectorPolicy()) == nil)
        #expect(ChatSession.blockReason(Self.infobip, policy: ConnectorPolicy(allowCustomConnectors: false))?.contains("custom connectors are not allowed") == true)
        #expect(ChatSession.blockReason(Self.infobip, policy: ConnectorPolicy(deny: ["https://*.infobip.com/*"]))?.contains("infobip.com") == true)
        #expect(ChatSession.blockReason(Self.infobip, policy: ConnectorPolicy(allow: ["https://mcp.linear.app/*"]))?.contains("not on the allowed list") == true)
    }
}
