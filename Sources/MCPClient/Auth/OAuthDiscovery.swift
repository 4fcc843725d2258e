import Foundation
import HTTPStreaming

/// Where a resource's authorization server is and what it offers: protected resource metadata
/// (RFC 9728) and authorization server metadata (RFC 8414, with the OpenID fallbacks).
extension OAuthFlow {
    public struct Server: Sendable, Equatable {
        public var resource: String
        /// The issuer identifier as the resource names it; the metadata and the redirect's `iss` must match it exactly.
        public var issuer: String
        public var authorizationEndpoint: URL
        public var tokenEndpoint: URL
        public var registrationEndpoint: URL?
        /// What the sign-in asks for (the challenge's scope, else the resource's, plus `offline_access` when offered).
        public var scopes: [String]
        public var authMethods: [String]
        /// `authorization_response_iss_parameter_supported` (RFC 9207): a redirect without `iss` is refused.
        public var promisesIssuerInRedirect = false
        /// `client_id_metadata_document_supported`: a client metadata document URL may be the client ID.
        public var acceptsClientMetadataDocuments = false
    }

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
        var server = try await authorizationServer(issuer, at: issuerURL, resource: resource)
        var scopes = challengeScope.map { $0.split(separator: " ").map(String.init) } ?? []
        if scopes.isEmpty { scopes = metadata["scopes_supported"] as? [String] ?? [] }
        // Without it many servers issue no refresh token (SEP-2207); asked only beside the resource's own scopes.
        if !scopes.isEmpty, server.scopes.contains("offline_access"), !scopes.contains("offline_access") { scopes.append("offline_access") }
        server.scopes = scopes
        return server
    }

    /// The authorization server's metadata, its `scopes` being what it says it supports.
    private func authorizationServer(_ issuer: String, at issuerURL: URL, resource: String) async throws(SignInError) -> Server {
        let origin = Self.origin(issuerURL)
        let path = issuerURL.path == "/" ? "" : issuerURL.path
        let candidates = path.isEmpty
            ? [origin + "/.well-known/oauth-authorization-server", origin + "/.well-known/openid-configuration"]
            : [origin + "/.well-known/oauth-authorization-server" + path, origin + "/.well-known/openid-configuration" + path,
               origin + path + "/.well-known/openid-configuration"]
        for candidate in candidates.compactMap(URL.init(string:)) {
            guard let json = try? await json(candidate) else { continue }
            guard let authorization = (json["authorization_endpoint"] as? String).flatMap(URL.init(string:)),
                  let token = (json["token_endpoint"] as? String).flatMap(URL.init(string:)) else { continue }
            // RFC 8414 §3.3: metadata that names another issuer is not used (its endpoints could be anyone's).
            guard json["issuer"] as? String == issuer else {
                throw .discovery("the metadata at \(candidate.absoluteString) names the issuer \(json["issuer"] as? String ?? "none"), not \(issuer), so it is not trusted")
            }
            guard (json["code_challenge_methods_supported"] as? [String] ?? []).contains("S256") else {
                throw .discovery("the authorization server \(issuer) does not offer PKCE S256, which MCP requires; chattui will not sign in without it")
            }
            return Server(resource: resource, issuer: issuer, authorizationEndpoint: authorization, tokenEndpoint: token,
                          registrationEndpoint: (json["registration_endpoint"] as? String).flatMap(URL.init(string:)),
                          scopes: json["scopes_supported"] as? [String] ?? [],
                          authMethods: json["token_endpoint_auth_methods_supported"] as? [String] ?? ["client_secret_basic"],
                          promisesIssuerInRedirect: json["authorization_response_iss_parameter_supported"] as? Bool ?? false,
                          acceptsClientMetadataDocuments: json["client_id_metadata_document_supported"] as? Bool ?? false)
        }
        throw .discovery("no authorization server metadata at \(issuer)")
    }
}
