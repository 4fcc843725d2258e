import ConversationModel
import TerminalText
import TerminalUI

/// `/connectors`: every configured connector and its state here; Enter for one's details.
/// It owns only the panel; the roster and this conversation's uses are the app's, read as a
/// `Roster`, and whatever changes them is asked of the app as a `Delegate`.
public enum ConnectorsFeature {
    public struct State: Equatable, Sendable {
        public enum Mode: Equatable, Sendable {
            case list
            case details(String)
        }

        public var list: SelectionList
        public var mode: Mode
        /// The top line of the details view.
        public var detailsTop: Int

        public init(list: SelectionList = SelectionList(count: 0), mode: Mode = .list, detailsTop: Int = 0) {
            self.list = list
            self.mode = mode
            self.detailsTop = detailsTop
        }

        /// The list sized to the connectors there are now: they come and go while the panel is open
        /// (one added from the custom form appears only once its configuration is read back).
        public func synced(to names: [String]) -> State {
            guard list.count != names.count else { return self }
            var state = self
            state.list.reset(count: names.count, selected: list.selected)
            return state
        }

        /// The keymap layer the panel's keys are read in.
        public var inputMode: InputMode {
            switch mode {
            case .list: return .connectors
            case .details: return .connectorDetails
            }
        }
    }

    /// What the panel reads and does not own: the configured connectors in order, and their use here.
    public struct Roster: Equatable, Sendable {
        public var names: [String]
        public var connectors: [String: ConnectorInfo]
        public var uses: [String: ConnectorUse]

        public init(names: [String], connectors: [String: ConnectorInfo], uses: [String: ConnectorUse]) {
            self.names = names
            self.connectors = connectors
            self.uses = uses
        }

        func use(of name: String) -> ConnectorUse { uses[name] ?? .on }
    }

    public enum Action: Equatable, Sendable {
        case key(KeyEvent)
        /// A connector is being removed or is gone: back to the list, sized to what is left.
        case showList
    }

    /// What the panel asks of the app, in order.
    public enum Delegate: Equatable, Sendable {
        case close
        case flash(String, isError: Bool)
        /// Change these connectors' use in this conversation (from the next model call).
        case setUses([String: ConnectorUse])
        case saveDefaultUses
        case openDirectory
        case addCustom
        case reconnect(String)
        case disconnect(String)
        case signIn(String)
        case toggleTrust(String)
        case confirm(Question)
    }

    /// A yes/no question the app asks over the panel.
    public struct Question: Equatable, Sendable {
        public enum Yes: Equatable, Sendable {
            case remove(String)
            case toggleTrust(String)
        }

        public var title: String
        public var text: String
        public var yes: Yes
        /// Said when the answer is no (nothing when the panel says enough).
        public var declined: String?
    }

    /// The panel opened on the list, or on `name`'s details; nil when no connector has that name.
    public static func opened(named name: String, names: [String]) -> State? {
        var state = State(list: SelectionList(count: names.count))
        guard !name.isEmpty else { return state }
        guard let index = names.firstIndex(where: { $0.lowercased() == name.lowercased() }) else { return nil }
        state.list.select(index)
        state.mode = .details(names[index])
        return state
    }

