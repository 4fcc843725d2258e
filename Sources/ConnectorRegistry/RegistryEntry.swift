import Foundation

/// One server version as the MCP Registry's read API lists it: `{"server": server.json, "_meta": {...}}`.
/// Decoding is lenient about what it does not use, strict about what it does (a name and a version).
public struct RegistryEntry: Codable, Equatable, Sendable {
    public var server: RegistryServer
    public var status: String
    public var updatedAt: String?
    public var isLatest: Bool

    public var name: String { server.name }
    public var isActive: Bool { status == "active" }

    static let officialMeta = "io.modelcontextprotocol.registry/official"

    private enum Keys: String, CodingKey { case server, _meta, status, updatedAt, isLatest }
    private struct Meta: Decodable {
        var status: String?
        var updatedAt: String?
        var isLatest: Bool?
    }

    public init(server: RegistryServer, status: String = "active", updatedAt: String? = nil, isLatest: Bool = true) {
        self.server = server
        self.status = status
        self.updatedAt = updatedAt
        self.isLatest = isLatest
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        server = try container.decode(RegistryServer.self, forKey: .server).bounded(at: container.codingPath + [Keys.server])
        let metas = try container.decodeIfPresent([String: Meta].self, forKey: ._meta) ?? [:]
        // The cache writes the fields flat; the registry nests them under its own key.
        let meta = metas[Self.officialMeta]
        status = try container.decodeIfPresent(String.self, forKey: .status) ?? meta?.status ?? "active"
        updatedAt = try container.decodeIfPresent(String.self, forKey: .updatedAt) ?? meta?.updatedAt
        isLatest = try container.decodeIfPresent(Bool.self, forKey: .isLatest) ?? meta?.isLatest ?? true
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(server, forKey: .server)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(updatedAt, forKey: .updatedAt)
        try container.encode(isLatest, forKey: .isLatest)
    }
}

extension StringProtocol {
    /// Control or format characters: what a cleaned display drops or replaces, so text holding them
    /// would show as something other than what it is.
    var holdsControlCharacters: Bool {
        unicodeScalars.contains { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format }
    }
}

/// `server.json`: what a server is and how to reach or run it.
public struct RegistryServer: Codable, Equatable, Sendable {
    /// One entry cannot be more than a listing shows and an install offers: longer descriptions are
    /// clipped; an entry with more ways to run, or a name a cleaned display could pass off as another's, is not read.
    public static let longestDescription = 1_000
    public static let mostRemotesOrPackages = 64  // the largest real entry lists 30

    func bounded(at path: [any CodingKey]) throws -> RegistryServer {
        let refuse = { (why: String) in DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: why)) }
        guard !name.isEmpty, !name.holdsControlCharacters else {
            throw refuse("its name is empty or holds control characters")
        }
        guard (remotes?.count ?? 0) <= Self.mostRemotesOrPackages, (packages?.count ?? 0) <= Self.mostRemotesOrPackages else {
            throw refuse("it lists more than \(Self.mostRemotesOrPackages) remotes or packages")
        }
        var bounded = self
        if let text = description, text.count > Self.longestDescription { bounded.description = text.prefix(Self.longestDescription - 1) + "…" }
        return bounded
    }

    public var name: String
    public var title: String?
    public var description: String?
    public var version: String
    public var websiteUrl: String?
    public var repository: Repository?
    public var remotes: [Remote]?
    public var packages: [Package]?

    public init(name: String, title: String? = nil, description: String? = nil, version: String, remotes: [Remote]? = nil, packages: [Package]? = nil) {
        self.name = name
        self.title = title
        self.description = description
        self.version = version
        self.remotes = remotes
        self.packages = packages
    }

    public struct Repository: Codable, Equatable, Sendable {
        public var url: String?
        public var source: String?
    }

    /// A hosted endpoint: `streamable-http` or `sse`, its URL may hold `{variables}`.
    public struct Remote: Codable, Equatable, Sendable {
        public var type: String
        public var url: String?
        public var headers: [Input]?
        public var variables: [String: Input]?

        public init(type: String, url: String?, headers: [Input]? = nil, variables: [String: Input]? = nil) {
            self.type = type
            self.url = url
            self.headers = headers
            self.variables = variables
        }
    }

    /// Something to run locally: an npm, PyPI, OCI, NuGet or MCPB package.
    public struct Package: Codable, Equatable, Sendable {
        public var registryType: String
        public var registryBaseUrl: String?
        public var identifier: String
        public var version: String?
        public var runtimeHint: String?
        public var transport: Remote?
        public var runtimeArguments: [Input]?
        public var packageArguments: [Input]?
        public var environmentVariables: [Input]?
        public var fileSha256: String?

        public init(registryType: String, identifier: String, version: String? = nil, runtimeHint: String? = nil,
                    packageArguments: [Input]? = nil, environmentVariables: [Input]? = nil) {
            self.registryType = registryType
            self.identifier = identifier
            self.version = version
            self.runtimeHint = runtimeHint
            self.packageArguments = packageArguments
            self.environmentVariables = environmentVariables
        }
    }

    /// A header, an environment variable, an argument or a variable: a value, or what to ask for.
    public struct Input: Codable, Equatable, Sendable {
        /// Headers and variables: the name; named arguments: the flag.
        public var name: String?
        public var description: String?
        public var isRequired: Bool?
        public var isSecret: Bool?
        public var format: String?
        public var `default`: String?
        /// A fixed value, possibly holding `{variables}`.
        public var value: String?
        public var valueHint: String?
        public var placeholder: String?
        public var choices: [String]?
        public var variables: [String: Input]?
        /// Arguments: `positional` or `named`.
        public var type: String?

        public init(name: String? = nil, description: String? = nil, isRequired: Bool? = nil, isSecret: Bool? = nil, value: String? = nil,
                    variables: [String: Input]? = nil, type: String? = nil) {
            self.name = name
            self.description = description
            self.isRequired = isRequired
            self.isSecret = isSecret
            self.value = value
            self.variables = variables
            self.type = type
        }

        public var required: Bool { isRequired ?? false }
        public var secret: Bool { isSecret ?? false }
    }
}
