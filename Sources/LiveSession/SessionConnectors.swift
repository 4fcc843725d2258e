import ChatFeatures
import ConnectorMenu
import ConversationModel
import Foundation
import MCPClient
import Synchronization

/// The connector set the session started with or last re-read, shared with connector callbacks.
public final class ConnectorRoster: Sendable {
    private let set: Mutex<ConnectorSet>

    init(_ set: ConnectorSet) { self.set = Mutex(set) }

    var current: ConnectorSet {
        get { set.withLock { $0 } }
        set { self.set.withLock { [newValue] in $0 = newValue } }
    }
}

/// The connectors as the session keeps them: which exist (the roster, rebuilt from the files
/// after every change the person makes), their state in each conversation, and what the person
/// trusts. Every change is written to its file first; the roster is then read back from the files.
extension ChatSession {
    var connectorSet: ConnectorSet { roster.current }

    /// The configuration of a connector that may run.
    func runnableConfiguration(_ name: String) -> ServerConfiguration? {
        connectorSet[name].flatMap { $0.standing == .runs ? $0.configuration : nil }
    }

    /// Re-reads the files and applies the policy and approvals again; returns the new roster.
    @discardableResult
    func reloadRoster() -> ConnectorSet {
        let fresh = composition.connectorSet()
        roster.current = fresh
        return fresh
    }

    /// Re-reads the files as /connectors (NAME) opens, so a connector added outside the interface (`chattui
    /// mcp add`) shows without a restart (like any other, it starts only once turned on), and one removed
    /// there (`chattui mcp remove`, its entry deleted) goes, stopped if it ran. Returns those added, for
    /// the panel to open on.
    func rereadConnectors() -> [ConnectorInfo] {
        let known = Set(connectorSet.members.keys)
        let fresh = reloadRoster()
        let added = fresh.members.values.filter { !known.contains($0.name) }
        stopRemoved(known.filter { fresh[$0] == nil }.sorted())
        return enrolNotStarted(added)
    }

    /// Stops connectors no longer in the files and takes them off the screen.
    private func stopRemoved(_ names: [String]) {
        guard !names.isEmpty else { return }
        let (manager, post) = (self.manager, self.post)
        Task {
            for name in names {
                await manager.disconnect(name)
                post(.connectorRemoved(name))
            }
        }
    }

    /// Hands those of `members` that may run to the manager unconnected (each starts once something
    /// uses it); returns them all as not started, for the screen.
    private func enrolNotStarted(_ members: [ConnectorSet.Member]) -> [ConnectorInfo] {
        guard !members.isEmpty else { return [] }
        let manager = self.manager
        Task {
            for member in members where member.standing == .runs {
                if let configuration = member.configuration { await manager.add(configuration, connectNow: false) }
            }
        }
        return members.map(ConnectorInfoBuilder.notStarted)
    }

    /// Every configured connector as the interface first shows it: starting when the conversation
    /// opened uses it (opening it asked for that), else not started, or why it never runs.
    public func initialConnectors(in conversation: ConversationID) -> [String: ConnectorInfo] {
        let uses = (try? connectorUses(in: conversation)) ?? [:]
        return connectorSet.members.mapValues { member in
            uses[member.name, default: .off] == .off ? ConnectorInfoBuilder.notStarted(member) : ConnectorInfoBuilder.starting(member)
        }
    }

    /// Each connector's state in a conversation: what was chosen there, else the person's default
    /// set, else on for a built-in while no default was saved and off for everything else. One
    /// that may not run is off. An unreadable store fails the whole question, never opening it.
    func connectorUses(in conversation: ConversationID) throws(StoreError) -> [String: ConnectorUse] {
        let chosen = try store.connectorUses(in: conversation)
        let defaults = try defaultUses()
        var uses: [String: ConnectorUse] = [:]
        for (name, member) in connectorSet.members {
            uses[name] = member.standing == .runs ? chosen[name] ?? unchosenUse(name, defaults: defaults) : .off
        }
        return uses
    }

    /// A connector's state in a conversation that never chose it: as in the default set `defaults`, else
    /// on for a built-in while no default was saved, else off.
    private func unchosenUse(_ name: String, defaults: [String: ConnectorUse]?) -> ConnectorUse {
        defaults?[name] ?? (defaults == nil && connectorSet[name]?.origin == .builtin ? .on : .off)
    }

    private static let defaultUsesKey = "defaultConnectorUses"

