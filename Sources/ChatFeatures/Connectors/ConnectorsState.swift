import ConnectorMenu
import ConversationModel
import Foundation
import TerminalUI

/// What the interface knows of one configured connector.
public struct ConnectorInfo: Equatable, Sendable {
    public struct ToolSummary: Equatable, Sendable {
        public enum Effect: String, Sendable { case reads = "read-only", writes = "writes", destroys = "destructive" }
        var id: String
        /// The tool's own name, as its server knows it.
        var name: String = ""
        var title: String
        var effect: Effect
        var tokens: Int
        var hiddenFromModel: Bool
        /// Its visibility includes `app`: a card's actions offer it.
        var callableFromCards = true
        var inputSchema: JSONValue = .object([:])

        public init(id: String, name: String = "", title: String, effect: Effect, tokens: Int, hiddenFromModel: Bool, callableFromCards: Bool = true, inputSchema: JSONValue = .object([:])) {
            self.id = id
            self.name = name
            self.title = title
            self.effect = effect
            self.tokens = tokens
            self.hiddenFromModel = hiddenFromModel
            self.callableFromCards = callableFromCards
            self.inputSchema = inputSchema
        }
    }

    /// Where a connector comes from, which says how far it is trusted by default.
    public enum Source: Equatable, Sendable { case builtin, yours, thisFolder }

    var name: String
    public var source: Source = .yours
    /// The person trusts its word about its tools: read-only tools run unasked.
    public var isTrusted = false
    /// A sign-in token is kept for it.
    public var isSignedIn = false
    /// The person's variables its configuration passes on, and whether it gets the whole environment.
    public var variablesRead: [String] = []
    public var inheritsEnvironment = false
    /// The variables a local server's entry sets for it (`env`), by name: `LD_PRELOAD` there runs code in it.
    public var environmentSet: [String] = []
    /// `stdio`, `http` or `sse`, and the command line or URL.
    var transport: String
    var address: String
    public var health: ConnectorHealth = .starting
    /// Why it failed or needs sign-in, in one line.
    public var reason: String?
    public var logPath: String?
    /// The server's name and version once connected.
    public var server: String?
    public var description: String?
    public var tools: [ToolSummary] = []
    public var resources: [ResourceEntry] = []
    public var prompts: [PromptEntry] = []
    /// The last lines of its log, when it failed.
    public var logTail: [String] = []

    var tokenCost: Int { tools.filter { !$0.hiddenFromModel }.reduce(0) { $0 + $1.tokens } }

    public init(name: String, source: Source = .yours, isTrusted: Bool = false, isSignedIn: Bool = false, variablesRead: [String] = [], inheritsEnvironment: Bool = false, transport: String, address: String, health: ConnectorHealth = .starting, reason: String? = nil, logPath: String? = nil, server: String? = nil, description: String? = nil, tools: [ToolSummary] = [], resources: [ResourceEntry] = [], prompts: [PromptEntry] = [], logTail: [String] = []) {
        self.name = name
        self.source = source
        self.isTrusted = isTrusted
        self.isSignedIn = isSignedIn
        self.variablesRead = variablesRead
        self.inheritsEnvironment = inheritsEnvironment
        self.transport = transport
        self.address = address
        self.health = health
        self.reason = reason
        self.logPath = logPath
        self.server = server
        self.description = description
        self.tools = tools
        self.resources = resources
        self.prompts = prompts
        self.logTail = logTail
    }
}

/// `/connectors`: every configured connector and its state here; Enter for one's details.
public struct ConnectorsPanel: Equatable, Sendable {
    enum Mode: Equatable, Sendable {
        case list
        case details(String)
    }

    var list = SelectionList(count: 0)
    var mode: Mode = .list
    /// The top line of the details view.
    var detailsTop = 0

    /// The list sized to the connectors there are now: they come and go while the panel is open
    /// (one added from the custom form appears only once its configuration is read back).
    func synced(to names: [String]) -> ConnectorsPanel {
        guard list.count != names.count else { return self }
        var panel = self
        panel.list.reset(count: names.count, selected: list.selected)
        return panel
    }
}

extension ConnectorUse {
    /// Space cycles: on → on demand → off → on.
    var next: ConnectorUse {
        switch self {
        case .on: return .onDemand
        case .onDemand: return .off
        case .off: return .on
        }
    }

    var label: String {
        switch self {
        case .on: return "on"
        case .onDemand: return "on demand"
        case .off: return "off"
        }
    }
}

