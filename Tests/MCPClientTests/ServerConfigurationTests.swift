import Foundation
import Testing
@testable import MCPClient

@Suite struct ServerConfigurationTests {
    @Test func parsesTheStandardShape() throws {
        let json = """
            {"mcpServers": {
              "files": {"command": "npx", "args": ["-y", "server"], "env": {"KEY": "v"}},
              "linear": {"url": "https://mcp.linear.app/mcp", "headers": {"X-A": "b"}}
            }}
            """
        let servers = try ServerConfiguration.parse(json: Data(json.utf8))
        #expect(servers.map(\.name) == ["files", "linear"])
        #expect(servers[0].transport == .stdio(command: "npx", arguments: ["-y", "server"], environment: ["KEY": "v"], workingDirectory: nil))
        #expect(servers[1].transport == .http(url: URL(string: "https://mcp.linear.app/mcp")!, headers: ["X-A": "b"]))
    }

    @Test func rejectsEntriesWithoutCommandOrURL() {
        #expect(throws: ServerConfigurationError.invalidEntry(name: "x", reason: "needs a \"command\" or a \"url\"")) {
            try ServerConfiguration.parse(json: Data(#"{"mcpServers": {"x": {}}}"#.utf8))
        }
        #expect(throws: ServerConfigurationError.self) {
            try ServerConfiguration.parse(json: Data(#"{"mcpServers": {"x": {"url": "ftp://a"}}}"#.utf8))
        }
    }
}
