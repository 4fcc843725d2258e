import Foundation

/// One MCP server as the standard `mcpServers` JSON describes it (the shape
/// Claude Desktop and Claude Code's `.mcp.json` use), so an existing
/// configuration works as it is.
public struct ServerConfiguration: Equatable, Sendable {
    public enum Transport: Equatable, Sendable {
        case stdio(command: String, arguments: [String], environment: [String: String], workingDirectory: String?)
        case http(url: URL, headers: [String: String])
    }

    public var name: String
    public var transport: Transport

    public init(name: String, transport: Transport) {
        self.name = name
        self.transport = transport
    }
}

public enum ServerConfigurationError: Error, Equatable, CustomStringConvertible {
    case notAnObject
    case invalidEntry(name: String, reason: String)

    public var description: String {
        switch self {
        case .notAnObject: return "expected a JSON object with an \"mcpServers\" object"
        case .invalidEntry(let name, let reason): return "connector \"\(name)\": \(reason)"
        }
    }
}

extension ServerConfiguration {
    /// Parses `{"mcpServers": {NAME: {command, args, env, cwd} | {url, headers}}}`,
    /// sorted by name so the order is stable.
    public static func parse(json data: Data) throws -> [ServerConfiguration] {
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw ServerConfigurationError.notAnObject }
        guard let servers = (root["mcpServers"] ?? [String: Any]()) as? [String: Any] else { throw ServerConfigurationError.notAnObject }
        return try servers.keys.sorted().map { name in
            guard let entry = servers[name] as? [String: Any] else {
                throw ServerConfigurationError.invalidEntry(name: name, reason: "expected an object")
            }
            return ServerConfiguration(name: name, transport: try transport(of: entry, name: name))
        }
    }

    private static func transport(of entry: [String: Any], name: String) throws -> Transport {
        if let command = entry["command"] as? String {
            return .stdio(command: command, arguments: entry["args"] as? [String] ?? [],
                          environment: entry["env"] as? [String: String] ?? [:], workingDirectory: entry["cwd"] as? String)
        }
        if let address = entry["url"] as? String {
            guard let url = URL(string: address), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme) else {
                throw ServerConfigurationError.invalidEntry(name: name, reason: "\"url\" must be an http or https address")
            }
            return .http(url: url, headers: entry["headers"] as? [String: String] ?? [:])
        }
        throw ServerConfigurationError.invalidEntry(name: name, reason: "needs a \"command\" or a \"url\"")
    }
}
