import CCrypto
import Foundation
import HTTPStreaming

/// The HTTP and encoding pieces of the sign-in: every request through libcurl, JSON, PKCE, base64url.
extension OAuthFlow {
    func request(_ method: String, _ url: URL, headers: [String: String] = [:], body: Data? = nil) async throws(SignInError) -> HTTPResponse {
        do {
            return try await CurlRequest.fetch(method, url, headers: headers, body: body, timeout: requestTimeout, maximumBody: 1024 * 1024)
        } catch {
            throw .network("\(url.host ?? url.absoluteString): \(error)")
        }
    }

    func json(_ url: URL) async throws(SignInError) -> [String: Any] {
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

extension OAuthFlow {
    /// The redirect an authorization server answers with when it grants without asking
    /// anyone (the conformance suite's does): the browser's part, for `conformance-client`.
    public func redirectGrantedAtOnce(_ pending: Pending) async throws(SignInError) -> String {
        let response = try await request("GET", pending.authorizationURL)
        guard let location = response.headers["location"] else {
            throw .badRedirect("the authorization server answered HTTP \(response.status), not a redirect")
        }
        return location
    }
}
