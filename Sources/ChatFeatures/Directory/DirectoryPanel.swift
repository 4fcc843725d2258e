import ConnectorMenu
import TerminalUI

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
