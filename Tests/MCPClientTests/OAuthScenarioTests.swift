import Foundation
import HTTPStreaming
import Testing
import TestSupport
@testable import MCPClient

/// The conformance suite's `auth/*` client scenarios (modelcontextprotocol/conformance), each against
/// `Peers/oauth_scenario_server.py`: the Python SDK's MCP server behind a scripted authorization server
/// that bends one rule per scenario and records what chattui sent. A scenario passes as there: the
/// sign-in completes (or is refused) and the tools are listed with the token.
@Suite(.serialized, .timeLimit(.minutes(3))) struct OAuthScenarioTests {
    let folder = TemporaryDirectory()
    static let documentURL = "https://conformance-test.local/client-metadata.json"

    /// The scenario's peer; its resource is `/mcp`.
    final class Scenario {
        let server: LocalServer
        var base: String { "http://127.0.0.1:\(server.port)" }
        var resource: URL { URL(string: base + "/mcp")! }

        init(_ name: String) throws {
            let port = freeLocalPort()
            let script = URL(fileURLWithPath: Peers.peerScript).deletingLastPathComponent().appendingPathComponent("oauth_scenario_server.py").path
            server = try LocalServer([Peers.python, script, String(port), name], port: port)
        }

        /// What the peer saw: `paths`, `registrations`, `authorizations`, `tokens`.
        func record() async throws -> [String: Any] {
            let response = try await CurlRequest.fetch("GET", URL(string: base + "/_record")!)
            return try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
        }

        func records(_ kind: String) async throws -> [[String: String]] {
            (try await record()[kind] as? [[String: Any]] ?? []).map { $0.compactMapValues { $0 as? String } }
        }
    }

    var store: TokenStore { TokenStore(directory: folder.url.appendingPathComponent("auth")) }

    /// Signs in as `chattui mcp login` does, the browser being a client that follows the redirect.
    func signIn(_ scenario: Scenario, client: OAuthFlow.ClientSettings = .init(), previous: ConnectorCredentials? = nil,
                landing: @escaping @Sendable (String) -> String = { $0 }) async throws -> ConnectorCredentials {
        let landed = Landed()
        return try await OAuthFlow(resourceURL: scenario.resource).signIn(
            previous: previous, redirectURI: "http://127.0.0.1:1/callback", client: client,
            started: { pending in landed.value = (try? await OAuthTests.browse(pending.authorizationURL)).map(landing) },
            redirect: { landed.value })
    }

    /// Keeps the sign-in and connects as chattui does; the manager is left running for the caller.
    func connect(_ scenario: Scenario, _ credentials: ConnectorCredentials) async throws -> ConnectorManager {
        try store.save(credentials, for: "secure")
        let manager = ConnectorManager(configurations: [ServerConfiguration(name: "secure", transport: .http(url: scenario.resource, headers: [:]))],
                                       logDirectory: folder.url.appendingPathComponent("logs"))
        await manager.start()
        _ = await manager.settled()
        return manager
    }

    func signInAndConnect(_ scenario: Scenario, client: OAuthFlow.ClientSettings = .init()) async throws {
        let manager = try await connect(scenario, try await signIn(scenario, client: client))
        #expect(await manager.settled()["secure"]?.isReady == true, "the token lists the tools")
        await manager.shutdown()
    }

    @Test("auth/metadata-default and its variants", arguments: [
        ("metadata-default", "/.well-known/oauth-authorization-server"), ("metadata-var1", "/.well-known/openid-configuration"),
        ("metadata-var2", "/.well-known/oauth-authorization-server/tenant1"), ("metadata-var3", "/tenant1/.well-known/openid-configuration"),
    ])
    func metadataDiscovery(scenario name: String, metadataPath: String) async throws {
        let scenario = try Scenario(name)
        try await signInAndConnect(scenario)
        let paths = try #require(try await scenario.record()["paths"] as? [String])
        #expect(paths.contains(metadataPath))
        if name == "metadata-default" {
            #expect(!paths.contains("/.well-known/oauth-protected-resource"), "the challenge named the path-based metadata; the root one is not asked")
        }
        if name == "metadata-var2" || name == "metadata-var3" {
            #expect(!paths.contains("/.well-known/oauth-authorization-server"), "an issuer with a path is not looked up at the root")
        }
        #expect(try await scenario.records("registrations").count == 1)
    }

    @Test("auth/basic-cimd") func basicCIMD() async throws {
        let scenario = try Scenario("basic-cimd")
        try await signInAndConnect(scenario, client: .init(clientMetadataURL: Self.documentURL))
        #expect(try await scenario.records("authorizations").map { $0["client_id"] } == [Self.documentURL])
        #expect(try await scenario.records("tokens").map { $0["client_id"] } == [Self.documentURL])
        #expect(try await scenario.records("registrations").isEmpty, "a client identified by its document registers nothing")
        // A server that does not take documents gets a registered client instead.
        let plain = try Scenario("metadata-default")
        try await signInAndConnect(plain, client: .init(clientMetadataURL: Self.documentURL))
        #expect(try await plain.records("registrations").count == 1)
    }

    @Test("auth/pre-registration") func preRegistration() async throws {
        let scenario = try Scenario("pre-registration")
        await #expect(throws: SignInError.needsClient("The server does not register clients itself: enter an OAuth client ID (and secret) for this connector.")) {
            _ = try await signIn(scenario)
        }
        try await signInAndConnect(scenario, client: .init(clientID: "pre-registered-client", clientSecret: "pre-registered-secret"))
        #expect(try await scenario.records("tokens").map { $0["method"] } == ["client_secret_basic"])
    }

    @Test("auth/scope-from-www-authenticate") func scopeFromWWWAuthenticate() async throws {
        let scenario = try Scenario("scope-from-www-authenticate")
        try await signInAndConnect(scenario)
        #expect(try await scenario.records("authorizations").map { $0["scope"] } == ["mcp:basic"])
    }

    @Test("auth/scope-from-scopes-supported") func scopeFromScopesSupported() async throws {
        let scenario = try Scenario("scope-from-scopes-supported")
        try await signInAndConnect(scenario)
        #expect(try await scenario.records("authorizations").map { $0["scope"] } == ["mcp:basic mcp:read mcp:write"])
    }

    @Test("auth/scope-omitted-when-undefined") func scopeOmittedWhenUndefined() async throws {
        let scenario = try Scenario("scope-omitted-when-undefined")
        try await signInAndConnect(scenario)
        let authorizations = try await scenario.records("authorizations")
        #expect(authorizations.count == 1 && authorizations.allSatisfy { $0["scope"] == nil })
        #expect(try await scenario.records("registrations").allSatisfy { $0["scope"] == nil })
    }

    /// tools/list needs mcp:basic, tools/call mcp:write: the call's 403 asks for the union on the next sign-in.
    @Test("auth/scope-step-up") func scopeStepUp() async throws {
        let scenario = try Scenario("scope-step-up")
        let manager = try await connect(scenario, try await signIn(scenario))
        #expect(await manager.settled()["secure"]?.isReady == true)
        let whoami = try #require(await manager.tools().first { $0.tool.name == "whoami" })
        await #expect(throws: HTTPTransportError.self) { _ = try await manager.callTool(id: whoami.id, arguments: [:]) }
        guard case .needsSignIn? = await manager.settled()["secure"] else { Issue.record("a 403 on a call asks for sign-in"); return }
        try store.save(try await signIn(scenario, previous: store.load("secure")), for: "secure")
        #expect(try await scenario.records("authorizations").map { $0["scope"] } == ["mcp:basic", "mcp:basic mcp:write"])
        await manager.reconnect("secure")
        #expect(await manager.settled()["secure"]?.isReady == true)
        let result = try await manager.callTool(id: whoami.id, arguments: [:])
        #expect(result.isError != true)
        await manager.shutdown()
    }

    /// A server that answers every token with 403 gets three authorizations in all, then a refusal that says why.
    @Test("auth/scope-retry-limit") func scopeRetryLimit() async throws {
        let scenario = try Scenario("scope-retry-limit")
        var refusal: SignInError?
        for _ in 0..<6 where refusal == nil {
            do {
                let manager = try await connect(scenario, try await signIn(scenario, previous: store.load("secure")))
                guard case .needsSignIn? = await manager.settled()["secure"] else { Issue.record("every token is refused"); return }
                await manager.shutdown()
            } catch let error as SignInError {
                refusal = error
            }
        }
        #expect(refusal?.description.contains("asked for more access") == true, "\(String(describing: refusal))")
        #expect(try await scenario.records("authorizations").count == OAuthFlow.stepUpLimit)
    }

    @Test("auth/token-endpoint-auth-basic|post|none", arguments: [
        ("token-endpoint-auth-basic", "client_secret_basic"), ("token-endpoint-auth-post", "client_secret_post"), ("token-endpoint-auth-none", "none"),
    ])
    func tokenEndpointAuth(scenario name: String, method: String) async throws {
        let scenario = try Scenario(name)
        try await signInAndConnect(scenario)
        let tokens = try await scenario.records("tokens")
        #expect(tokens.map { $0["method"] } == [method])
        #expect(tokens.map { $0["resource"] } == [scenario.resource.absoluteString])
        #expect(try await scenario.records("authorizations").map { $0["resource"] } == [scenario.resource.absoluteString])
    }

    @Test("auth/resource-mismatch") func resourceMismatch() async throws {
        let scenario = try Scenario("resource-mismatch")
        await #expect(throws: SignInError.discovery("its metadata names another resource (https://evil.example.com/mcp), so it is not trusted")) {
            _ = try await signIn(scenario)
        }
        #expect(try await scenario.records("registrations").isEmpty)
        #expect(try await scenario.records("authorizations").isEmpty)
    }

    @Test("auth/offline-access-scope") func offlineAccessScope() async throws {
        let scenario = try Scenario("offline-access-scope")
        try await signInAndConnect(scenario)
        #expect(try await scenario.records("authorizations").map { $0["scope"] } == ["mcp:basic offline_access"])
        let registration = try #require(try await scenario.record()["registrations"] as? [[String: Any]]).first
        #expect((registration?["grant_types"] as? [String])?.contains("refresh_token") == true)
    }

    @Test("auth/offline-access-not-supported") func offlineAccessNotSupported() async throws {
        let scenario = try Scenario("offline-access-not-supported")
        try await signInAndConnect(scenario)
        #expect(try await scenario.records("authorizations").map { $0["scope"] } == ["mcp:basic mcp:read"])
    }

    /// The resource moves to another authorization server: the next sign-in registers there and never
    /// shows it the first server's client.
    @Test("auth/authorization-server-migration") func authorizationServerMigration() async throws {
        let scenario = try Scenario("authorization-server-migration")
        let manager = try await connect(scenario, try await signIn(scenario))
        #expect(await manager.settled()["secure"]?.isReady == true)
        let firstClient = try #require(store.load("secure")?.clientID)
        _ = try await CurlRequest.fetch("POST", URL(string: scenario.base + "/_migrate")!)
        await manager.reconnect("secure")
        guard case .needsSignIn? = await manager.settled()["secure"] else { Issue.record("the old token is refused"); return }
        try store.save(try await signIn(scenario, previous: store.load("secure")), for: "secure")
        await manager.reconnect("secure")
        #expect(await manager.settled()["secure"]?.isReady == true)
        await manager.shutdown()
        let second = scenario.base + "/as2"
        #expect(try await scenario.records("registrations").map { $0["issuer"] } == [scenario.base + "/as1", second])
        for kind in ["authorizations", "tokens"] {
            let atSecond = try await scenario.records(kind).filter { $0["issuer"] == second }
            #expect(!atSecond.isEmpty && atSecond.allSatisfy { $0["client_id"] != firstClient }, "\(kind) at the new server use its own client")
        }
    }

    @Test("auth/iss-*", arguments: [
        ("iss-supported", true), ("iss-not-advertised", true), ("iss-supported-missing", false),
        ("iss-wrong-issuer", false), ("iss-unexpected", false), ("iss-normalized", false),
    ])
    func issuerInRedirect(scenario name: String, accepted: Bool) async throws {
        let scenario = try Scenario(name)
        if accepted {
            try await signInAndConnect(scenario)
        } else {
            await #expect(throws: SignInError.self) { _ = try await signIn(scenario) }
            #expect(try await scenario.records("authorizations").count == 1)
        }
        #expect(try await scenario.records("tokens").count == (accepted ? 1 : 0), "a refused redirect's code is never redeemed")
    }

    /// A server that names itself in redirects cannot be answered with a bare code: the check would be skipped.
    @Test("auth/iss-supported: a pasted code alone") func issuerPromisedButOnlyACodePasted() async throws {
        let scenario = try Scenario("iss-supported")
        await #expect(throws: SignInError.badRedirect("this server names itself in its redirects, so paste the whole address you landed on, not only the code")) {
            _ = try await signIn(scenario, landing: { URLComponents(string: $0)?.queryItems?.first { $0.name == "code" }?.value ?? "" })
        }
    }

    @Test("auth/metadata-issuer-mismatch") func metadataIssuerMismatch() async throws {
        let scenario = try Scenario("metadata-issuer-mismatch")
        await #expect(throws: SignInError.self) { _ = try await signIn(scenario) }
        let paths = try #require(try await scenario.record()["paths"] as? [String])
        #expect(paths.contains("/.well-known/oauth-authorization-server"))
        #expect(!paths.contains { $0.hasPrefix("/mismatched-as") }, "no endpoint of the untrusted metadata was used")
    }
}
