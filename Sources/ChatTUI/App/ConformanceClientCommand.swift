import ArgumentParser
import Foundation
import MCP
import MCPClient

/// `chattui conformance-client URL`: the client side of the MCP conformance
/// suite (modelcontextprotocol/conformance), which starts a scenario's server
/// and runs this with `MCP_CONFORMANCE_SCENARIO` and `MCP_CONFORMANCE_CONTEXT`
/// (JSON) set. It connects as chattui does (2026-07-28 first, then
/// `initialize`), lists the tools, and calls the ones the context names under
/// `"calls"` (`[{"name": …, "arguments": {…}}]`), else each tool that needs no
/// arguments. Questions are answered as an untouched form would: each field's default.
struct ConformanceClientCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "conformance-client",
                                                    abstract: "Run an MCP conformance scenario's client against URL.", shouldDisplay: false)

    @Argument(help: "The scenario server's Streamable HTTP address.") var url: String

    struct Call: Decodable { var name: String; var arguments: [String: Value]? }
    struct Context: Decodable { var calls: [Call]? }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let scenario = environment["MCP_CONFORMANCE_SCENARIO"] ?? "unnamed"
        let context = try environment["MCP_CONFORMANCE_CONTEXT"].map { try JSONDecoder().decode(Context.self, from: Data($0.utf8)) }
        guard let address = URL(string: url), address.scheme == "http" || address.scheme == "https" else {
            throw ValidationError("not an http(s) address: \(url)")
        }
        let logs = FileManager.default.temporaryDirectory.appendingPathComponent("chattui-conformance-\(getpid())")
        defer { try? FileManager.default.removeItem(at: logs) }
        let connection = ServerConnection(configuration: ServerConfiguration(name: "conformance", transport: .http(url: address, headers: [:])),
                                          logDirectory: logs, elicitation: { parameters in
            guard case .form(let form) = parameters else { return .init(action: .decline) }
            return .init(action: .accept, content: form.requestedSchema.properties.compactMapValues { $0.objectValue?["default"] })
        })
        defer { Task { await connection.close() } }
        let snapshot = try await connection.open()
        CommandLineText.print("\(scenario): \(snapshot.serverName) \(snapshot.serverVersion), protocol \(snapshot.era), \(snapshot.tools.count) tools")
        let calls = context?.calls ?? snapshot.tools.filter { ($0.inputSchema.objectValue?["required"]?.arrayValue ?? []).isEmpty }
            .map { Call(name: $0.name, arguments: [:]) }
        var failed = false
        for call in calls {
            let result = try await connection.callTool(call.name, arguments: call.arguments ?? [:])
            failed = failed || result.isError == true
            let text = result.content.compactMap { if case .text(let text, _, _) = $0 { text } else { nil } }.joined(separator: " ")
            CommandLineText.print("  \(call.name)\(result.isError == true ? " (error)" : ""): \(text.prefix(200))")
        }
        await connection.close()
        if failed { throw ExitCode.failure }
    }
}
