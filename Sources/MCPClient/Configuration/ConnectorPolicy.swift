import Foundation

/// A team's managed rules for connectors, from a file the person does not own
/// (`/etc/chattui/policy.json`, or `CHATTUI_POLICY_FILE`):
///
///     {"allow": ["tasks", "files", "https://mcp.linear.app/*"],
///      "deny": ["https://*.example.com/*"],
///      "allowCustomConnectors": false,
///      "allowExportingConnectorContent": false,
///      "registry": "https://registry.example.com"}      (or false: no registry)
///
/// Patterns match a connector's name, its URL (part by part) or its command line; `*` matches anything.
/// A connector a deny pattern matches is blocked; with an allow list, so is every
/// connector no allow pattern matches. A project's `.mcp.json` chose its names itself, so
/// for its connectors only the command line or URL can be allowed. The person's own
/// configuration cannot override it.
public struct ConnectorPolicy: Sendable, Equatable {
    public var allow: [String]?
    public var deny: [String]
    public var allowCustomConnectors: Bool
    public var allowExportingConnectorContent: Bool
    /// Which MCP registry may be browsed: pinned to one address, or none; nil leaves it to the person.
    public var registry: RegistryRule?
    /// Where it was read from, for messages.
    public var source: String?

    public init(allow: [String]? = nil, deny: [String] = [], allowCustomConnectors: Bool = true,
                allowExportingConnectorContent: Bool = true, source: String? = nil) {
        self.allow = allow
        self.deny = deny
        self.allowCustomConnectors = allowCustomConnectors
        self.allowExportingConnectorContent = allowExportingConnectorContent
        self.source = source
    }

    public enum RegistryRule: Sendable, Equatable {
        case pinned(String)
        case forbidden
    }

    public static let systemPath = "/etc/chattui/policy.json"

    /// The policy in force: none when there is no file; a file that cannot be read blocks
    /// every connector rather than silently allowing them.
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) -> ConnectorPolicy {
        let path = environment["CHATTUI_POLICY_FILE"].flatMap { $0.isEmpty ? nil : $0 } ?? systemPath
        guard FileManager.default.fileExists(atPath: path) else { return ConnectorPolicy() }
        let unreadable = ConnectorPolicy(allow: [], source: "\(path) (unreadable, so every connector is blocked)")
        guard let data = FileManager.default.contents(atPath: path),
              let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return unreadable }
        // A field of the wrong shape is not ignored: ignoring it could allow what it meant to forbid.
        func field<T>(_ key: String, default value: T) -> T? {
            guard let raw = object[key] else { return value }
            return raw as? T
        }
        guard let allow = field("allow", default: nil as [String]?), let deny = field("deny", default: [String]()),
              let allowCustom = field("allowCustomConnectors", default: true),
              let allowExporting = field("allowExportingConnectorContent", default: true) else { return unreadable }
        var policy = ConnectorPolicy(allow: allow, deny: deny, allowCustomConnectors: allowCustom,
                                     allowExportingConnectorContent: allowExporting, source: path)
        switch object["registry"] {
        case nil: break
        case let address as String: policy.registry = .pinned(address)
        case let flag as Bool: if !flag { policy.registry = .forbidden }
        default:
            // A shape we cannot read forbids rather than allows.
            policy.registry = .forbidden
            policy.source = "\(path) (its “registry” is neither an address nor false, so no registry is used)"
        }
        return policy
    }

    /// Why `configuration` may not be used, or nil when it may. `isCustom`: the person added it
    /// themselves rather than from the directory or the built-ins; `fromProject`: a project's file defines it.
    public func blockReason(_ configuration: ServerConfiguration, isCustom: Bool, fromProject: Bool = false) -> String? {
        let from = source.map { " (\($0))" } ?? ""
        if let pattern = deny.first(where: { Self.matches($0, configuration, byName: true) }) {
            return "blocked by policy: matches “\(pattern)”\(from)"
        }
        if let allow, !allow.contains(where: { Self.matches($0, configuration, byName: !fromProject) }) {
            return "blocked by policy: not on the allowed list\(from)"
        }
        if (isCustom || fromProject) && !allowCustomConnectors { return "blocked by policy: custom connectors are not allowed\(from)" }
        return nil
    }

    /// A pattern with `://` is a URL pattern: it matches a remote connector's URL part by part
    /// (scheme and host without regard to case, any port unless it names one, the path; never the
    /// user, the query or the fragment), so no spelling of a URL slips past it. Any other pattern
    /// matches the name (when `byName`) or a local connector's command line, as text.
    static func matches(_ pattern: String, _ configuration: ServerConfiguration, byName: Bool) -> Bool {
        if pattern.contains("://") {
            guard let url = configuration.remoteURL else { return false }
            return matches(urlPattern: pattern, url)
        }
        if byName && matches(pattern, configuration.name) { return true }
        return configuration.remoteURL == nil && matches(pattern, configuration.address)
    }

    static func matches(urlPattern pattern: String, _ url: URL) -> Bool {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false),
              let scheme = components.scheme?.lowercased(), let host = components.host?.lowercased(),
              let separator = pattern.range(of: "://") else { return false }
        let patternScheme = pattern[..<separator.lowerBound].lowercased()
        let rest = pattern[separator.upperBound...]
        let authority = rest.prefix { $0 != "/" }.lowercased()
        let pathPattern = rest.dropFirst(authority.count)
        let (hostPattern, portPattern) = authority.contains(":") && !authority.hasSuffix("]")
            ? (String(authority[..<authority.lastIndex(of: ":")!]), String(authority[authority.index(after: authority.lastIndex(of: ":")!)...]))
            : (authority, "*")
        let port = components.port.map(String.init) ?? (scheme == "https" ? "443" : "80")
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        return matches(patternScheme, scheme) && matches(hostPattern, host) && matches(portPattern, port)
            && matches(pathPattern.isEmpty ? "*" : String(pathPattern), path)
    }

    /// Glob matching where `*` stands for any run of characters.
    static func matches(_ pattern: String, _ text: String) -> Bool {
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1 else { return pattern == text }
        guard text.hasPrefix(parts[0]), text.dropFirst(parts[0].count).hasSuffix(parts.last!) || parts.last!.isEmpty else { return false }
        var rest = Substring(text.dropFirst(parts[0].count))
        for part in parts.dropFirst().dropLast() where !part.isEmpty {
            guard let range = rest.range(of: part) else { return false }
            rest = rest[range.upperBound...]
        }
        return rest.hasSuffix(parts.last!)
    }
}
