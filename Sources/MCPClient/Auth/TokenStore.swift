import Foundation

/// What signing in to a connector leaves behind.
public struct ConnectorCredentials: Codable, Equatable, Sendable {
    public var accessToken: String
    public var refreshToken: String?
    /// Seconds since 1970 when the access token stops working, if the server said.
    public var expiresAt: Double?
    public var scope: String?
    public var tokenEndpoint: String
    public var clientID: String
    public var clientSecret: String?
    /// How the client authenticates at the token endpoint: none, client_secret_basic or client_secret_post.
    public var authMethod: String
    public var resource: String
    /// Scopes a server asked for beyond the granted ones (a 403 `insufficient_scope`); the next sign-in asks for them too.
    public var wantedScope: String?
    /// Sign-ins in a row that asked for more scope, to stop a server that is never satisfied.
    public var stepUps: Int?

    public var isExpired: Bool { expiresAt.map { $0 <= Date().timeIntervalSince1970 + 30 } ?? false }
}

/// Per-connector credentials in files of mode 0600 under the state folder. Nothing here is ever logged.
public struct TokenStore: Sendable {
    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    private func file(_ connector: String) -> URL {
        directory.appendingPathComponent("\(ConnectorLog.fileName(for: connector)).json")
    }

    public func load(_ connector: String) -> ConnectorCredentials? {
        guard let data = FileManager.default.contents(atPath: file(connector).path) else { return nil }
        return try? JSONDecoder().decode(ConnectorCredentials.self, from: data)
    }

    public func save(_ credentials: ConnectorCredentials, for connector: String) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let path = file(connector).path
        let data = try JSONEncoder().encode(credentials)
        // Created 0600 before any secret is written into it.
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        try data.write(to: file(connector))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }

    /// Remembers that the server wants more scope than was granted (from its 403 challenge). A challenge
    /// that names no scope still counts: the next sign-in then asks for every scope the server lists.
    public func recordStepUp(_ connector: String, challenge: String?) {
        guard var credentials = load(connector), challenge?.contains("insufficient_scope") == true else { return }
        credentials.wantedScope = OAuthFlow.challenge(challenge).scope ?? ""
        try? save(credentials, for: connector)
    }

    @discardableResult
    public func delete(_ connector: String) -> Bool {
        (try? FileManager.default.removeItem(at: file(connector))) != nil
    }
}
