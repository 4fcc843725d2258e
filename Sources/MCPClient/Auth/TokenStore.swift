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
            FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        try data.write(to: file(connector))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }

    @discardableResult
    public func delete(_ connector: String) -> Bool {
        (try? FileManager.default.removeItem(at: file(connector))) != nil
    }
}
