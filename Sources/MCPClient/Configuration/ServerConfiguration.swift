import Foundation

/// One MCP server as the standard `mcpServers` JSON describes it (the shape
/// Claude Desktop and Claude Code's `.mcp.json` use), so an existing
/// configuration works as it is.
public struct ServerConfiguration: Equatable, Sendable {
    public enum Transport: Equatable, Sendable {
        case stdio(command: String, arguments: [String], environment: [String: String], workingDirectory: String?)
        /// Streamable HTTP (`"type": "http"`).
        case http(url: URL, headers: [String: String])
        /// The legacy HTTP+SSE transport of 2024-11-05 (`"type": "sse"`).
        case sse(url: URL, headers: [String: String])
    }

    public var name: String
    public var transport: Transport
    /// How long one request may take before it is cancelled.
    public var requestTimeout: Duration
    /// The file this entry came from.
    public var source: String?
    /// `"oauth": {"clientId", "clientSecret", "redirectPort", "clientMetadataUrl"}`: how this connector's sign-in identifies chattui.
    public var oauth: OAuthClientSettings?
    /// The person trusts this connector, so its tools' read-only hints are believed (read-only calls run
    /// unasked). Only the built-ins, directory installs and the person's own `"trusted": true` set it.
    public var isTrusted = false
    /// `"inheritEnv": true`: a local server gets this process's whole environment, not the minimal one.
    public var inheritsEnvironment = false
    /// The person's variables its `${VAR}`s read (what it may pass on: shown before it is approved or trusted).
    public var variablesRead: [String] = []
    /// The command line or URL as the file wrote it, `${VAR}`s unexpanded, for showing.
    var addressAsWritten: String?

    public struct OAuthClientSettings: Equatable, Sendable {
        public var clientID: String?
        public var clientSecret: String?
        /// The loopback port the sign-in redirect comes back to (default 33418).
        public var redirectPort: Int?
        /// How the configured client authenticates at the token endpoint (client_secret_basic or client_secret_post).
        public var tokenEndpointAuthMethod: String?
        /// An https URL of a client ID metadata document, the client ID where the server accepts those
        /// (`client_id_metadata_document_supported`); config.toml's `[oauth] client_metadata_url` is the default.
        public var clientMetadataURL: String?

        public init(clientID: String? = nil, clientSecret: String? = nil, redirectPort: Int? = nil, tokenEndpointAuthMethod: String? = nil,
                    clientMetadataURL: String? = nil) {
            self.clientID = clientID
            self.clientSecret = clientSecret
            self.redirectPort = redirectPort
            self.tokenEndpointAuthMethod = tokenEndpointAuthMethod
            self.clientMetadataURL = clientMetadataURL
        }

        /// A client ID metadata document's URL must be https with a path (it is the client's identity);
        /// nil when it is, else why not (to follow the setting's name).
        public static func problem(withClientMetadataURL text: String) -> String? {
            guard let url = URL(string: text), url.scheme == "https", url.host?.isEmpty == false, url.path.count > 1, url.fragment == nil else {
                return "must be an https URL with a path, like https://example.com/chattui/client.json (\(text) is not)"
            }
            return nil
        }
    }

    public static let defaultTimeout = Duration.seconds(60)

    public init(name: String, transport: Transport, requestTimeout: Duration = defaultTimeout, source: String? = nil) {
        self.name = name
        self.transport = transport
        self.requestTimeout = requestTimeout
        self.source = source
    }

    /// "stdio", "http" or "sse", as the configuration names them.
    public var transportName: String {
        switch transport {
        case .stdio: return "stdio"
        case .http: return "http"
        case .sse: return "sse"
        }
    }

    /// A remote connector's URL (what signs in); nil for a local one.
    public var remoteURL: URL? {
        switch transport {
        case .http(let url, _), .sse(let url, _): return url
        case .stdio: return nil
        }
    }

    /// The variables every local server gets: what a program needs to run and to find its files,
    /// and none of the person's keys (the official Python SDK's stdio client passes the same kind of set).
    public static let minimalEnvironmentNames: Set<String> = ["HOME", "LOGNAME", "PATH", "SHELL", "TERM", "USER", "LANG", "TMPDIR"]

