import Foundation
import MCP

/// `subscriptions/listen` (2026-07-28, SEP-2575): a stateless server has no
/// stream of its own, so change notifications (`list_changed`) come on the
/// answer to this request, which stays open for the connection's life. The
/// server acknowledges the kinds it will send; its result means it has ended.
enum SubscriptionsListen: MCP.Method {
    static let name = "subscriptions/listen"

    struct Parameters: Codable, Hashable, Sendable {
        var notifications: Filter
    }

    /// The notification kinds asked for; only what is asked for is sent.
    struct Filter: Codable, Hashable, Sendable {
        var toolsListChanged: Bool?
        var promptsListChanged: Bool?
        var resourcesListChanged: Bool?

        /// Each list the server offers (the server's acknowledgement says which it will announce).
        init(offered capabilities: Server.Capabilities) {
            toolsListChanged = capabilities.tools == nil ? nil : true
            promptsListChanged = capabilities.prompts == nil ? nil : true
            resourcesListChanged = capabilities.resources == nil ? nil : true
        }

        var isEmpty: Bool { toolsListChanged == nil && promptsListChanged == nil && resourcesListChanged == nil }
    }

    /// The graceful end; its body says nothing more.
    struct Result: Codable, Hashable, Sendable {}
}

extension ServerConnection {
    /// Opens the stateless era's listen stream for what the server offers. It
    /// has no deadline (it answers only when it ends); closing the connection
    /// fails it. The notifications reach the same handlers as the handshake era's.
    func listen(for capabilities: Server.Capabilities) {
        let filter = SubscriptionsListen.Filter(offered: capabilities)
        guard !filter.isEmpty else { return }
        let (client, logFile) = (sdkClient, self.logFile)
        Task {
            do {
                _ = try await client.perform(SubscriptionsListen.request(.init(notifications: filter)))
                ConnectorLog.append("subscriptions/listen ended by the server; list changes are no longer announced", to: logFile)
            } catch {
                ConnectorLog.append("subscriptions/listen ended (\(error)); list changes are no longer announced", to: logFile)
            }
        }
    }
}
