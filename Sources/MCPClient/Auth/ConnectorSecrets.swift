import Foundation

/// Values a connector's entry reads as `${NAME}` that the person typed in when installing it (API keys,
/// tokens), kept like sign-in tokens: one file of mode 0600 per connector in a 0700 folder, never
/// logged, never printed. Only the person's own `connectors.json` entries read them; a project's
/// `.mcp.json` never can.
public struct ConnectorSecrets: Sendable {
    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    private func file(_ connector: String) -> URL {
        directory.appendingPathComponent("\(ConnectorLog.fileName(for: connector)).json")
    }

    public func load(_ connector: String) -> [String: String] {
        guard let data = FileManager.default.contents(atPath: file(connector).path) else { return [:] }
        return (try? JSONDecoder().decode([String: String].self, from: data)) ?? [:]
    }

    public func save(_ values: [String: String], for connector: String) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let path = file(connector).path
        // Created 0600 before any secret is written into it.
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        let handle = try FileHandle(forWritingTo: file(connector))
        defer { try? handle.close() }
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: JSONEncoder().encode(values))
    }

    @discardableResult
    public func delete(_ connector: String) -> Bool {
        (try? FileManager.default.removeItem(at: file(connector))) != nil
    }
}
