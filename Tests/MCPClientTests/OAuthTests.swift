import Foundation
import HTTPStreaming
import MCP
import Testing
import TestSupport
@testable import MCPClient

/// Sign-in against an OAuth-protected MCP server built with the Python `mcp` SDK's
/// authorization support (its authorization server and resource server). The browser
/// step is a test client that follows the authorization URL and delivers the redirect.
@Suite(.serialized, .timeLimit(.minutes(2))) struct OAuthTests {
    let folder = TemporaryDirectory()

    func server(tokenSeconds: Int = 3600, stepUp: Bool = false) throws -> LocalServer {
        let port = freeLocalPort()
        let script = URL(fileURLWithPath: Peers.peerScript).deletingLastPathComponent().appendingPathComponent("oauth_server.py").path
        return try LocalServer([Peers.python, script, String(port), "--token-seconds", String(tokenSeconds)] + (stepUp ? ["--step-up"] : []), port: port)
    }

    /// What a browser does: open the authorization URL (the server approves at once) and come back with the redirect.
    static func browse(_ url: URL) async throws -> String {
        let response = try await CurlRequest.fetch("GET", url)
        return try #require(response.headers["location"], "the authorization server redirected (HTTP \(response.status))")
    }

    func signIn(_ resource: URL) async throws -> (OAuthFlow, OAuthFlow.Pending, String) {
        let flow = OAuthFlow(resourceURL: resource)
        let server = try await flow.discover()
        #expect(server.scopes == ["mcp"])
        let pending = try await flow.begin(server, redirectURI: "http://127.0.0.1:1/callback")
        let query = URLComponents(url: pending.authorizationURL, resolvingAgainstBaseURL: false)?.queryItems ?? []
        #expect(query.contains(URLQueryItem(name: "code_challenge_method", value: "S256")))
        #expect(query.contains(URLQueryItem(name: "resource", value: resource.absoluteString)))
        return (flow, pending, try await Self.browse(pending.authorizationURL))
    }

    @Test func signInFromTheCommandLineThenLogout() async throws {
        let oauth = try server()
        let environment = ["XDG_CONFIG_HOME": folder.url.appendingPathComponent("config").path, "XDG_STATE_HOME": folder.url.appendingPathComponent("state").path]
        func chattui(_ arguments: String...) throws -> Spawn.Result { try Spawn.run([BuiltBinary.chattui.path] + arguments, environment: environment) }
        #expect(try chattui("mcp", "add", "--transport", "http", "secure", "http://127.0.0.1:\(oauth.port)/mcp").status == 0)
        #expect(try chattui("mcp", "list").output.contains("secure: http://127.0.0.1:\(oauth.port)/mcp (http) - ✗ needs sign-in"))

        let output = folder.url.appendingPathComponent("login.txt")
        let login = try Spawn.start([BuiltBinary.chattui.path, "mcp", "login", "secure", "--no-browser", "--port", "0"], environment: environment, output: output.path)
        var url: URL?
        for _ in 0..<200 where url == nil {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            url = text.split(whereSeparator: \.isWhitespace).first { $0.hasPrefix("http://127.0.0.1:\(oauth.port)/authorize?") }.flatMap { URL(string: String($0)) }
            if url == nil { try await Task.sleep(for: .milliseconds(50)) }
        }
        let redirect = try await Self.browse(try #require(url))
        _ = try await CurlRequest.fetch("GET", try #require(URL(string: redirect)))
        var status: Int32 = 0
        waitpid(login, &status, 0)
        #expect(status == 0, "\((try? String(contentsOf: output, encoding: .utf8)) ?? "")")
        let tokens = folder.url.appendingPathComponent("state/chattui/auth/secure.json")
        let mode = try FileManager.default.attributesOfItem(atPath: tokens.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try chattui("mcp", "list").output.contains("secure: http://127.0.0.1:\(oauth.port)/mcp (http) - ✓ ready (1 tool)"))
        let logs = try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("state/chattui/logs").path)
        let token = try #require(TokenStore(directory: tokens.deletingLastPathComponent()).load("secure")?.accessToken)
        for log in logs {
            let text = try String(contentsOfFile: folder.url.appendingPathComponent("state/chattui/logs/\(log)").path, encoding: .utf8)
            #expect(!text.contains(token), "tokens never reach a log")
        }

        #expect(try chattui("mcp", "logout", "secure").output.contains("Signed out of secure."))
        #expect(!FileManager.default.fileExists(atPath: tokens.path))
        #expect(try chattui("mcp", "list").output.contains("needs sign-in"))

        // Removing a connector deletes its tokens too.
        let leftover = ConnectorCredentials(accessToken: "at", refreshToken: nil, expiresAt: nil, scope: nil, tokenEndpoint: "http://127.0.0.1/token",
                                            clientID: "c", clientSecret: nil, authMethod: "none", resource: "http://127.0.0.1/mcp")
        try TokenStore(directory: tokens.deletingLastPathComponent()).save(leftover, for: "secure")
        #expect(try chattui("mcp", "remove", "secure").status == 0)
        #expect(!FileManager.default.fileExists(atPath: tokens.path))
    }

    /// A sign-in token goes to the server it was issued for and nowhere else: not to a connector whose
    /// name differs only in punctuation (they once shared one token file), not to a connector whose address
    /// changed. `mcp add` takes only the names the interface's forms take.
    @Test func aTokenReachesOnlyItsOwnConnectorsServer() async throws {
        let oauth = try server()
        let markers = folder.url.appendingPathComponent("markers")
        try FileManager.default.createDirectory(at: markers, withIntermediateDirectories: true)
        let otherPort = freeLocalPort()
        let other = try LocalServer([Peers.python, Peers.rawHTTPScript, String(otherPort), "unauthorized"], port: otherPort,
                                    environment: ["PEER_MARKER_DIR": markers.path])
        let state = folder.url.appendingPathComponent("state")
        let environment = ["XDG_CONFIG_HOME": folder.url.appendingPathComponent("config").path, "XDG_STATE_HOME": state.path]
        func chattui(_ arguments: String...) throws -> Spawn.Result { try Spawn.run([BuiltBinary.chattui.path] + arguments, environment: environment) }
        #expect(try chattui("mcp", "add", "--transport", "http", "sec_", "http://127.0.0.1:\(oauth.port)/mcp").status == 0)
        let refused = try chattui("mcp", "add", "--transport", "http", "sec!", "http://127.0.0.1:\(otherPort)/mcp")
        #expect(refused.status != 0 && refused.output.contains("letters, digits, - and _ only"), "\(refused.output)")
        #expect(try chattui("mcp", "add", "--transport", "http", "remote", "http://example.com/mcp").output.contains("use https"))

        // Signed in to sec_; then `sec!` (written in the person's own file) and `moved` (sec_'s token under
        // a name whose address is another server's) both point at the recording server.
        let resource = URL(string: "http://127.0.0.1:\(oauth.port)/mcp")!
        let (flow, pending, redirect) = try await signIn(resource)
        let credentials = try await flow.finish(pending, redirect: redirect)
        let tokens = TokenStore(directory: state.appendingPathComponent("chattui/auth"))
        try tokens.save(credentials, for: "sec_")
        try tokens.save(credentials, for: "moved")
        let file = folder.url.appendingPathComponent("config/chattui/connectors.json")
        var json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        var servers = json["mcpServers"] as? [String: Any] ?? [:]
        servers["sec!"] = ["type": "http", "url": "http://127.0.0.1:\(otherPort)/mcp"]
        servers["moved"] = ["type": "http", "url": "http://127.0.0.1:\(otherPort)/mcp"]
        json["mcpServers"] = servers
        try JSONSerialization.data(withJSONObject: json).write(to: file)

        let list = try chattui("mcp", "list").output
        #expect(list.contains("sec_: http://127.0.0.1:\(oauth.port)/mcp (http) - ✓ ready"), "\(list)")
        #expect(list.contains("sec!: http://127.0.0.1:\(otherPort)/mcp (http) - ✗ needs sign-in"), "\(list)")
        #expect(!FileManager.default.fileExists(atPath: markers.appendingPathComponent("authorization").path),
                "the other server was sent a bearer token")
        let logs = try FileManager.default.contentsOfDirectory(atPath: state.appendingPathComponent("chattui/logs").path)
        #expect(Set(logs).isSuperset(of: ["sec_.log", "sec%21.log", "moved.log"]), "each connector keeps its own log: \(logs)")
        _ = other
    }

    @Test func badRedirectsEndTheAttemptClearly() async throws {
        let oauth = try server()
        let resource = URL(string: "http://127.0.0.1:\(oauth.port)/mcp")!
        let (flow, pending, redirect) = try await signIn(resource)
        await #expect(throws: SignInError.badRedirect("its state does not match this sign-in, so it was ignored")) {
            _ = try await flow.finish(pending, redirect: redirect.replacingOccurrences(of: "state=", with: "state=x"))
        }
        await #expect(throws: SignInError.badRedirect("the server said access_denied: the person said no")) {
            _ = try await flow.finish(pending, redirect: "http://127.0.0.1:1/callback?error=access_denied&error_description=the%20person%20said%20no&state=\(pending.state)")
        }
        // A code issued to another client is refused by the token endpoint.
        let (_, other, otherRedirect) = try await signIn(resource)
        let otherCode = try #require(URLComponents(string: otherRedirect)?.queryItems?.first { $0.name == "code" }?.value)
        await #expect(throws: SignInError.self) { _ = try await flow.finish(pending, redirect: otherCode) }
        // The right code, pasted alone, still works afterwards: the connector stays usable by signing in again.
        let code = try #require(URLComponents(string: redirect)?.queryItems?.first { $0.name == "code" }?.value)
        let credentials = try await flow.finish(pending, redirect: code)
        #expect(credentials.accessToken.hasPrefix("at_"))
        _ = other
    }

    /// A token within 30 s of its end counts as expired and is renewed before connecting. The server keeps
    /// honouring it for 20 s, so the renewed one outlives a connection on a loaded machine (a 2 s token
    /// could die between `initialize` and `tools/list`, and did).
    @Test func anExpiredTokenIsRenewedAndTheRotatedRefreshTokenKept() async throws {
        let oauth = try server(tokenSeconds: 20)
        let resource = URL(string: "http://127.0.0.1:\(oauth.port)/mcp")!
        let (flow, pending, redirect) = try await signIn(resource)
        let first = try await flow.finish(pending, redirect: redirect)
        let store = TokenStore(directory: folder.url.appendingPathComponent("auth"))
        try store.save(first, for: "secure")
        #expect(store.load("secure")?.isExpired == true)
        let configuration = ServerConfiguration(name: "secure", transport: .http(url: resource, headers: [:]))
        let connection = ServerConnection(configuration: configuration, logDirectory: folder.url.appendingPathComponent("logs"))
        let snapshot = try await connection.open()
        #expect(snapshot.tools.map(\.name) == ["whoami"])
        let renewed = try #require(store.load("secure"))
        #expect(renewed.accessToken != first.accessToken)
        #expect(renewed.refreshToken != first.refreshToken, "the server rotated it and the new one is kept")
        await connection.close()
        // A spent refresh token cannot renew again: the next attempt reports it and the server says "needs sign-in".
        await #expect(throws: SignInError.self) { _ = try await OAuthFlow.refresh(first) }
    }

    @Test func aServerThatAnswersHTMLIsNotAnAuthorizationServer() async throws {
        let port = freeLocalPort()
        let html = try LocalServer([Peers.python, Peers.rawHTTPScript, String(port), "html"], port: port)
        await #expect(throws: SignInError.self) { _ = try await OAuthFlow(resourceURL: URL(string: "http://127.0.0.1:\(html.port)/mcp")!).discover() }
    }

    /// A client registered beforehand (here through the server's own registration endpoint, as an
    /// administrator would), used with each token endpoint authentication method.
    @Test(arguments: ["client_secret_basic", "client_secret_post"])
    func aPreRegisteredClientSignsInWithItsMethod(method: String) async throws {
        let oauth = try server()
        let registration: [String: Any] = ["client_name": "admin-registered", "redirect_uris": ["http://127.0.0.1:1/callback"],
                                           "grant_types": ["authorization_code", "refresh_token"], "response_types": ["code"],
                                           "token_endpoint_auth_method": method]
        let registered = try await CurlRequest.fetch("POST", URL(string: "http://127.0.0.1:\(oauth.port)/register")!,
                                                     headers: ["content-type": "application/json"], body: try JSONSerialization.data(withJSONObject: registration))
        let client = try #require((try JSONSerialization.jsonObject(with: registered.body)) as? [String: Any])
        let id = try #require(client["client_id"] as? String)
        let secret = try #require(client["client_secret"] as? String)
        let resource = URL(string: "http://127.0.0.1:\(oauth.port)/mcp")!
        let flow = OAuthFlow(resourceURL: resource)
        let pending = try await flow.begin(try await flow.discover(), redirectURI: "http://127.0.0.1:1/callback",
                                       client: .init(clientID: id, clientSecret: secret, tokenEndpointAuthMethod: method))
        let credentials = try await flow.finish(pending, redirect: try await Self.browse(pending.authorizationURL))
        #expect(credentials.clientID == id && credentials.authMethod == method)
        // The wrong secret is refused with the server's words.
        let wrong = try await flow.begin(try await flow.discover(), redirectURI: "http://127.0.0.1:1/callback",
                                     client: .init(clientID: id, clientSecret: "nope", tokenEndpointAuthMethod: method))
        await #expect(throws: SignInError.self) { _ = try await flow.finish(wrong, redirect: try await Self.browse(wrong.authorizationURL)) }
    }

    @Test func metadataThatNamesAnotherResourceIsNotTrusted() async throws {
        let oauth = try server()
        // The server's metadata names /mcp; a connector configured at /mcp/ elsewhere sees a different resource.
        let flow = OAuthFlow(resourceURL: URL(string: "http://localhost:\(oauth.port)/mcp")!)
        await #expect(throws: SignInError.discovery("its metadata names another resource (http://127.0.0.1:\(oauth.port)/mcp), so it is not trusted")) {
            _ = try await flow.discover()
        }
    }

    @Test func anAuthorizationServerThatNeverAnswersTimesOutClearly() async throws {
        let port = freeLocalPort()
        let silent = try LocalServer([Peers.python, Peers.rawHTTPScript, String(port), "hang"], port: port)
        let flow = OAuthFlow(resourceURL: URL(string: "http://127.0.0.1:\(silent.port)/mcp")!, requestTimeout: .seconds(1))
        do {
            _ = try await flow.discover()
            Issue.record("a server that never answers cannot be signed in to")
        } catch {
            #expect("\(error)".lowercased().contains("timed out") || "\(error)".lowercased().contains("timeout"), "\(error)")
        }
    }

    @Test func anUnreachableAuthorizationServerIsANetworkError() async throws {
        let flow = OAuthFlow(resourceURL: URL(string: "http://127.0.0.1:\(freeLocalPort())/mcp")!)
        await #expect(throws: SignInError.self) { _ = try await flow.discover() }
    }

    /// A 403 `insufficient_scope` puts the connector at "needs sign-in" with the scope it wants;
    /// signing in again asks for the union, and a server that is never satisfied is given up on.
    @Test func aServerAskingForMoreScopeGetsTheUnionOnTheNextSignIn() async throws {
        let oauth = try server(stepUp: true)
        let resource = URL(string: "http://127.0.0.1:\(oauth.port)/mcp")!
        let store = TokenStore(directory: folder.url.appendingPathComponent("auth"))
        // A token for "mcp" alone, as an earlier sign-in might have left.
        let flow = OAuthFlow(resourceURL: resource)
        var narrow = try await flow.discover()
        narrow.scopes = ["mcp"]
        let pending = try await flow.begin(narrow, redirectURI: "http://127.0.0.1:1/callback")
        try store.save(try await flow.finish(pending, redirect: try await Self.browse(pending.authorizationURL)), for: "secure")

        let manager = ConnectorManager(configurations: [ServerConfiguration(name: "secure", transport: .http(url: resource, headers: [:]))],
                                       logDirectory: folder.url.appendingPathComponent("logs"))
        await manager.start()
        guard case .needsSignIn? = await manager.settled()["secure"] else { Issue.record("expected needs sign-in"); return }
        let previous = try #require(store.load("secure"))
        #expect(previous.wantedScope != nil, "the 403 was remembered (this server names no scope in it, so every listed scope is asked for)")

        let landed = Landed()
        let renewed = try await flow.signIn(previous: previous, redirectURI: "http://127.0.0.1:1/callback", client: .init(),
                                            started: { pending in landed.value = try? await OAuthTests.browse(pending.authorizationURL) },
                                            redirect: { landed.value })
        #expect(Set((renewed.scope ?? "").split(separator: " ")) == ["mcp", "write"])
        #expect(renewed.stepUps == 1)
        try store.save(renewed, for: "secure")
        await manager.reconnect("secure")
        #expect(await manager.settled()["secure"]?.isReady == true)

        var tired = renewed
        tired.wantedScope = "admin"
        tired.stepUps = OAuthFlow.stepUpLimit
        #expect(throws: SignInError.self) { _ = try OAuthFlow.scopes(for: narrow, previous: tired) }
        await manager.shutdown()
    }
}

/// A value handed from one closure to another in a test.
final class Landed: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: String?
    var value: String? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
