import Foundation
import MCP

/// Settles which era a server speaks, as the official Python SDK's client does:
/// `server/discover` at 2026-07-28 first; any JSON-RPC error, an HTTP refusal,
/// or an answer naming no stateless revision we speak falls back to the
/// `initialize` handshake (a server that speaks only stateless revisions we
/// do not know refuses it, and that refusal is the reason shown).
struct Negotiation {
    let client: Client
    let transport: ClientTransport
    let logFile: URL

    struct Server: Sendable {
        var era: ProtocolEra
        var name: String
        var version: String
        var instructions: String?
        var capabilities: MCP.Server.Capabilities
    }

    func run(probing: Bool) async throws -> Server {
        if probing, let server = try await discover() { return server }  // `probing`: the transport and `ClientConfiguration` allow it
        await transport.speak(nil)
        let initialized = try await client.handshake()
        let era = ProtocolEra.handshake(initialized.protocolVersion)
        await transport.speak(era)
        return Server(era: era, name: initialized.serverInfo.name, version: initialized.serverInfo.version,
                      instructions: initialized.instructions, capabilities: initialized.capabilities)
    }

    /// The stateless server, or nil when the handshake should be tried.
    private func discover() async throws -> Server? {
        await transport.speak(.stateless(ProtocolEra.latestStateless))
        let answer: Discover.Result
        do {
            answer = try await client.perform(Discover.request())
        } catch let error as MCPError {
            // Its answer to `initialize` says what it speaks, or why it will not.
            ConnectorLog.append("server/discover refused (\(error)); trying initialize", to: logFile)
            return nil
        } catch is DecodingError {
            // An error answer the SDK cannot read (the 1.x Python SDK sends `"data": ""`) is a refusal too.
            ConnectorLog.append("server/discover refused (an error answer); trying initialize", to: logFile)
            return nil
        } catch HTTPTransportError.initializeRejected(let status) {
            ConnectorLog.append("server/discover refused (HTTP \(status)); trying initialize", to: logFile)
            return nil
        }
        guard let revision = ProtocolEra.statelessRevisions.last(where: answer.supportedVersions.contains) else {
            ConnectorLog.append("server/discover names no revision we speak statelessly (\(answer.supportedVersions.joined(separator: ", "))); trying initialize", to: logFile)
            return nil
        }
        let era = ProtocolEra.stateless(revision)
        await transport.speak(era)
        let info = answer.serverInfo
        return Server(era: era, name: info.name, version: info.version, instructions: answer.instructions, capabilities: answer.capabilities)
    }
}
