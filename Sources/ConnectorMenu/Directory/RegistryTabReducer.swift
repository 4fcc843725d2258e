import ConversationModel
import TerminalUI

/// The directory's Registry tab: results as the person types (after a pause, so a burst of keys is one
/// search), answers to older queries dropped, the next page fetched as the selection nears the end.
extension DirectoryFeature {
    /// Entries left below the selection when the next page is asked for.
    static let registryPrefetch = 5

    static func reduceRegistry(_ state: inout State, _ action: RegistryAction) -> [Delegate] {
        switch action {
        case .opened(.success(let status)):
            state.registry.status = .open(status)
            return startRegistrySearch(&state)
        case .opened(.failure(let refusal)):
            state.registry.status = .failed(refusal.reason)
        case .pauseEnded(let keystroke):
            // Another key came since: its own pause will search.
            guard keystroke == state.registry.keystrokes, state.registry.isOpen else { return [] }
            return startRegistrySearch(&state)
        case .answered(let page):
            guard page.query == state.registry.query else { return [] }
            var tab = state.registry
            if page.isNextPage {
                guard tab.isLoadingMore else { return [] }
                tab.listings += page.listings
            } else {
                tab.listings = page.listings
            }
            tab.total = page.total
            tab.hasMore = page.hasMore
            tab.problem = page.problem
            tab.isSearching = false
            tab.isLoadingMore = false
            state.registry = tab
            if state.isOnRegistry { state.list.reset(count: tab.listings.count, selected: page.isNextPage ? state.list.selected : 0) }
        case .detailsLoaded(.success(let details)):
            state.registryDetails = details
        case .detailsLoaded(.failure(let refusal)):
            return [.flash(refusal.reason, isError: true)]
        case .curatedBlocked(let blocked):
            state.blocked = blocked
        }
        return []
    }

    /// Searches the field's text now (the tab was opened, or the person paused).
    private static func startRegistrySearch(_ state: inout State) -> [Delegate] {
        state.registry.query = state.search.text
        state.registry.isSearching = true
        state.registry.isLoadingMore = false
        return [.registry(.search(state.search.text))]
    }

    /// Keys on the Registry tab's list; nil for keys the directory handles the same on every tab.
    static func registryListKey(_ command: KeyCommand?, key: KeyEvent, state: inout State, keymap: Keymap) -> [Delegate]? {
        switch command {
        case .menuUp: state.list.move(by: -1, wraps: false)
        case .menuDown: state.list.move(by: 1, wraps: false)
        case .scrollPageUp: state.list.move(by: -10, wraps: false)
        case .scrollPageDown: state.list.move(by: 10, wraps: false)
        case .menuAccept:
            let listings = state.registry.listings
            guard listings.indices.contains(state.list.selected) else { return [] }
            return [.registry(.details(listings[state.list.selected].name))]
        case .close, .nextField, .previousField:
            return nil
        default:
            let before = state.search.text
            _ = state.search.handle(key, keymap: keymap, mode: .prompt)
            guard state.search.text != before else { return [] }
            state.registry.keystrokes += 1
            return [.registry(.pause(state.registry.keystrokes))]
        }
        return morePageIfNear(&state)
    }

    /// The next page, once the selection is within a few entries of the end of what arrived.
    private static func morePageIfNear(_ state: inout State) -> [Delegate] {
        let tab = state.registry
        guard tab.hasMore, !tab.isLoadingMore, !tab.isSearching, state.list.selected >= tab.listings.count - registryPrefetch else { return [] }
        state.registry.isLoadingMore = true
        return [.registry(.more)]
    }

    /// Arriving on the Registry tab: open the registry the first time, else search the field's text.
    static func enterRegistryTab(_ state: inout State) -> [Delegate] {
        state.list.reset(count: state.registry.listings.count)
        switch state.registry.status {
        case .closed:
            state.registry.status = .opening
            return [.registry(.open)]
        case .open where state.registry.query != state.search.text:
            return startRegistrySearch(&state)
        default:
            return []
        }
    }

    /// A registry entry's details: `i` asks for the install form (name, then what the entry asks for).
    static func registryDetailsKey(_ command: KeyCommand?, details: RegistryEntryDetails, state: inout State) -> [Delegate] {
        switch command {
        case .close:
            state.registryDetails = nil
        case .install:
            if let blocked = details.blocked {
                return [.flash("\(details.title) cannot be installed: \(blocked).", isError: true)]
            } else if case .failure(let refusal) = details.form {
                return [.flash(refusal.reason, isError: true)]
            } else if case .success(let schema) = details.form {
                let note = (details.target + details.warnings + ["It is added as a custom connector: on in this conversation only, and every call it makes asks until you trust it (t in its details)."])
                    .joined(separator: "\n")
                return [.installForm(entry: details.name, title: "Install \(details.title)", note: note, schema: schema)]
            }
        default:
            break
        }
        return []
    }
}
