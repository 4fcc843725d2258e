import ArgumentParser
import Foundation
import MCP
import MCPClient
import TerminalText

/// `chattui conformance-client URL`: the client side of the MCP conformance
/// suite (modelcontextprotocol/conformance). Its runner starts a scenario's
/// server and runs this with the URL as the last argument and
/// `MCP_CONFORMANCE_SCENARIO`, `MCP_CONFORMANCE_PROTOCOL_VERSION` (the revision
/// the scenario runs at) and, for some scenarios, `MCP_CONFORMANCE_CONTEXT`
/// (`{"name": scenario, …}`) set. We connect as chattui does and do what the
/// scenario expects of a client (`ConformanceScenario`); questions are answered
/// as an untouched form would be. Exit 0 when the client did its part (a tool that
/// answers with an error is the server's verdict, printed, as the suite's own client
/// takes it), 1 when it could not (and for a scenario we do not know).
struct ConformanceClientCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "conformance-client",
                                                    abstract: "Run an MCP conformance scenario's client against URL.", shouldDisplay: false)

    @Argument(help: "The scenario server's Streamable HTTP address.") var url: String

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        guard let name = environment["MCP_CONFORMANCE_SCENARIO"] else {
            CommandLineText.printLines("usage: MCP_CONFORMANCE_SCENARIO=<scenario> chattui conformance-client URL\nscenarios: "
                                       + ConformanceScenario.names.joined(separator: ", "), toError: true)
            throw ExitCode.failure
        }
        guard let scenario = ConformanceScenario(name) else {
            CommandLineText.printError("unknown scenario: \(name)")
            throw ExitCode.failure
        }
        guard let address = URL(string: url), address.scheme == "http" || address.scheme == "https" else {
            CommandLineText.printError("not an http(s) address: \(url)")
            throw ExitCode.failure
        }
        let context = environment["MCP_CONFORMANCE_CONTEXT"].flatMap { try? JSONDecoder().decode([String: Value].self, from: Data($0.utf8)) } ?? [:]
        // A revision of the handshake era is spoken as that era: no `server/discover` probe.
        let revision = environment["MCP_CONFORMANCE_PROTOCOL_VERSION"]
        let client = ClientConfiguration(probesStateless: revision.map { ProtocolEra.statelessRevisions.contains($0) } ?? true)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chattui-conformance-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let connection = ConformanceConnection(url: address, client: client, folder: folder, oauth: scenario.oauthClient(context))
        do {
            try await scenario.play(on: connection, context: context, scenario: name)
            await connection.close()
        } catch {
            await connection.close()
            CommandLineText.printError("\(name): \(error)")
            throw ExitCode.failure
        }
    }
}

/// One connection to a scenario's server that signs in when the server asks (a 401, or a
/// 403 for more scope) as `chattui mcp login` would, the browser's part being to follow
/// the authorization server's redirect (the suite's grants at once).
actor ConformanceConnection {
    let url: URL
    let client: ClientConfiguration
    let folder: URL
    let oauth: ServerConfiguration.OAuthClientSettings
    private var connection: ServerConnection?
    private var signIns = 0
    private static let name = "conformance"

    init(url: URL, client: ClientConfiguration, folder: URL, oauth: ServerConfiguration.OAuthClientSettings) {
        (self.url, self.client, self.folder, self.oauth) = (url, client, folder, oauth)
    }

    // `ServerConnection` reads sign-ins from the `auth` folder beside its log folder.
    private var tokens: TokenStore { TokenStore(directory: folder.appendingPathComponent("auth")) }

    func open() async throws -> ServerSnapshot {
        let connection = ServerConnection(configuration: ServerConfiguration(name: Self.name, transport: .http(url: url, headers: [:])),
                                          logDirectory: folder.appendingPathComponent("logs"), client: client,
                                          elicitation: { parameters in Self.untouchedForm(parameters) })
        do {
            let snapshot = try await connection.open()
            self.connection = connection
            CommandLineText.print("connected: \(snapshot.serverName) \(snapshot.serverVersion), protocol \(snapshot.era), \(counted(snapshot.tools.count, "tool"))")
            return snapshot
        } catch HTTPTransportError.needsSignIn(let challenge) {
            await connection.close()
            try await signIn(challenge)
            return try await open()
        }
    }

    func callTool(_ name: String, _ arguments: [String: Value]) async throws -> CallTool.Result {
        guard let connection else { throw ValidationError("not connected") }
        do {
            let result = try await connection.callTool(name, arguments: arguments)
            CommandLineText.print("  \(name)\(result.isError == true ? " (error)" : ""): " + result.content.compactMap {
                if case .text(let text, _, _) = $0 { String(text.prefix(200)) } else { nil } }.joined(separator: " "))
            return result
        } catch HTTPTransportError.needsSignIn(let challenge) {
            await connection.close()
            try await signIn(challenge)
            _ = try await open()
            return try await callTool(name, arguments)
        }
    }

    func listTools() async throws { _ = try await connection?.listTools() }

    func readResource(_ uri: String) async throws { _ = try await connection?.readResource(uri) }

    func getPrompt(_ name: String, arguments: [String: String]) async throws { _ = try await connection?.getPrompt(name, arguments: arguments) }

    func close() async { await connection?.close() }

    private func signIn(_ challenge: String?) async throws {
        signIns += 1
        guard signIns <= OAuthFlow.stepUpLimit + 1 else { throw ValidationError("the server still asks to sign in after \(signIns - 1) sign-ins") }
        tokens.recordStepUp(Self.name, challenge: challenge)
        let flow = OAuthFlow(resourceURL: url)
        let granted = Granted()
        let credentials = try await flow.signIn(previous: tokens.load(Self.name), redirectURI: "http://127.0.0.1:33418/callback", client: oauth,
                                                started: { pending in granted.redirect = try? await flow.redirectGrantedAtOnce(pending) },
                                                redirect: { granted.redirect })
        try tokens.save(credentials, for: Self.name)
        CommandLineText.print("signed in")
    }

    private final class Granted: @unchecked Sendable { var redirect: String? }

    /// A form accepted as it opens: each field's default (SEP-1034). A URL question is declined.
    private static func untouchedForm(_ parameters: CreateElicitation.Parameters) -> CreateElicitation.Result {
        guard case .form(let form) = parameters else { return .init(action: .decline) }
        return .init(action: .accept, content: form.requestedSchema.properties.compactMapValues { $0.objectValue?["default"] })
    }
}
