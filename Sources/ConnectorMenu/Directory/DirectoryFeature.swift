import ConversationModel
import TerminalUI

/// The directory of connectors: browse by category (Tab), search as you type, Enter for details,
/// `i` to install; its last tab searches an MCP registry. It owns only the panel: which connectors
/// are installed is handed to it, and installing, the install form and the registry's requests are
/// asked of the app as `Delegate`s.
public enum DirectoryFeature {
    public struct State: Equatable, Sendable {
        public enum Load: Equatable, Sendable {
            case loading
            case loaded(ConnectorDirectory)
            case failed(String)
        }

        public var load: Load = .loading
        /// 0 is every category; then the directory's categories in order.
        public var category = 0
        public var search = TextField()
        public var list = SelectionList(count: 0)
        public var details: DirectoryEntry?
        /// The Registry tab, after the curated categories: the registry searched as the person types.
        public var registry = RegistryTab()
        public var registryDetails: RegistryEntryDetails?
        /// Curated entries the policy blocks, and why.
        public var blocked: [String: String] = [:]

        public init() {}

        public static let registryCategory = "Registry"
        public var categories: [String] { if case .loaded(let directory) = load { ["All"] + directory.categories + [Self.registryCategory] } else { ["All"] } }
        public var isOnRegistry: Bool { categories.indices.contains(category) && categories[category] == Self.registryCategory && category > 0 }
        public var showsDetails: Bool { details != nil || registryDetails != nil }

        public var matches: [DirectoryEntry] {
            guard case .loaded(let directory) = load, !isOnRegistry else { return [] }
            return directory.filtered(category: category == 0 ? nil : categories[category], query: search.text)
        }

        /// The keymap layer the panel's keys are read in.
        public var inputMode: InputMode { showsDetails ? .directoryDetails : .picker }
    }

    public enum Action: Equatable, Sendable {
        case key(KeyEvent)
        case loaded(Result<ConnectorDirectory, DirectoryError>)
        case registry(RegistryAction)
    }

    /// What the panel asks of the app, in order.
    public enum Delegate: Equatable, Sendable {
        case close
        case flash(String, isError: Bool)
        /// Install a curated entry and turn it on in this conversation.
        case install(DirectoryEntry)
        /// Ask for what a registry entry needs before installing it (as the custom connector `entry`).
        case installForm(entry: String, title: String, note: String, schema: JSONValue)
        case registry(RegistryEffect)
    }

    /// `installed`: the names of the connectors configured now.
    public static func reduce(_ state: inout State, _ action: Action, installed: Set<String>, keymap: Keymap) -> [Delegate] {
        switch action {
        case .loaded(let result):
            switch result {
            case .success(let directory): state.load = .loaded(directory)
            case .failure(let error): state.load = .failed("Could not load the connectors directory: \(error)")
            }
            state.list.reset(count: state.matches.count)
            return []
        case .registry(let action):
            return reduceRegistry(&state, action)
        case .key(let key):
            return reduceKey(&state, key, installed: installed, keymap: keymap)
        }
    }

    private static func reduceKey(_ state: inout State, _ key: KeyEvent, installed: Set<String>, keymap: Keymap) -> [Delegate] {
        let command = keymap.command(for: key, in: state.inputMode)
        if let details = state.registryDetails {
            return registryDetailsKey(command, details: details, state: &state)
        }
        if let entry = state.details {
            switch command {
            case .close: state.details = nil
            case .install where installed.contains(entry.name):
                return [.flash("\(entry.title) is already installed. /connectors \(entry.name) shows it.", isError: false)]
            case .install:
                return [.flash("Installing \(entry.title)…", isError: false), .install(entry), .close]
            default: break
            }
            return []
        }
        if state.isOnRegistry, let delegates = registryListKey(command, key: key, state: &state, keymap: keymap) {
            return delegates
        }
        switch command {
        case .close: return [.close]
        case .menuUp: state.list.move(by: -1)
        case .menuDown: state.list.move(by: 1)
        case .nextField, .previousField:
            let count = state.categories.count
            state.category = (state.category + (command == .nextField ? 1 : count - 1)) % count
            state.list.reset(count: state.matches.count)
            if state.isOnRegistry { return enterRegistryTab(&state) }
        case .menuAccept:
            let matches = state.matches
            if matches.indices.contains(state.list.selected) { state.details = matches[state.list.selected] }
        default:
            let before = state.search.text
            _ = state.search.handle(key, keymap: keymap, mode: .prompt)
            if state.search.text != before { state.list.reset(count: state.matches.count) }
        }
        return []
    }
}