/// The directory of connectors: browse by category, search, details, install.
public struct DirectoryPanel: Equatable, Sendable {
    enum Load: Equatable, Sendable {
        case loading
        case loaded(ConnectorDirectory)
        case failed(String)
    }

    var load: Load = .loading
    /// 0 is every category; then the directory's categories in order.
    var category = 0
    var search = TextField()
    var list = SelectionList(count: 0)
    var details: DirectoryEntry?
    /// The Registry tab, after the curated categories: the registry searched as the person types.
    var registry = RegistryTab()
    var registryDetails: RegistryEntryDetails?
    /// Curated entries the policy blocks, and why.
    var blocked: [String: String] = [:]

    static let registryCategory = "Registry"
    var categories: [String] { if case .loaded(let directory) = load { ["All"] + directory.categories + [Self.registryCategory] } else { ["All"] } }
    var isOnRegistry: Bool { categories.indices.contains(category) && categories[category] == Self.registryCategory && category > 0 }
    var showsDetails: Bool { details != nil || registryDetails != nil }

    var matches: [DirectoryEntry] {
        guard case .loaded(let directory) = load, !isOnRegistry else { return [] }
        return directory.filtered(category: category == 0 ? nil : categories[category], query: search.text)
    }
}

/// A connector the person adds by hand: a remote URL or a local command line.
public struct CustomConnector: Equatable, Sendable {
    enum Target: Equatable, Sendable {
        case remote(url: String, headers: [String: String])
        case local(command: String, arguments: [String])
    }

    public var name: String
    var target: Target
    var clientID: String?
    var clientSecret: String?

    struct Problem: Error, Equatable {
        var field: Int
        var message: String
    }

    /// Checks the custom-connector form's values (keyed as `FormPanel.customConnector` names them).
    static func make(_ values: [String: String], existing: Set<String>) -> Result<CustomConnector, Problem> {
        let name = (values["1 name"] ?? "").trimmingCharacters(in: .whitespaces)
        if let problem = ConnectorNaming.nameProblem(name) { return .failure(Problem(field: 0, message: "name: \(problem)")) }
        guard !existing.contains(name) else { return .failure(Problem(field: 0, message: "name: \(name) exists already")) }
        let address = (values["2 url or command"] ?? "").trimmingCharacters(in: .whitespaces)
        var headers: [String: String] = [:]
        for pair in (values["3 headers"] ?? "").split(separator: ";") where !pair.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let colon = pair.firstIndex(of: ":") else { return .failure(Problem(field: 2, message: "headers: “Name: value”, separated by ;")) }
            headers[pair[..<colon].trimmingCharacters(in: .whitespaces)] = pair[pair.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let target: Target
        if address.lowercased().hasPrefix("http://") || address.lowercased().hasPrefix("https://") {
            guard let url = URL(string: address) else { return .failure(Problem(field: 1, message: "url: not a valid URL")) }
            if let problem = ConnectorNaming.addressProblem(url) { return .failure(Problem(field: 1, message: "url: \(problem)")) }
            target = .remote(url: address, headers: headers)
        } else {
            let words = address.split(whereSeparator: \.isWhitespace).map(String.init)
            guard let command = words.first else { return .failure(Problem(field: 1, message: "url or command: required")) }
            target = .local(command: command, arguments: Array(words.dropFirst()))
        }
        func optional(_ key: String) -> String? { values[key].flatMap { $0.isEmpty ? nil : $0 } }
        return .success(CustomConnector(name: name, target: target, clientID: optional("4 oauth client id"), clientSecret: optional("5 oauth client secret")))
    }

    /// Its entry in connectors.json.
    public var entry: [String: Any] {
        var fields: [String: Any]
        switch target {
        case .remote(let url, let headers):
            fields = ["type": "http", "url": url]
            if !headers.isEmpty { fields["headers"] = headers }
        case .local(let command, let arguments):
            fields = ["command": command, "args": arguments]
        }
        var oauth: [String: String] = [:]
        if let clientID { oauth["clientId"] = clientID }
        if let clientSecret { oauth["clientSecret"] = clientSecret }
        if !oauth.isEmpty { fields["oauth"] = oauth }
        return fields
    }
}

/// Signing in to a connector: the URL to open, and a field for pasting where the browser landed.
public struct SignInPanel: Equatable, Sendable {
    enum Status: Equatable, Sendable {
        case starting
        case waiting(url: String, port: Int)
        case failed(String)
        case finishing
    }

    var connector: String
    var status: Status = .starting
    var paste = TextField()
}
