import ConversationModel

/// The directory's Registry tab: what an MCP registry (or its saved copy) answers as the person types.
/// The live side turns registry entries into these plain values, so the feature stays free of I/O.
public struct RegistryTab: Equatable, Sendable {
    public enum Status: Equatable, Sendable {
        case closed, opening
        case open(RegistryStatus)
        /// Neither the registry nor a saved copy: what failed and what to try.
        case failed(String)
    }

    public var status: Status = .closed
    /// The query whose answer is shown (or on its way).
    public var query: String?
    /// Keystrokes in the search field; only the last one's pause starts a search.
    public var keystrokes = 0
    public var listings: [RegistryListing] = []
    public var total: Int?
    public var hasMore = false
    public var isSearching = false
    public var isLoadingMore = false
    public var problem: String?

    public var isOpen: Bool { if case .open = status { true } else { false } }
}

/// How the registry was reached: how many connectors, from where, and the copy searched when offline.
public struct RegistryStatus: Equatable, Sendable {
    public var count: Int
    /// "from the Official MCP Registry", or the registry's host.
    public var credit: String
    /// The saved copy's date, as shown.
    public var copyDate: String
    /// Why the registry could not be reached (the copy is searched instead).
    public var offline: String?

    public init(count: Int, credit: String, copyDate: String, offline: String?) {
        self.count = count
        self.credit = credit
        self.copyDate = copyDate
        self.offline = offline
    }
}

/// One registry entry in the list.
public struct RegistryListing: Equatable, Sendable {
    public var name: String
    public var title: String
    public var summary: String
    /// Why the policy would block it, if it would.
    public var blocked: String?

    public init(name: String, title: String, summary: String, blocked: String?) {
        self.name = name
        self.title = title
        self.summary = summary
        self.blocked = blocked
    }
}

/// A page of answers to a query: the first (replacing the list) or the next (appended).
public struct RegistryPage: Equatable, Sendable {
    public var query: String
    public var listings: [RegistryListing]
    public var total: Int?
    public var hasMore: Bool
    public var isNextPage: Bool
    public var problem: String?

    public init(query: String, listings: [RegistryListing], total: Int?, hasMore: Bool, isNextPage: Bool, problem: String?) {
        self.query = query
        self.listings = listings
        self.total = total
        self.hasMore = hasMore
        self.isNextPage = isNextPage
        self.problem = problem
    }
}

/// One registry entry's details, and how it installs (or why it cannot).
public struct RegistryEntryDetails: Equatable, Sendable {
    public struct Line: Equatable, Sendable {
        public var label: String
        public var text: String
        public init(label: String, text: String) {
            self.label = label
            self.text = text
        }
    }

    public var name: String
    public var title: String
    public var lines: [Line]
    public var credit: String
    /// The install form's schema (secret fields `writeOnly`), or why it cannot be installed.
    public var form: Result<JSONValue, InstallRefusal>
    /// What installing writes, exactly (`Connects to: URL`, `Runs: …`), for the form to show.
    public var target: [String]
    public var warnings: [String]
    public var blocked: String?

    public init(name: String, title: String, lines: [Line], credit: String, form: Result<JSONValue, InstallRefusal>, target: [String],
                warnings: [String], blocked: String?) {
        self.name = name
        self.title = title
        self.lines = lines
        self.credit = credit
        self.form = form
        self.target = target
        self.warnings = warnings
        self.blocked = blocked
    }

    /// The form's field for the connector's name (the other fields are the entry's own questions).
    public static let nameField = "connector name"
}

public struct InstallRefusal: Error, Equatable, Sendable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// What the registry tab hears back from the live side.
public enum RegistryAction: Equatable, Sendable {
    case opened(Result<RegistryStatus, InstallRefusal>)
    /// The pause after keystroke `n`: search, unless another key came since.
    case pauseEnded(Int)
    case answered(RegistryPage)
    case detailsLoaded(Result<RegistryEntryDetails, InstallRefusal>)
    /// The policy's verdict on the curated entries (by name), shown beside them.
    case curatedBlocked([String: String])
}

/// What the registry tab asks the live side for.
public enum RegistryEffect: Equatable, Sendable {
    /// Load the saved copy or fetch it; also checks the curated entries against the policy.
    case open
    /// Wait a moment, then answer `pauseEnded(n)`: the debounce (the reducer owns no clock).
    case pause(Int)
    case search(String)
    case more
    case details(String)
    /// Install `entry` as a custom connector named `name` with the form's values (secrets among them).
    case install(entry: String, name: String, values: [String: String], conversation: ConversationID)
}
