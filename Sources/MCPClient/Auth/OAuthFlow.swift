import CCrypto
import Foundation
import HTTPStreaming
import TerminalText

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

    // MARK: Authorization

    /// How a sign-in identifies chattui: a configured client, else the client ID metadata document's URL
    /// where the server accepts those, else a client registered there and then.
    public typealias ClientSettings = ServerConfiguration.OAuthClientSettings

    /// The scopes to ask for: what the server names, what was granted before, and what a 403 asked for
    /// (the union, so stepping up never loses access). Refused once `stepUpLimit` authorizations in a row,
    /// the first included, all ended in a request for more.
    public static func scopes(for server: Server, previous: ConnectorCredentials?) throws(SignInError) -> [String] {
        guard let previous, let wanted = previous.wantedScope else { return server.scopes }
        guard 1 + (previous.stepUps ?? 0) < stepUpLimit else {
            throw .refused("the server asked for more access \(counted(stepUpLimit, "time")) in a row; giving up (sign out with d and in again)")
        }
        var union = server.scopes
        for scope in ((previous.scope ?? "") + " " + wanted).split(separator: " ").map(String.init) where !union.contains(scope) {
            union.append(scope)
        }
        return union
    }

    public static let stepUpLimit = 3

    /// The whole sign-in, given a way to get the redirect: discovery, scopes (stepping up from
    /// `previous`), authorization, and the tokens, with the step-up count carried on. The client is
    /// chosen afresh for the authorization server discovered now, so one that moved gets a new one.
    public func signIn(previous: ConnectorCredentials?, redirectURI: String, client: ClientSettings,
                       started: @Sendable (Pending) async -> Void, redirect: @Sendable () async -> String?) async throws(SignInError) -> ConnectorCredentials {
        var server = try await discover()
        server.scopes = try Self.scopes(for: server, previous: previous)
        let pending = try await begin(server, redirectURI: redirectURI, client: client)
        await started(pending)
        guard let answer = await redirect() else { throw .badRedirect("none arrived within five minutes") }
        var credentials = try await finish(pending, redirect: answer)
        if previous?.wantedScope != nil { credentials.stepUps = (previous?.stepUps ?? 0) + 1 }
        return credentials
    }

    /// Chooses the client (registering one if need be) and builds the authorization URL.
    public func begin(_ server: Server, redirectURI: String, client settings: ClientSettings = ClientSettings()) async throws(SignInError) -> Pending {
        let client = try await client(for: server, redirectURI: redirectURI, settings: settings)
        let verifier = Self.randomToken(32)
        let state = Self.randomToken(16)
        var components = URLComponents(url: server.authorizationEndpoint, resolvingAgainstBaseURL: false)!
        var query = components.queryItems ?? []
        query += [
            URLQueryItem(name: "response_type", value: "code"), URLQueryItem(name: "client_id", value: client.id),
            URLQueryItem(name: "redirect_uri", value: redirectURI), URLQueryItem(name: "state", value: state),
            URLQueryItem(name: "code_challenge", value: Self.challenge(for: verifier)), URLQueryItem(name: "code_challenge_method", value: "S256"),
            URLQueryItem(name: "resource", value: server.resource),
        ]
        if !server.scopes.isEmpty { query.append(URLQueryItem(name: "scope", value: server.scopes.joined(separator: " "))) }
        components.queryItems = query
        return Pending(authorizationURL: components.url!, state: state, verifier: verifier, redirectURI: redirectURI, server: server,
                       clientID: client.id, clientSecret: client.secret, authMethod: client.method)
    }

    private func client(for server: Server, redirectURI: String, settings: ClientSettings) async throws(SignInError) -> (id: String, secret: String?, method: String) {
        if let id = settings.clientID {
            let secret = settings.clientSecret
            let method = settings.tokenEndpointAuthMethod
                ?? (secret == nil ? "none" : (server.authMethods.contains("client_secret_basic") ? "client_secret_basic" : "client_secret_post"))
            return (id, secret, method)
        }
        // A public client identified by the document it publishes (no secret, nothing to register).
        if let document = settings.clientMetadataURL, server.acceptsClientMetadataDocuments { return (document, nil, "none") }
        guard let registration = server.registrationEndpoint else {
            throw .needsClient("The server does not register clients itself: enter an OAuth client ID (and secret) for this connector.")
        }
        var body: [String: Any] = ["client_name": "chattui", "redirect_uris": [redirectURI], "grant_types": ["authorization_code", "refresh_token"],
                                   "response_types": ["code"], "token_endpoint_auth_method": "none", "application_type": "native"]
        if !server.scopes.isEmpty { body["scope"] = server.scopes.joined(separator: " ") }
        let response = try await request("POST", registration, headers: ["content-type": "application/json", "accept": "application/json"],
                                         body: try? JSONSerialization.data(withJSONObject: body))
        guard (200..<300).contains(response.status), let json = Self.object(response.body), let id = json["client_id"] as? String else {
            throw .refused("client registration answered HTTP \(response.status): \(Self.errorText(response))")
        }
        let secret = json["client_secret"] as? String
        return (id, secret, json["token_endpoint_auth_method"] as? String ?? (secret == nil ? "none" : "client_secret_post"))
    }

    /// Finishes with what the redirect brought back: a full redirect URL, its query, or just the code.
    public func finish(_ pending: Pending, redirect: String) async throws(SignInError) -> ConnectorCredentials {
        let trimmed = redirect.trimmingCharacters(in: .whitespacesAndNewlines)
        var code = trimmed
        if trimmed.contains("=") {
            let query = trimmed.contains("?") ? String(trimmed[trimmed.index(after: trimmed.firstIndex(of: "?")!)...]) : trimmed
            let items = URLComponents(string: "x:?" + query)?.queryItems ?? []
            let value = { (name: String) in items.first { $0.name == name }?.value }
            try Self.checkIssuer(value("iss"), of: pending.server)
            if let error = value("error") {
                throw .badRedirect("the server said \(error)" + (value("error_description").map { ": \($0)" } ?? ""))
            }
            guard value("state") == pending.state else { throw .badRedirect("its state does not match this sign-in, so it was ignored") }
            guard let found = value("code") else { throw .badRedirect("it carries no code") }
            code = found
        } else if pending.server.promisesIssuerInRedirect {
            throw .badRedirect("this server names itself in its redirects, so paste the whole address you landed on, not only the code")
        }
        guard !code.isEmpty else { throw .badRedirect("no code was given") }
        let fields = ["grant_type": "authorization_code", "code": code, "redirect_uri": pending.redirectURI,
                      "code_verifier": pending.verifier, "resource": pending.server.resource]
        var credentials = try await token(fields, endpoint: pending.server.tokenEndpoint, clientID: pending.clientID,
                                          secret: pending.clientSecret, method: pending.authMethod, resource: pending.server.resource)
        credentials.tokenEndpoint = pending.server.tokenEndpoint.absoluteString
        return credentials
    }

    /// RFC 9207: an `iss` must be the issuer exactly (no normalising), and one the server promises must be there,
    /// so a redirect from another authorization server (a mix-up attack) is never redeemed here.
    static func checkIssuer(_ iss: String?, of server: Server) throws(SignInError) {
        if let iss, iss != server.issuer {
            throw .badRedirect("it comes from another authorization server (\(iss), not \(server.issuer)), so it was ignored")
        }
        if iss == nil, server.promisesIssuerInRedirect {
            throw .badRedirect("it does not name its authorization server (iss), which \(server.issuer) promises, so it was ignored")
        }
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
}
