import ConnectorMenu
import ConversationModel

/// What the interface knows of one configured connector.
struct ConnectorInfo: Equatable, Sendable {
    struct ToolSummary: Equatable, Sendable {
        enum Effect: String, Sendable { case reads = "read-only", writes = "writes", destroys = "destructive" }
        var id: String
        var title: String
        var effect: Effect
        var tokens: Int
        var hiddenFromModel: Bool
    }

    var name: String
    /// `stdio`, `http` or `sse`, and the command line or URL.
    var transport: String
    var address: String
    var health: ConnectorHealth = .starting
    /// Why it failed or needs sign-in, in one line.
    var reason: String?
    var logPath: String?
    /// The server's name and version once connected.
    var server: String?
    var description: String?
    var tools: [ToolSummary] = []
    var resources: [String] = []
    var prompts: [String] = []
    /// The last lines of its log, when it failed.
    var logTail: [String] = []

    var tokenCost: Int { tools.filter { !$0.hiddenFromModel }.reduce(0) { $0 + $1.tokens } }
}

/// `/connectors`: every configured connector and its state here; Enter for one's details.
struct ConnectorsPanel: Equatable, Sendable {
    enum Mode: Equatable, Sendable {
        case list
        case details(String)
        case confirmingRemove(String)
    }

    var list = SelectionList(count: 0)
    var mode: Mode = .list
    /// The top line of the details view.
    var detailsTop = 0
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
struct DirectoryPanel: Equatable, Sendable {
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

    var categories: [String] { if case .loaded(let directory) = load { ["All"] + directory.categories } else { ["All"] } }

    var matches: [DirectoryEntry] {
        guard case .loaded(let directory) = load else { return [] }
        return directory.filtered(category: category == 0 ? nil : categories[category], query: search.text)
    }
}
