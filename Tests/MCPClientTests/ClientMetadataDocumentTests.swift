import Foundation
import Testing
import TestSupport
@testable import MCPClient

/// chattui signing in to fastmcp's authorization server (PyPI's fastmcp, its OAuthProxy with client ID
/// metadata documents on, in front of the Python SDK's authorization server) as `chattui mcp login` is run,
/// with the document shipped in docs/ published over https from a test host. fastmcp's SSRF guard fetches
/// documents only from public addresses, so `Peers/cimd_namespace.sh` runs it all in a network namespace
/// of its own (root only, as the tests run).
@Suite(.timeLimit(.minutes(3))) struct ClientMetadataDocumentTests {
    let folder = TemporaryDirectory()

    @Test(.enabled(if: getuid() == 0, "a network namespace needs root"))
    func fastmcpKnowsChattuiByItsClientMetadataDocument() throws {
        let script = Peers.root.appendingPathComponent("Tests/MCPClientTests/Peers/cimd_namespace.sh").path
        let run = try Spawn.run([script, folder.url.path, BuiltBinary.chattui.path, Peers.root.path])
        #expect(run.status == 0, "\(run.output)")
        let document = "https://chattui-client.example/chattui/oauth-client-metadata.json"
        #expect(run.output.contains("client_id=\(document)"), "config.toml's [oauth] client_metadata_url is the client ID")
        #expect(run.output.contains("Signed in to secure."))
        #expect(run.output.contains("secure: http://127.0.0.1:8000/mcp (http) - ✓ ready (1 tool)"))
        let credentials = try #require(TokenStore(directory: folder.url.appendingPathComponent("state/chattui/auth")).load("secure"))
        #expect(credentials.clientID == document && credentials.authMethod == "none", "nothing was registered")
        #expect(credentials.refreshToken != nil)
    }
}
