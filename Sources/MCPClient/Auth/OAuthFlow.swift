import CCrypto
import Foundation
import HTTPStreaming

/// Why signing in failed, in words for the person.
public enum SignInError: Error, Equatable, Sendable, CustomStringConvertible {
    case discovery(String)
    case refused(String)
    case badRedirect(String)
    case network(String)
    case needsClient(String)

    public var description: String {
        switch self {
        case .discovery(let reason): return "Could not find how to sign in: \(reason)"
        case .refused(let reason): return "The sign-in server refused: \(reason)"
        case .badRedirect(let reason): return "The sign-in did not come back right: \(reason)"
        case .network(let reason): return "Could not reach the sign-in server: \(reason)"
        case .needsClient(let reason): return reason
        }
    }
}

/// The MCP authorization flow (2025-11-25): protected resource metadata (RFC 9728),
/// authorization server metadata (RFC 8414, with the OpenID fallbacks), dynamic client
/// registration (RFC 7591) or a configured client, authorization code with PKCE S256,
/// `state` checked, `resource` (RFC 8707) on every request, refresh with rotation.
public struct OAuthFlow: Sendable {
    public struct Server: Sendable, Equatable {
        public var resource: String
        public var issuer: String
        public var authorizationEndpoint: URL
        public var tokenEndpoint: URL
        public var registrationEndpoint: URL?
        public var scopes: [String]
        public var authMethods: [String]
    }

    /// An authorization in progress: the URL to open, and what checks the redirect.
    public struct Pending: Sendable {
        public var authorizationURL: URL
        public var state: String
        public var verifier: String
        public var redirectURI: String
        public var server: Server
        public var clientID: String
        public var clientSecret: String?
        public var authMethod: String
    }

    let resourceURL: URL
    /// How long one request to the resource or authorization server may take.
    let requestTimeout: Duration

    public init(resourceURL: URL, requestTimeout: Duration = .seconds(20)) {
        self.resourceURL = resourceURL
        self.requestTimeout = requestTimeout
    }

    // MARK: Discovery

    /// The server's 401 challenge: where its metadata is and which scopes it wants.
    public static func challenge(_ header: String?) -> (metadata: URL?, scope: String?) {
        guard let header else { return (nil, nil) }
        func parameter(_ name: String) -> String? {
            guard let range = header.range(of: "\(name)=\"") else { return nil }
            let rest = header[range.upperBound...]
            return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
        }
        return (parameter("resource_metadata").flatMap(URL.init(string:)), parameter("scope"))
    }

