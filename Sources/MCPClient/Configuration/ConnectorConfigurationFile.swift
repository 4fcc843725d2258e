import Foundation

/// Where connectors are configured: the user's `connectors.json` in the config
/// folder, and a project's `.mcp.json` in the working directory (a stranger's file:
/// `ConnectorSet` decides what of it may run). `add` and `remove` edit the user's
/// file only, keeping any keys they do not know.
public struct ConnectorConfigurationFiles: Sendable {
    public let userFile: URL
    public let projectFile: URL?
    /// What the person typed in for their own entries' `${NAME}`s (registry installs): read with
    /// their file only, deleted with the entry.
    public let secrets: ConnectorSecrets

    public init(configDirectory: URL, workingDirectory: URL?) {
        userFile = configDirectory.appendingPathComponent("connectors.json")
        projectFile = workingDirectory?.appendingPathComponent(".mcp.json")
        secrets = ConnectorSecrets(directory: configDirectory.appendingPathComponent("secrets"))
    }

    /// A file that could not be used, and why; the others still load.
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public let file: String
        public let reason: String
        public var description: String { "\(file): \(reason)" }
    }

    /// A project's `.mcp.json` as read: where it is, a digest of its bytes (what the person approves), its entries.
    public struct ProjectFile: Sendable {
        public let path: String
        public let digest: String
        public let entries: [ServerConfiguration.Entry]
    }

    /// Both files as read, each entry on its own: a broken entry keeps only itself out.
    public struct Contents: Sendable {
        public var person: [ServerConfiguration.Entry] = []
        public var project: ProjectFile?
        public var problems: [Problem] = []
    }

    /// Reads both files; `ConnectorSet` decides what of them may run.
    public func read(environment: [String: String] = ProcessInfo.processInfo.environment) -> Contents {
        var contents = Contents()
        if let data = contentsIfPresent(userFile, problems: &contents.problems) {
            do {
                contents.person = try ServerConfiguration.parseEach(json: data, environment: environment, source: userFile.path,
                                                                     secrets: secrets.load)
            } catch {
                contents.problems.append(Problem(file: userFile.path, reason: "\(error)"))
            }
        }
        if let projectFile, let data = contentsIfPresent(projectFile, problems: &contents.problems) {
            do {
                let entries = try ServerConfiguration.parseEach(json: data, environment: environment, source: projectFile.path)
                contents.project = ProjectFile(path: projectFile.path, digest: Digest.sha256Hex(data), entries: entries)
            } catch {
                contents.problems.append(Problem(file: projectFile.path, reason: "\(error)"))
            }
        }
        return contents
    }

    private func contentsIfPresent(_ file: URL, problems: inout [Problem]) -> Data? {
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        do { return try Data(contentsOf: file) } catch {
            problems.append(Problem(file: file.path, reason: error.localizedDescription))
            return nil
        }
    }

    /// Sets one field of an entry in the user's file (`"trusted": true`, say), keeping the rest.
    public func setField(_ key: String, to value: Any, of name: String) throws {
        var root = try userRoot()
        var servers = root["mcpServers"] as? [String: Any] ?? [:]
        guard var entry = servers[name] as? [String: Any] else { throw Problem(file: userFile.path, reason: "has no connector \(name)") }
        entry[key] = value
        servers[name] = entry
        root["mcpServers"] = servers
        try write(root)
    }

    /// Adds or replaces an entry (as raw JSON fields) in the user's file.
    public func add(name: String, entry: [String: Any]) throws {
        var root = try userRoot()
        var servers = root["mcpServers"] as? [String: Any] ?? [:]
        servers[name] = entry
        root["mcpServers"] = servers
        try write(root)
    }

    /// Removes an entry from the user's file, and the secrets it read; false when it was not there.
    @discardableResult
    public func remove(name: String) throws -> Bool {
        var root = try userRoot()
        var servers = root["mcpServers"] as? [String: Any] ?? [:]
        guard servers.removeValue(forKey: name) != nil else { return false }
        root["mcpServers"] = servers
        try write(root)
        secrets.delete(name)
        return true
    }

    private func userRoot() throws -> [String: Any] {
        guard FileManager.default.fileExists(atPath: userFile.path) else { return [:] }
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: userFile))
        guard let root = object as? [String: Any] else { throw Problem(file: userFile.path, reason: "not a JSON object") }
        return root
    }

    /// Writes atomically with mode 0600: entries may carry tokens in headers.
    private func write(_ root: [String: Any]) throws {
        try FileManager.default.createDirectory(at: userFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        let data = try JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        try data.write(to: userFile, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: userFile.path)
    }
}
