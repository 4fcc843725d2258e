import Foundation

/// Where connectors are configured: the user's `connectors.json` in the config
/// folder, then a project's `.mcp.json` in the working directory (which wins on
/// a name both use). `add` and `remove` edit the user's file only, keeping any
/// keys they do not know.
public struct ConnectorConfigurationFiles: Sendable {
    public let userFile: URL
    public let projectFile: URL?

    public init(configDirectory: URL, workingDirectory: URL?) {
        userFile = configDirectory.appendingPathComponent("connectors.json")
        projectFile = workingDirectory?.appendingPathComponent(".mcp.json")
    }

    /// A file that could not be used, and why; the others still load.
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public let file: String
        public let reason: String
        public var description: String { "\(file): \(reason)" }
    }

    /// Every configured connector, and the problems that kept any file or entry out.
    public func load(environment: [String: String] = ProcessInfo.processInfo.environment) -> (connectors: [ServerConfiguration], problems: [Problem]) {
        var byName: [String: ServerConfiguration] = [:]
        var problems: [Problem] = []
        for file in [userFile, projectFile].compactMap({ $0 }) where FileManager.default.fileExists(atPath: file.path) {
            do {
                let data = try Data(contentsOf: file)
                for connector in try ServerConfiguration.parse(json: data, environment: environment, source: file.path) {
                    byName[connector.name] = connector
                }
            } catch {
                problems.append(Problem(file: file.path, reason: "\(error)"))
            }
        }
        return (byName.keys.sorted().map { byName[$0]! }, problems)
    }

    /// Adds or replaces an entry (as raw JSON fields) in the user's file.
    public func add(name: String, entry: [String: Any]) throws {
        var root = try userRoot()
        var servers = root["mcpServers"] as? [String: Any] ?? [:]
        servers[name] = entry
        root["mcpServers"] = servers
        try write(root)
    }

    /// Removes an entry from the user's file; false when it was not there.
    @discardableResult
    public func remove(name: String) throws -> Bool {
        var root = try userRoot()
        var servers = root["mcpServers"] as? [String: Any] ?? [:]
        guard servers.removeValue(forKey: name) != nil else { return false }
        root["mcpServers"] = servers
        try write(root)
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
