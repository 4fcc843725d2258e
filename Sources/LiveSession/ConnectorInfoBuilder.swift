import ChatFeatures
import ConnectorMenu
import ConversationModel
import Foundation
import MCP
import MCPClient

/// A connector's configuration and state as the interface shows them.
public enum ConnectorInfoBuilder {
    /// A connector being started (added, installed): starting when it may run, else why not.
    static func starting(_ member: ConnectorSet.Member) -> ConnectorInfo {
        var info = notStarted(member)
        if member.standing == .runs { info.health = .starting }
        return info
    }

    /// A connector nothing has used yet: not started when it may run (it starts once it is on or on
    /// demand in the conversation shown, or its details are opened), else why it never runs.
    static func notStarted(_ member: ConnectorSet.Member) -> ConnectorInfo {
        var info = ConnectorInfo(name: member.name, transport: member.configuration?.transportName ?? "",
                                 address: member.configuration?.shownAddress ?? "")
        info.isTrusted = member.configuration?.isTrusted ?? false
        info.variablesRead = member.configuration?.variablesRead ?? []
        info.inheritsEnvironment = member.configuration?.inheritsEnvironment ?? false
        if case .stdio(_, _, let environment, _)? = member.configuration?.transport { info.environmentSet = environment.keys.sorted() }
        switch member.origin {
        case .builtin: info.source = .builtin
        case .person: info.source = .yours
        case .project: info.source = .thisFolder
        }
        switch member.standing {
        case .runs: info.health = .notStarted
        case .blocked(let reason): info.health = .blocked; info.reason = reason
        case .broken(let reason): info.health = .failed; info.reason = reason
        case .awaitingApproval: info.health = .notApproved; info.reason = member.reason
        case .idle(let reason): info.health = .idle; info.reason = reason
        }
        return info
    }

    static func info(_ member: ConnectorSet.Member, state: ConnectorState, logFile: URL, isSignedIn: Bool) -> ConnectorInfo {
        var info = notStarted(member)
        info.logPath = logFile.path
        info.isSignedIn = isSignedIn
        switch state {
        case .connecting, .reconnecting:
            info.health = .starting
            if case .reconnecting(_, let delay, let reason) = state { info.reason = "reconnecting in \(delay.formatted()): \(reason)" }
        case .needsSignIn:
            info.health = .needsSignIn
            info.reason = "the server asks to sign in"
        case .stopped:
            info.health = .notStarted
            info.reason = "disconnected"
        case .failed(let reason, _):
            info.health = .failed
            info.reason = reason
            info.logTail = ConnectorLog.tail(of: logFile, lines: 8)
        case .ready(let offer):
            info.health = .ready
            let snapshot = offer.snapshot
            info.server = "\(snapshot.serverName) \(snapshot.serverVersion), MCP \(snapshot.era)"
            info.description = snapshot.instructions.flatMap { $0.split(whereSeparator: \.isNewline).first.map(String.init) }
            info.tools = ToolNamespace.assign(snapshot.tools.map { (member.name, $0) }).map { tool in
                ConnectorInfo.ToolSummary(
                    id: tool.id, name: tool.tool.name, title: tool.title,
                    effect: tool.isReadOnly ? .reads : tool.isDestructive ? .destroys : .writes,
                    tokens: ConnectorReport.estimatedTokens(tool.tool), hiddenFromModel: ConnectorReport.hiddenReason(tool) != nil,
                    callableFromCards: tool.visibility.contains("app"),
                    inputSchema: JSONValue.converting(tool.tool.inputSchema) ?? .object([:]))
            }
            info.resources = snapshot.resources.map { entry($0, connector: member.name) }
            info.prompts = snapshot.prompts.map { entry($0, connector: member.name) }
        }
        return info
    }

    static func entry(_ prompt: Prompt, connector: String) -> PromptEntry {
        PromptEntry(connector: connector, name: prompt.name, title: prompt.title, description: prompt.description,
                    arguments: (prompt.arguments ?? []).map { .init(name: $0.name, description: $0.description, isRequired: $0.required ?? false) })
    }

    static func entry(_ resource: Resource, connector: String) -> ResourceEntry {
        ResourceEntry(connector: connector, uri: resource.uri, name: resource.title ?? resource.name,
                      mimeType: resource.mimeType, description: resource.description)
    }
}