    /// A local server's whole environment: the minimal set (or, with `inheritEnv`, everything) from
    /// `processEnvironment`, then what its own `env` names.
    public func childEnvironment(from processEnvironment: [String: String]) -> [String: String] {
        guard case .stdio(_, _, let own, _) = transport else { return [:] }
        let base = inheritsEnvironment ? processEnvironment : processEnvironment.filter { name, _ in
            Self.minimalEnvironmentNames.contains(name) || name.hasPrefix("LC_")
        }
        return base.merging(own) { $1 }
    }

    /// The command line or URL as written, for lists and details: a `${VAR}` shows as itself, so
    /// a secret it names never reaches the screen (and a project file cannot show one off).
    public var shownAddress: String { addressAsWritten ?? address }

    /// The command line or URL chattui runs, variables expanded: for matching, never for showing.
    public var address: String {
        switch transport {
        case .stdio(let command, let arguments, _, _): return ([command] + arguments).joined(separator: " ")
        case .http(let url, _), .sse(let url, _): return url.absoluteString
        }
    }
}

public enum ServerConfigurationError: Error, Equatable, CustomStringConvertible {
    case notAnObject
    case invalidJSON(String)
    case invalidEntry(name: String, reason: String)

    public var description: String {
        switch self {
        case .notAnObject: return "expected a JSON object with an \"mcpServers\" object"
        case .invalidJSON(let reason): return "not valid JSON: \(reason)"
        case .invalidEntry(let name, let reason): return "connector \"\(name)\": \(reason)"
        }
    }
}

extension ServerConfiguration {
    /// Parses `{"mcpServers": {NAME: {command, args, env, cwd} | {type, url, headers}}}`,
    /// expanding `${VAR}` and `${VAR:-default}` from `environment`; sorted by name. One bad entry fails the whole file.
    public static func parse(json data: Data, environment: [String: String] = ProcessInfo.processInfo.environment,
                             source: String? = nil) throws -> [ServerConfiguration] {
        try parseEach(json: data, environment: environment, source: source).map { try $0.configuration.get() }
    }

    /// One entry of a file: its configuration, or why it cannot be used (the others still can).
    public struct Entry: Sendable {
        public let name: String
        public let configuration: Result<ServerConfiguration, ServerConfigurationError>
    }

