import ConnectorMenu
import ConversationModel
import TerminalUI

/// The directory's Registry tab: results as the person types (after a pause, so a burst of keys is one
/// search), answers to older queries dropped, the next page fetched as the selection nears the end.
extension AppReducer {
    /// Entries left below the selection when the next page is asked for.
    static let registryPrefetch = 5

    func reduceRegistry(_ action: RegistryAction, in state: inout AppState) -> [Effect] {
        guard case .directory(var panel) = state.overlay else { return [] }
        var effects: [Effect] = []
        switch action {
        case .opened(.success(let status)):
            panel.registry.status = .open(status)
            effects = startRegistrySearch(&panel)
        case .opened(.failure(let refusal)):
            panel.registry.status = .failed(refusal.reason)
        case .pauseEnded(let keystroke):
            // Another key came since: its own pause will search.
            guard keystroke == panel.registry.keystrokes, panel.registry.isOpen else { return [] }
            effects = startRegistrySearch(&panel)
        case .answered(let page):
            guard page.query == panel.registry.query else { return [] }
            var tab = panel.registry
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
            panel.registry = tab
            if panel.isOnRegistry { panel.list.reset(count: tab.listings.count, selected: page.isNextPage ? panel.list.selected : 0) }
        case .detailsLoaded(.success(let details)):
            panel.registryDetails = details
        case .detailsLoaded(.failure(let refusal)):
            state.flash = Flash(text: refusal.reason, isError: true)
        case .curatedBlocked(let blocked):
            panel.blocked = blocked
        }
        state.overlay = .directory(panel)
        return effects
    }

    /// Searches the field's text now (the tab was opened, or the person paused).
    private func startRegistrySearch(_ panel: inout DirectoryPanel) -> [Effect] {
        panel.registry.query = panel.search.text
        panel.registry.isSearching = true
        panel.registry.isLoadingMore = false
        return [.registry(.search(panel.search.text))]
    }

    /// Keys on the Registry tab's list; nil for keys the directory handles the same on every tab.
    func registryListKey(_ command: KeyCommand?, key: KeyEvent, panel: inout DirectoryPanel) -> [Effect]? {
        switch command {
        case .menuUp: panel.list.move(by: -1, wraps: false)
        case .menuDown: panel.list.move(by: 1, wraps: false)
        case .scrollPageUp: panel.list.move(by: -10, wraps: false)
        case .scrollPageDown: panel.list.move(by: 10, wraps: false)
        case .menuAccept:
            let listings = panel.registry.listings
            guard listings.indices.contains(panel.list.selected) else { return [] }
            return [.registry(.details(listings[panel.list.selected].name))]
        case .close, .nextField, .previousField:
            return nil
        default:
            let before = panel.search.text
            _ = panel.search.handle(key, keymap: keymap, mode: .prompt)
            guard panel.search.text != before else { return [] }
            panel.registry.keystrokes += 1
            return [.registry(.pause(panel.registry.keystrokes))]
        }
        return morePageIfNear(&panel)
    }

    /// The next page, once the selection is within a few entries of the end of what arrived.
    private func morePageIfNear(_ panel: inout DirectoryPanel) -> [Effect] {
        let tab = panel.registry
        guard tab.hasMore, !tab.isLoadingMore, !tab.isSearching, panel.list.selected >= tab.listings.count - Self.registryPrefetch else { return [] }
        panel.registry.isLoadingMore = true
        return [.registry(.more)]
    }

    /// Arriving on the Registry tab: open the registry the first time, else search the field's text.
    func enterRegistryTab(_ panel: inout DirectoryPanel) -> [Effect] {
        panel.list.reset(count: panel.registry.listings.count)
        switch panel.registry.status {
        case .closed:
            panel.registry.status = .opening
            return [.registry(.open)]
        case .open where panel.registry.query != panel.search.text:
            return startRegistrySearch(&panel)
        default:
            return []
        }
    }

    /// A registry entry's details: `i` opens the install form (name, then what the entry asks for).
    func registryDetailsKey(_ command: KeyCommand?, details: RegistryEntryDetails, panel: inout DirectoryPanel, in state: inout AppState) -> Bool {
        switch command {
        case .close:
            panel.registryDetails = nil
        case .install:
            if let blocked = details.blocked {
                state.flash = Flash(text: "\(details.title) cannot be installed: \(blocked).", isError: true)
            } else if case .failure(let refusal) = details.form {
                state.flash = Flash(text: refusal.reason, isError: true)
            } else if case .success(let schema) = details.form {
                let note = (details.warnings + ["It is added as a custom connector: on in this conversation only, and every call it makes asks until you trust it (t in its details)."])
                    .joined(separator: "\n")
                state.overlay = .form(FormPanel(purpose: .registryInstall(details.name), title: "Install \(details.title)", note: note, schema: schema))
                return true
            }
        default:
            break
        }
        return false
    }

    /// The install form was filled in: the connector's name is checked here, the rest by the plan.
    func submitRegistryInstall(_ form: FormPanel, entry: String, arguments: JSONValue, in state: inout AppState) -> [Effect] {
        var values = (arguments.objectValue ?? [:]).compactMapValues { value -> String? in
            if case .bool(let flag) = value { return flag ? "true" : "false" }
            return value.stringValue
        }
        let name = (values.removeValue(forKey: RegistryEntryDetails.nameField) ?? "").trimmingCharacters(in: .whitespaces)
        let problem: String? = if let rule = ConnectorNaming.nameProblem(name) {
            "connector name: \(rule)"
        } else if state.connectors[name] != nil {
            "connector name: \(name) exists already; choose another"
        } else { nil }
        if let problem {
            var form = form
            form.problem = problem
            form.fields.focus = 0
            state.overlay = .form(form)
            return []
        }
        showAdded(name, saying: "Installing \(name) from the registry…", in: &state)
        return [.registry(.install(entry: entry, name: name, values: values, conversation: state.conversation.id))]
    }
}
