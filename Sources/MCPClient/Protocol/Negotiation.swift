import Foundation
import MCP

/// Settles which era a server speaks, as the official Python SDK's client does:
/// `server/discover` at 2026-07-28 first; any JSON-RPC error, an HTTP refusal,
/// or an answer naming no stateless revision we speak falls back to the
/// `initialize` handshake (a server that speaks only stateless revisions we
/// do not know refuses it, and that refusal is the reason shown).
///
/// Unlike the Python SDK (which waits 10 s for the probe, then stops listening
/// to it), a probe with no answer after `probeWait` is joined by `initialize`
/// and both are awaited: a server that ignores requests it does not know
/// connects in the handshake era at the cost of that wait, and a slow-starting
/// stateless server still settles by its late `server/discover` answer.
struct Negotiation {
    let client: Client
    let transport: ClientTransport
    let logFile: URL

    /// How long the probe alone is awaited before `initialize` is sent beside it.
    static let probeWait = Duration.seconds(2)

    struct Server: Sendable {
        var era: ProtocolEra
        var name: String
        var version: String
        var instructions: String?
        var capabilities: MCP.Server.Capabilities
    }

    /// What settled while negotiating.
    private enum Outcome: Sendable {
        /// The probe's answer: a stateless server, or nil for "try initialize".
        case discovered(Result<Server?, any Error>)
        /// `probeWait` passed.
        case waited
        case initialized(Result<Server, any Error>)
    }

    func run(probing: Bool) async throws -> Server {
        // `probing`: the transport and `ClientConfiguration` allow it.
        guard probing else { return try await settle(try await handshake()) }
        await transport.speak(.stateless(ProtocolEra.latestStateless))
        let (outcomes, sink) = AsyncStream<Outcome>.makeStream()
        // Unstructured: the request that loses may never be answered (the SDK fails it when the connection closes).
        Task { sink.yield(.discovered(await Self.result { try await discover() })) }
        let timer = Task {
            guard (try? await Task.sleep(for: Self.probeWait)) != nil else { return }
            sink.yield(.waited)
        }
        defer { timer.cancel(); sink.finish() }
        let sendInitialize = {
            await transport.speak(nil)  // `initialize` carries our capabilities; the probe has gone already
            Task { sink.yield(.initialized(await Self.result { try await handshake() })) }
        }
        var discovering = true, initializing = false, refusal: (any Error)?
        for await outcome in outcomes {
            switch outcome {
            case .discovered(.success(let server?)), .initialized(.success(let server)):
                return try await settle(server)
            case .discovered(let verdict):
                discovering = false
                // An error that is no era verdict (the connection closed) ends it, unless `initialize` may still answer.
                if case .failure(let error) = verdict, !initializing { throw error }
                if let refusal { throw refusal }
                if !initializing { initializing = true; await sendInitialize() }
            case .waited where discovering && !initializing:
                ConnectorLog.append("server/discover got no answer within \(Self.probeWait.formatted()); trying initialize beside it", to: logFile)
                initializing = true
                await sendInitialize()
            case .waited:
                continue
            case .initialized(.failure(let error)):
                // A stateless server may refuse `initialize` once the probe locked it; the probe's late answer settles it.
                guard discovering else { throw error }
                refusal = error
            }
        }
        throw CancellationError()
    }

    private func settle(_ server: Server) async throws -> Server {
        await transport.speak(server.era)
        return server
    }

    private func handshake() async throws -> Server {
        let initialized = try await client.handshake()
        // The spec's rule: a client that does not speak the server's revision disconnects.
        guard Version.supported.contains(initialized.protocolVersion) else {
            throw ConnectionError.unsupported(ProtocolEra.refusal(of: initialized.protocolVersion))
        }
        return Server(era: .handshake(initialized.protocolVersion), name: initialized.serverInfo.name, version: initialized.serverInfo.version,
                      instructions: initialized.instructions, capabilities: initialized.capabilities)
    }

    private static func result<T>(_ body: () async throws -> T) async -> Result<T, any Error> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }

    /// The stateless server, or nil when the handshake should be tried. A revision
    /// refused (-32022) is asked again, once, at one the server names and we speak
    /// (over stdio the SDK drops the error's list: again at ours).
    private func discover(askingAgain: Bool = true) async throws -> Server? {
        let answer: Discover.Result
        do {
            answer = try await client.perform(Discover.request())
        } catch HTTPTransportError.revisionRefused(let supported) where askingAgain {
            guard let revision = ProtocolEra.statelessRevisions.last(where: supported.contains) else {
                ConnectorLog.append("server/discover refused: the server takes \(supported.joined(separator: ", ")); trying initialize", to: logFile)
                return nil
            }
            ConnectorLog.append("server/discover refused its revision; asking again at \(revision)", to: logFile)
            await transport.speak(.stateless(revision))
            return try await discover(askingAgain: false)
        } catch let error as MCPError where error.code == ProtocolEra.unsupportedRevisionCode && askingAgain {
            ConnectorLog.append("server/discover refused its revision; asking again", to: logFile)
            return try await discover(askingAgain: false)
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
        } catch HTTPTransportError.revisionRefused {
            ConnectorLog.append("server/discover refused its revision again; trying initialize", to: logFile)
            return nil
        }
        guard let revision = ProtocolEra.statelessRevisions.last(where: answer.supportedVersions.contains) else {
            ConnectorLog.append("server/discover names no revision we speak statelessly (\(answer.supportedVersions.joined(separator: ", "))); trying initialize", to: logFile)
            return nil
        }
        let era = ProtocolEra.stateless(revision)
        let info = answer.serverInfo
        return Server(era: era, name: info.name, version: info.version, instructions: answer.instructions, capabilities: answer.capabilities)
    }
}