    /// Finds the resource's authorization server, checking that the metadata speaks for this resource.
    public func discover() async throws(SignInError) -> Server {
        let probe = try await request("POST", resourceURL, headers: ["content-type": "application/json", "accept": "application/json, text/event-stream"],
                                      body: Data(#"{"jsonrpc":"2.0","id":0,"method":"ping"}"#.utf8))
        let (headerURL, challengeScope) = Self.challenge(probe.headers["www-authenticate"])
        let path = resourceURL.path == "/" ? "" : resourceURL.path
        let origin = Self.origin(resourceURL)
        var candidates = [headerURL].compactMap { $0 }
        candidates += [URL(string: origin + "/.well-known/oauth-protected-resource" + path), URL(string: origin + "/.well-known/oauth-protected-resource")].compactMap { $0 }
        var metadata: [String: Any]?
        for candidate in candidates {
            if let json = try? await json(candidate) { metadata = json; break }
        }
        guard let metadata else { throw .discovery("\(resourceURL.absoluteString) publishes no protected resource metadata") }
        guard let resource = metadata["resource"] as? String, Self.sameResource(resource, resourceURL) else {
            throw .discovery("its metadata names another resource (\(metadata["resource"] as? String ?? "none")), so it is not trusted")
        }
        guard let issuer = (metadata["authorization_servers"] as? [String])?.first, let issuerURL = URL(string: issuer) else {
            throw .discovery("its metadata names no authorization server")
        }
        let server = try await authorizationServer(issuerURL)
        var scopes = challengeScope.map { $0.split(separator: " ").map(String.init) } ?? []
        if scopes.isEmpty { scopes = metadata["scopes_supported"] as? [String] ?? [] }
        return Server(resource: resource, issuer: issuer, authorizationEndpoint: server.authorization, tokenEndpoint: server.token,
                      registrationEndpoint: server.registration, scopes: scopes, authMethods: server.methods)
    }

    private func authorizationServer(_ issuer: URL) async throws(SignInError) -> (authorization: URL, token: URL, registration: URL?, methods: [String]) {
        let origin = Self.origin(issuer)
        let path = issuer.path == "/" ? "" : issuer.path
        let candidates = path.isEmpty
            ? [origin + "/.well-known/oauth-authorization-server", origin + "/.well-known/openid-configuration"]
            : [origin + "/.well-known/oauth-authorization-server" + path, origin + "/.well-known/openid-configuration" + path,
               origin + path + "/.well-known/openid-configuration"]
        for candidate in candidates.compactMap(URL.init(string:)) {
            guard let json = try? await json(candidate) else { continue }
            guard let authorization = (json["authorization_endpoint"] as? String).flatMap(URL.init(string:)),
                  let token = (json["token_endpoint"] as? String).flatMap(URL.init(string:)) else { continue }
            guard (json["code_challenge_methods_supported"] as? [String] ?? []).contains("S256") else {
                throw .discovery("the authorization server \(issuer.absoluteString) does not offer PKCE S256, which MCP requires; chattui will not sign in without it")
            }
            return (authorization, token, (json["registration_endpoint"] as? String).flatMap(URL.init(string:)),
                    json["token_endpoint_auth_methods_supported"] as? [String] ?? ["client_secret_basic"])
        }
        throw .discovery("no authorization server metadata at \(issuer.absoluteString)")
    }

    // MARK: Authorization

    /// Registers a client (unless one is configured) and builds the authorization URL.
    /// The scopes to ask for: what the server names, what was granted before, and what a 403 asked for
    /// (the union, so stepping up never loses access). Refused after `stepUpLimit` step-ups in a row.
    public static func scopes(for server: Server, previous: ConnectorCredentials?) throws(SignInError) -> [String] {
        guard let previous, let wanted = previous.wantedScope else { return server.scopes }
        guard (previous.stepUps ?? 0) < stepUpLimit else {
            throw .refused("the server asked for more access \(stepUpLimit) times in a row; giving up (sign out with d and in again)")
        }
        var union = server.scopes
        for scope in ((previous.scope ?? "") + " " + wanted).split(separator: " ").map(String.init) where !union.contains(scope) {
            union.append(scope)
        }
        return union
    }

    public static let stepUpLimit = 3

    /// The whole sign-in, given a way to get the redirect: discovery, scopes (stepping up from
    /// `previous`), authorization, and the tokens, with the step-up count carried on.
    public func signIn(previous: ConnectorCredentials?, redirectURI: String, clientID: String?, clientSecret: String?, authMethod: String?,
                       started: @Sendable (Pending) async -> Void, redirect: @Sendable () async -> String?) async throws(SignInError) -> ConnectorCredentials {
        var server = try await discover()
        server.scopes = try Self.scopes(for: server, previous: previous)
        let pending = try await begin(server, redirectURI: redirectURI, clientID: clientID, clientSecret: clientSecret, authMethod: authMethod)
        await started(pending)
        guard let answer = await redirect() else { throw .badRedirect("none arrived within five minutes") }
        var credentials = try await finish(pending, redirect: answer)
        if previous?.wantedScope != nil { credentials.stepUps = (previous?.stepUps ?? 0) + 1 }
        return credentials
    }

    public func begin(_ server: Server, redirectURI: String, clientID configuredID: String?, clientSecret configuredSecret: String?,
                      authMethod configuredMethod: String? = nil) async throws(SignInError) -> Pending {
        var clientID = configuredID
        var clientSecret = configuredSecret
        var method = configuredMethod
            ?? (configuredSecret == nil ? "none" : (server.authMethods.contains("client_secret_basic") ? "client_secret_basic" : "client_secret_post"))
        if clientID == nil {
            guard let registration = server.registrationEndpoint else {
                throw .needsClient("The server does not register clients itself: enter an OAuth client ID (and secret) for this connector.")
            }
            var body: [String: Any] = ["client_name": "chattui", "redirect_uris": [redirectURI], "grant_types": ["authorization_code", "refresh_token"],
                                       "response_types": ["code"], "token_endpoint_auth_method": "none"]
            if !server.scopes.isEmpty { body["scope"] = server.scopes.joined(separator: " ") }
            let response = try await request("POST", registration, headers: ["content-type": "application/json", "accept": "application/json"],
                                             body: try? JSONSerialization.data(withJSONObject: body))
            guard (200..<300).contains(response.status), let json = Self.object(response.body), let id = json["client_id"] as? String else {
                throw .refused("client registration answered HTTP \(response.status): \(Self.errorText(response))")
            }
            clientID = id
            clientSecret = json["client_secret"] as? String
            method = json["token_endpoint_auth_method"] as? String ?? (clientSecret == nil ? "none" : "client_secret_post")
        }
        let verifier = Self.randomToken(32)
        let state = Self.randomToken(16)
        var components = URLComponents(url: server.authorizationEndpoint, resolvingAgainstBaseURL: false)!
        var query = components.queryItems ?? []
        query += [
            URLQueryItem(name: "response_type", value: "code"), URLQueryItem(name: "client_id", value: clientID),
            URLQueryItem(name: "redirect_uri", value: redirectURI), URLQueryItem(name: "state", value: state),
            URLQueryItem(name: "code_challenge", value: Self.challenge(for: verifier)), URLQueryItem(name: "code_challenge_method", value: "S256"),
            URLQueryItem(name: "resource", value: server.resource),
        ]
        if !server.scopes.isEmpty { query.append(URLQueryItem(name: "scope", value: server.scopes.joined(separator: " "))) }
        components.queryItems = query
        return Pending(authorizationURL: components.url!, state: state, verifier: verifier, redirectURI: redirectURI, server: server,
                       clientID: clientID!, clientSecret: clientSecret, authMethod: method)
    }

    /// Finishes with what the redirect brought back: a full redirect URL, its query, or just the code.
    public func finish(_ pending: Pending, redirect: String) async throws(SignInError) -> ConnectorCredentials {
        let trimmed = redirect.trimmingCharacters(in: .whitespacesAndNewlines)
        var code = trimmed
        if trimmed.contains("=") {
            let query = trimmed.contains("?") ? String(trimmed[trimmed.index(after: trimmed.firstIndex(of: "?")!)...]) : trimmed
            let items = URLComponents(string: "x:?" + query)?.queryItems ?? []
            let value = { (name: String) in items.first { $0.name == name }?.value }
            if let error = value("error") {
                throw .badRedirect("the server said \(error)" + (value("error_description").map { ": \($0)" } ?? ""))
            }
            guard value("state") == pending.state else { throw .badRedirect("its state does not match this sign-in, so it was ignored") }
            guard let found = value("code") else { throw .badRedirect("it carries no code") }
            code = found
        }
        guard !code.isEmpty else { throw .badRedirect("no code was given") }
        let fields = ["grant_type": "authorization_code", "code": code, "redirect_uri": pending.redirectURI,
                      "code_verifier": pending.verifier, "resource": pending.server.resource]
        var credentials = try await token(fields, endpoint: pending.server.tokenEndpoint, clientID: pending.clientID,
                                          secret: pending.clientSecret, method: pending.authMethod, resource: pending.server.resource)
        credentials.tokenEndpoint = pending.server.tokenEndpoint.absoluteString
        return credentials
    }

    /// A fresh access token from the refresh token, keeping a rotated refresh token.
    public static func refresh(_ credentials: ConnectorCredentials) async throws(SignInError) -> ConnectorCredentials {
        guard let refreshToken = credentials.refreshToken, let endpoint = URL(string: credentials.tokenEndpoint) else {
            throw .refused("the sign-in has expired and cannot be renewed; sign in again")
        }
        let flow = OAuthFlow(resourceURL: URL(string: credentials.resource) ?? endpoint)
        var renewed = try await flow.token(["grant_type": "refresh_token", "refresh_token": refreshToken, "resource": credentials.resource],
                                           endpoint: endpoint, clientID: credentials.clientID, secret: credentials.clientSecret,
                                           method: credentials.authMethod, resource: credentials.resource)
        if renewed.refreshToken == nil { renewed.refreshToken = refreshToken }
        return renewed
    }

    private func token(_ fields: [String: String], endpoint: URL, clientID: String, secret: String?, method: String,
                       resource: String) async throws(SignInError) -> ConnectorCredentials {
        var fields = fields
        var headers = ["content-type": "application/x-www-form-urlencoded", "accept": "application/json"]
        switch method {
        case "client_secret_basic":
            let pair = Self.formEncode(clientID) + ":" + Self.formEncode(secret ?? "")
            headers["authorization"] = "Basic " + Data(pair.utf8).base64EncodedString()
            // Also named in the body: some servers (the Python SDK's among them) look for it there.
            fields["client_id"] = clientID
        case "client_secret_post":
            fields["client_id"] = clientID
            fields["client_secret"] = secret ?? ""
        default:
            fields["client_id"] = clientID
        }
        let body = fields.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.formEncode($0.value))" }.joined(separator: "&")
        let response = try await request("POST", endpoint, headers: headers, body: Data(body.utf8))
        guard let json = Self.object(response.body) else {
            throw .refused("the token endpoint answered HTTP \(response.status) with something that is not JSON (\(response.headers["content-type"] ?? "no content type"))")
        }
        guard (200..<300).contains(response.status), let access = json["access_token"] as? String else {
            throw .refused(Self.errorText(response))
        }
        let expiresIn = (json["expires_in"] as? NSNumber)?.doubleValue
        return ConnectorCredentials(accessToken: access, refreshToken: json["refresh_token"] as? String,
                                    expiresAt: expiresIn.map { Date().timeIntervalSince1970 + $0 }, scope: json["scope"] as? String,
                                    tokenEndpoint: endpoint.absoluteString, clientID: clientID, clientSecret: secret, authMethod: method, resource: resource)
    }

    // MARK: Helpers

    private func request(_ method: String, _ url: URL, headers: [String: String] = [:], body: Data? = nil) async throws(SignInError) -> HTTPResponse {
        do {
            return try await CurlRequest.fetch(method, url, headers: headers, body: body, timeout: requestTimeout, maximumBody: 1024 * 1024)
        } catch {
            throw .network("\(url.host ?? url.absoluteString): \(error)")
        }
    }

    private func json(_ url: URL) async throws(SignInError) -> [String: Any] {
        let response = try await request("GET", url, headers: ["accept": "application/json"])
        guard (200..<300).contains(response.status), let object = Self.object(response.body) else {
            throw .discovery("\(url.absoluteString) answered HTTP \(response.status)")
        }
        return object
    }

    static func object(_ data: Data) -> [String: Any]? { (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] }

    static func errorText(_ response: HTTPResponse) -> String {
        guard let json = object(response.body) else { return "HTTP \(response.status)" }
        let error = json["error"] as? String ?? "HTTP \(response.status)"
        return error + ((json["error_description"] as? String).map { ": \($0)" } ?? "")
    }

    static func origin(_ url: URL) -> String {
        "\(url.scheme ?? "https")://\(url.host ?? "")" + (url.port.map { ":\($0)" } ?? "")
    }

    /// The metadata's `resource` must be the connector's URL (ignoring a trailing slash).
    static func sameResource(_ named: String, _ url: URL) -> Bool {
        func normal(_ text: String) -> String { text.hasSuffix("/") ? String(text.dropLast()) : text }
        return normal(named) == normal(url.absoluteString)
    }

    static func formEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// URL-safe base64 of `count` random bytes from the system's CSPRNG.
    static func randomToken(_ count: Int) -> String {
        var bytes = [UInt8](repeating: 0, count: count)
        _ = RAND_bytes(&bytes, Int32(count))
        return base64URL(Data(bytes))
    }

    /// The S256 code challenge: base64url(SHA-256(verifier)).
    static func challenge(for verifier: String) -> String {
        base64URL(Data(Digest.sha256(verifier.utf8)))
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