    /// The set saved with `s`, or nil when none was saved yet.
    func defaultUses() throws(StoreError) -> [String: ConnectorUse]? {
        guard let text = try store.setting(Self.defaultUsesKey) else { return nil }
        guard let uses = try? JSONDecoder().decode([String: ConnectorUse].self, from: Data(text.utf8)) else {
            throw .failed(reason: "the saved default connectors cannot be read; save them again with s in /connectors")
        }
        return uses
    }

    /// Saves `uses` as the set new conversations start with; every earlier conversation keeps the set
    /// it started with (README), so what it never chose is written into it first.
    func saveDefaultUses(_ uses: [String: ConnectorUse]) throws(StoreError) {
        let data = (try? JSONEncoder().encode(uses)) ?? Data("{}".utf8)
        var started: [String: ConnectorUse] = [:]
        do {
            let previous = try defaultUses()
            for name in Set(connectorSet.members.keys).union(previous.map { Array($0.keys) } ?? []) {
                started[name] = unchosenUse(name, defaults: previous)
            }
        } catch {
            // An unreadable saved set opened no conversation, so none started with it: nothing to keep.
        }
        try store.keepConnectorUses(started, settingDefault: Self.defaultUsesKey, to: String(decoding: data, as: UTF8.self))
    }

    /// URLs of the shipped catalogue's connectors: what is not among them is custom.
    static func catalogueAddresses() -> Set<String> {
        guard let data = FileManager.default.contents(atPath: shippedCatalogue.path),
              let directory = try? ConnectorDirectory.parse(data) else { return [] }
        return Set(directory.entries.compactMap(\.url))
    }

    /// Starts a connector again; what was read of its views is read again too, as it may have changed.
    func reconnect(_ name: String) {
        let (manager, views) = (self.manager, self.views)
        Task {
            await views.forget(connector: name)
            await manager.reconnect(name)
        }
    }

    /// Takes a connector out of the person's configuration and stops it.
    func remove(_ name: String) {
        tokenStore.delete(name)
        do {
            guard try files.remove(name: name) else {
                post(.failed("\(name) is not in \(files.userFile.path); a project's .mcp.json may define it."))
                return
            }
        } catch {
            post(.failed("Could not remove \(name): \(error)"))
            return
        }
        reloadRoster()
        stopRemoved([name])
    }

    /// `t` in a connector's details: approves the folder's `.mcp.json` for a connector that waits
    /// for it, else trusts (or stops trusting) the connector's word about its tools.
    func toggleTrust(_ name: String) {
        guard let member = connectorSet[name] else { return }
        switch (member.origin, member.standing) {
        case (.project, .awaitingApproval): approveProject()
        case (.builtin, _): post(.flash(Flash(text: "\(name) is built into chattui and always trusted.", isError: false)))
        case (_, .runs): setTrusted(!(member.configuration?.isTrusted ?? false), member)
        default: post(.failed("\(name) cannot be trusted: \(member.reason ?? "it does not run")."))
        }
    }

    private func setTrusted(_ trusted: Bool, _ member: ConnectorSet.Member) {
        do {
            switch member.origin {
            case .project:
                guard let project = connectorSet.project else { return }
                try composition.approvals.setTrusted(trusted, connector: member.name, in: project)
            default:
                try files.setField("trusted", to: trusted, of: member.name)
            }
        } catch {
            post(.failed("Could not remember the trust for \(member.name): \(error)"))
            return
        }
        let fresh = reloadRoster()
        guard let updated = fresh[member.name] else { return }
        let (manager, post, name) = (self.manager, self.post, member.name)
        post(.connectorTrustChanged(name, trusted: updated.configuration?.isTrusted ?? false))
        Task { await manager.setTrusted(name, updated.configuration?.isTrusted ?? false) }
    }

    /// Approves this folder's `.mcp.json` as it is now; the connectors it may run start once turned on here.
    func approveProject() {
        guard let project = connectorSet.project else { return }
        do { try composition.approvals.approve(project) } catch {
            post(.failed("Could not remember the approval: \(error)"))
            return
        }
        let fresh = reloadRoster()
        let approved = fresh.members.values.filter { $0.origin == .project(file: project.path) && $0.standing == .runs }
        for info in enrolNotStarted(Array(approved)) { post(.connectorChanged(info)) }
        post(.flash(Flash(text: "Approved this folder's .mcp.json: \(approved.map(\.name).sorted().joined(separator: ", ")) off here; each starts when you turn it on.", isError: false)))
    }
}