    /// Each entry on its own, sorted by name; only a file that is not a JSON object of entries throws.
    /// `secrets`: values stored for a connector, which its `${NAME}`s read before the environment.
    public static func parseEach(json data: Data, environment: [String: String] = ProcessInfo.processInfo.environment,
                                 source: String? = nil,
                                 secrets: (String) -> [String: String] = { _ in [:] }) throws(ServerConfigurationError) -> [Entry] {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw ServerConfigurationError.invalidJSON(error.localizedDescription)
        }
        guard let root = object as? [String: Any] else { throw ServerConfigurationError.notAnObject }
        guard let servers = (root["mcpServers"] ?? [String: Any]()) as? [String: Any] else { throw ServerConfigurationError.notAnObject }
        return servers.keys.sorted().map { name in
            Entry(name: name, configuration: Result { () throws(ServerConfigurationError) in
                try configuration(named: name, servers[name], environment: environment.merging(secrets(name)) { $1 }, source: source)
            })
        }
    }

    private static func configuration(named name: String, _ value: Any?, environment: [String: String],
                                      source: String?) throws(ServerConfigurationError) -> ServerConfiguration {
        guard let entry = value as? [String: Any] else {
            throw ServerConfigurationError.invalidEntry(name: name, reason: "expected an object")
        }
        do {
            let expander = VariableExpander(environment: environment, connector: name)
            var configuration = ServerConfiguration(name: name, transport: try transport(of: entry, name: name, expander: expander),
                                                    requestTimeout: try timeout(of: entry, name: name), source: source)
            if let oauth = entry["oauth"] as? [String: Any] {
                configuration.oauth = OAuthClientSettings(clientID: try (oauth["clientId"] as? String).map(expander.expand),
                                                          clientSecret: try (oauth["clientSecret"] as? String).map(expander.expand),
                                                          redirectPort: oauth["redirectPort"] as? Int,
                                                          tokenEndpointAuthMethod: oauth["tokenEndpointAuthMethod"] as? String,
                                                          clientMetadataURL: try (oauth["clientMetadataUrl"] as? String).map(expander.expand))
                if let document = configuration.oauth?.clientMetadataURL, let problem = OAuthClientSettings.problem(withClientMetadataURL: document) {
                    throw ServerConfigurationError.invalidEntry(name: name, reason: "oauth.clientMetadataUrl " + problem)
                }
            }
            configuration.isTrusted = entry["trusted"] as? Bool ?? false
            configuration.inheritsEnvironment = entry["inheritEnv"] as? Bool ?? false
            configuration.variablesRead = VariableExpander.names(in: entry)
            configuration.addressAsWritten = (entry["url"] as? String)
                ?? (entry["command"] as? String).map { ([$0] + (entry["args"] as? [String] ?? [])).joined(separator: " ") }
            return configuration
        } catch let error as ServerConfigurationError {
            throw error
        } catch {
            throw ServerConfigurationError.invalidEntry(name: name, reason: "\(error)")
        }
    }

    private static func transport(of entry: [String: Any], name: String, expander: VariableExpander) throws -> Transport {
        let type = (entry["type"] as? String)?.lowercased()
        if let command = entry["command"] as? String, type == nil || type == "stdio" {
            return .stdio(command: try expander.expand(command),
                          arguments: try (entry["args"] as? [String] ?? []).map(expander.expand),
                          environment: try (entry["env"] as? [String: String] ?? [:]).mapValues(expander.expand),
                          workingDirectory: try (entry["cwd"] as? String).map(expander.expand))
        }
        guard let address = entry["url"] as? String else {
            throw ServerConfigurationError.invalidEntry(name: name, reason: "needs a \"command\" or a \"url\"")
        }
        let expanded = try expander.expand(address)
        guard let url = URL(string: expanded), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
            throw ServerConfigurationError.invalidEntry(name: name, reason: "\"url\" must be an http or https address")
        }
        let headers = try (entry["headers"] as? [String: String] ?? [:]).mapValues(expander.expand)
        switch type {
        case nil, "http", "streamable-http", "streamablehttp": return .http(url: url, headers: headers)
        case "sse": return .sse(url: url, headers: headers)
        default: throw ServerConfigurationError.invalidEntry(name: name, reason: "unknown \"type\" \"\(type!)\" (use stdio, http or sse)")
        }
    }

    /// `"timeout"` in milliseconds, as Claude Code reads it.
    private static func timeout(of entry: [String: Any], name: String) throws -> Duration {
        guard let value = entry["timeout"] else { return defaultTimeout }
        guard let milliseconds = value as? Int, milliseconds > 0 else {
            throw ServerConfigurationError.invalidEntry(name: name, reason: "\"timeout\" must be a positive number of milliseconds")
        }
        return .milliseconds(milliseconds)
    }
}

/// `${VAR}` and `${VAR:-default}` in configuration values.
struct VariableExpander {
    let environment: [String: String]
    let connector: String

    /// Every variable an entry's strings name, sorted, wherever they are in it.
    static func names(in value: Any) -> [String] {
        var found = Set<String>()
        func visit(_ value: Any) {
            if let text = value as? String {
                var rest = Substring(text)
                while let start = rest.range(of: "${"), let end = rest[start.upperBound...].firstIndex(of: "}") {
                    if let name = rest[start.upperBound..<end].components(separatedBy: ":-").first, !name.isEmpty { found.insert(name) }
                    rest = rest[rest.index(after: end)...]
                }
            } else if let array = value as? [Any] {
                array.forEach(visit)
            } else if let object = value as? [String: Any] {
                object.values.forEach(visit)
            }
        }
        visit(value)
        return found.sorted()
    }

    func expand(_ text: String) throws -> String {
        var output = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            output += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
                throw ServerConfigurationError.invalidEntry(name: connector, reason: "unclosed ${ in \"\(text)\"")
            }
            let body = rest[start.upperBound..<end]
            let parts = body.components(separatedBy: ":-")
            if let value = environment[parts[0]] {
                output += value
            } else if parts.count > 1 {
                output += parts.dropFirst().joined(separator: ":-")
            } else {
                throw ServerConfigurationError.invalidEntry(name: connector, reason: "\(parts[0]) is not set")
            }
            rest = rest[rest.index(after: end)...]
        }
        return output + rest
    }
}