    public static func reduce(_ state: inout State, _ action: Action, roster: Roster, keymap: Keymap) -> [Delegate] {
        state = state.synced(to: roster.names)
        guard case .key(let key) = action else {
            state.mode = .list
            return []
        }
        let command = keymap.command(for: key, in: state.inputMode)
        switch state.mode {
        case .list:
            let names = roster.names
            let selected = names.indices.contains(state.list.selected) ? names[state.list.selected] : nil
            switch command {
            case .menuUp: state.list.move(by: -1)
            case .menuDown: state.list.move(by: 1)
            case .close: return [.close]
            case .menuAccept:
                if let selected { state.mode = .details(selected); state.detailsTop = 0 }
            case .cycleUse:
                if let selected { return setUses([selected: roster.use(of: selected).next], roster: roster) }
            case .allOn: return setUses(Dictionary(uniqueKeysWithValues: names.map { ($0, .on) }), roster: roster)
            case .allOff: return setUses(Dictionary(uniqueKeysWithValues: names.map { ($0, .off) }), roster: roster)
            case .directory: return [.openDirectory]
            case .addCustom: return [.addCustom]
            case .saveDefault: return [.flash("New conversations will start with these connectors.", isError: false), .saveDefaultUses]
            default: break
            }
        case .details(let name):
            let info = roster.connectors[name]
            switch command {
            case .close: state.mode = .list
            case .cycleUse: return setUses([name: roster.use(of: name).next], roster: roster)
            case .reconnect where offers(.reconnect, info: info): return [.reconnect(name)]
            case .remove:
                return [.confirm(Question(title: "Remove connector",
                                          text: "Remove \(Sanitizer.clean(name, keepNewlines: false)) from your configuration? y removes, any other key keeps it.",
                                          yes: .remove(name)))]
            case .trust where info?.health == .notApproved: return [.confirm(folderApproval(roster))]
            case .trust: return [.toggleTrust(name)]
            case .signIn: return [.signIn(name)]
            case .disconnect where offers(.disconnect, info: info):
                let signIn = info?.isSignedIn == true ? " and forgot its sign-in" : ""
                let now = keymap.key(for: .reconnect, in: .connectorDetails).map { ", or with \($0)" } ?? ""
                return [.flash("Disconnected \(name)\(signIn); it starts again when something uses it\(now).", isError: false), .disconnect(name)]
            case .cursorUp, .menuUp: state.detailsTop = max(0, state.detailsTop - 1)
            case .cursorDown, .menuDown: state.detailsTop += 1
            case .scrollPageUp: state.detailsTop = max(0, state.detailsTop - 10)
            case .scrollPageDown: state.detailsTop += 10
            default: break
            }
        }
        return []
    }

    /// Whether a command means anything for the connector shown, so its hint is worth showing:
    /// a local connector does not sign in, and a built-in is trusted already.
    public static func offers(_ command: KeyCommand, info: ConnectorInfo?) -> Bool {
        guard let info else { return true }
        switch command {
        case .signIn: return info.transport == "http" || info.transport == "sse"
        case .disconnect: return info.isSignedIn || info.health == .ready || info.health == .starting || info.health == .needsSignIn
        case .trust: return info.source != .builtin
        case .reconnect: return info.health != .blocked && info.health != .notApproved && info.health != .idle
        default: return true
        }
    }

    /// A connector blocked by policy stays off; turning on one that needs sign-in asks for it.
    private static func setUses(_ uses: [String: ConnectorUse], roster: Roster) -> [Delegate] {
        var uses = uses
        var delegates: [Delegate] = []
        for (name, use) in uses where use != .off && roster.connectors[name]?.health == .blocked {
            uses[name] = nil
            if uses.isEmpty { delegates.append(.flash("\(name) is \(roster.connectors[name]?.reason ?? "blocked by policy").", isError: true)) }
        }
        guard !uses.isEmpty else { return delegates }
        delegates.append(.setUses(uses))
        if uses.count == 1, let (name, use) = uses.first, use != .off, roster.connectors[name]?.health == .needsSignIn {
            delegates.append(.signIn(name))
        }
        return delegates
    }

    /// Approving a folder's `.mcp.json` starts every server in it: the question names each one, what it runs
    /// or where it connects, and which of the person's secrets and loader settings it would get, before `y`.
    private static func folderApproval(_ roster: Roster) -> Question {
        let members = roster.names.compactMap { roster.connectors[$0] }.filter { $0.source == .thisFolder && $0.health == .notApproved }
        let servers = members.map { info -> String in
            var line = "• \(Sanitizer.clean(info.name, keepNewlines: false)): \(Sanitizer.clean(info.address, keepNewlines: false))"
            let secrets = info.variablesRead.filter(SecretNames.looksSecret)
            if info.inheritsEnvironment { line += "\n  gets your whole environment, every key in it" }
            if !secrets.isEmpty { line += "\n  gets your secret \(secrets.joined(separator: ", "))" }
            let others = info.variablesRead.filter { !SecretNames.looksSecret($0) }
            if !others.isEmpty { line += "\n  reads your \(others.joined(separator: ", "))" }
            let loaders = info.environmentSet.filter(CodeLoadingVariables.loadsCode)
            if !loaders.isEmpty { line += "\n  sets \(loaders.joined(separator: ", ")), which runs code in what it starts" }
            return line
        }
        return Question(
            title: "Approve this folder's .mcp.json",
            text: "It was written by whoever made this folder, and approving starts all of it now and whenever chattui starts here:\n"
                + servers.joined(separator: "\n") + "\n\ny approves and starts them (off in conversations until you turn them on); any other key does not.",
            yes: .toggleTrust(members.first?.name ?? ""),
            declined: "Not approved: nothing from this folder runs.")
    }
}
