import Foundation
import Testing
import TestSupport
@testable import MCPClient

@Suite struct ConnectorPolicyTests {
    static let linear = ServerConfiguration(name: "linear", transport: .http(url: URL(string: "https://mcp.linear.app/mcp")!, headers: [:]))
    static let mine = ServerConfiguration(name: "mine", transport: .stdio(command: "/usr/bin/my-server", arguments: [], environment: [:], workingDirectory: nil))

    @Test func patternsMatchNamesAndAddresses() {
        #expect(ConnectorPolicy.matches("https://mcp.linear.app/*", "https://mcp.linear.app/mcp"))
        #expect(ConnectorPolicy.matches("*linear*", "https://mcp.linear.app/mcp"))
        #expect(ConnectorPolicy.matches("linear", "linear"))
        #expect(!ConnectorPolicy.matches("linear", "linear2"))
        #expect(!ConnectorPolicy.matches("https://*.example.com/*", "https://mcp.linear.app/mcp"))
        #expect(ConnectorPolicy.matches("*", "anything"))
    }

    @Test func denyWinsAllowListsLimitAndCustomCanBeForbidden() {
        #expect(ConnectorPolicy().blockReason(Self.linear, isCustom: false) == nil, "no policy, nothing blocked")
        let deny = ConnectorPolicy(allow: ["*"], deny: ["https://mcp.linear.app/*"], source: "/etc/chattui/policy.json")
        #expect(deny.blockReason(Self.linear, isCustom: false) == "blocked by policy: matches “https://mcp.linear.app/*” (/etc/chattui/policy.json)")
        let allow = ConnectorPolicy(allow: ["linear"])
        #expect(allow.blockReason(Self.linear, isCustom: false) == nil)
        #expect(allow.blockReason(Self.mine, isCustom: true)?.contains("not on the allowed list") == true)
        let noCustom = ConnectorPolicy(allowCustomConnectors: false)
        #expect(noCustom.blockReason(Self.mine, isCustom: true)?.contains("custom connectors are not allowed") == true)
        #expect(noCustom.blockReason(Self.linear, isCustom: false) == nil)
    }

    @Test func theFileIsReadFromTheEnvironmentsPathAndAnUnreadableOneBlocksEverything() throws {
        let folder = TemporaryDirectory()
        let file = folder.url.appendingPathComponent("policy.json")
        try #"{"deny": ["mine"], "allowCustomConnectors": false, "allowExportingConnectorContent": false}"#.write(to: file, atomically: true, encoding: .utf8)
        let policy = ConnectorPolicy.load(environment: ["CHATTUI_POLICY_FILE": file.path])
        #expect(policy.deny == ["mine"] && !policy.allowCustomConnectors && !policy.allowExportingConnectorContent)
        try "{ not json".write(to: file, atomically: true, encoding: .utf8)
        let broken = ConnectorPolicy.load(environment: ["CHATTUI_POLICY_FILE": file.path])
        #expect(broken.blockReason(Self.linear, isCustom: false)?.contains("unreadable") == true)
        #expect(ConnectorPolicy.load(environment: ["CHATTUI_POLICY_FILE": folder.url.appendingPathComponent("none.json").path]) == ConnectorPolicy())
    }
}
