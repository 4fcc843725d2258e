import ArgumentParser
import Foundation
import MCP
import MCPClient

/// What each client scenario of the conformance suite expects a client to do once
/// connected (read from the suite's scenarios and its own client, not guessed):
/// the tools it calls, with which arguments, and what else it reads.
enum ConformanceScenario {
    /// `initialize`, `tools_call`: list, then call the first tool with `{a: 2, b: 3}`.
    case callFirstTool
    /// `json-schema-ref-no-deref`: list only (a network `$ref` is never fetched).
    case listOnly
    /// `request-metadata`: `server/discover`, then `tools/list` whatever the server declared.
    case discoverAndList
    /// `json-schema-2020-12-preservation`: echo the focal tool's input schema back as written.
    case echoSchema
    /// `elicitation-sep1034-client-defaults`, `sse-retry`: call the one tool the scenario serves.
    case callTool(String)
    /// `sep-2322-client-request-state`: each MRTR tool in the suite's order (questions answered, state echoed).
    case requestState
    /// `http-standard-headers`, `http-invalid-tool-headers`: call every tool kept, read every
    /// resource, get every prompt (each header exercised; tools with invalid headers are left out when listing).
    case everything
    /// `http-custom-headers`: the calls the context names under `toolCalls`.
    case contextCalls
    /// `auth/*`: sign in when asked, list, call `test-tool`.
    case signIn

    static let table: [String: ConformanceScenario] = [
        "initialize": .callFirstTool, "tools_call": .callFirstTool, "tools-call": .callFirstTool,
        "request-metadata": .discoverAndList, "json-schema-ref-no-deref": .listOnly,
        "json-schema-2020-12-preservation": .echoSchema,
        "elicitation-sep1034-client-defaults": .callTool("test_client_elicitation_defaults"),
        "sse-retry": .callTool("test_reconnection"),
        "sep-2322-client-request-state": .requestState,
        "http-standard-headers": .everything, "http-invalid-tool-headers": .everything,
        "http-custom-headers": .contextCalls,
    ]

    /// The `auth/` scenarios a well-behaved client passes by signing in (the suite's own list).
    static let authScenarios = [
        "basic-cimd", "basic-dcr", "metadata-default", "metadata-var1", "metadata-var2", "metadata-var3",
        "2025-03-26-oauth-metadata-backcompat", "2025-03-26-oauth-endpoint-fallback", "scope-from-www-authenticate",
        "scope-from-scopes-supported", "scope-omitted-when-undefined", "scope-step-up", "scope-retry-limit",
        "token-endpoint-auth-basic", "token-endpoint-auth-post", "token-endpoint-auth-none", "resource-mismatch",
        "offline-access-scope", "offline-access-not-supported", "iss-supported", "iss-not-advertised", "iss-supported-missing",
        "iss-wrong-issuer", "iss-unexpected", "iss-normalized", "metadata-issuer-mismatch", "authorization-server-migration",
        "pre-registration",
    ].map { "auth/" + $0 }

    static var names: [String] { (Array(table.keys) + authScenarios).sorted() }

    init?(_ name: String) {
        if let scenario = Self.table[name] { self = scenario } else if Self.authScenarios.contains(name) { self = .signIn } else { return nil }
    }

    /// The suite's client metadata document URL, used where the server takes one (`auth/basic-cimd`);
    /// a pre-registered client from the context (`auth/pre-registration`).
    func oauthClient(_ context: [String: Value]) -> ServerConfiguration.OAuthClientSettings {
        ServerConfiguration.OAuthClientSettings(clientID: context["client_id"]?.stringValue, clientSecret: context["client_secret"]?.stringValue,
                                                clientMetadataURL: "https://conformance-test.local/client-metadata.json")
    }

    func play(on connection: ConformanceConnection, context: [String: Value], scenario: String) async throws {
        let snapshot = try await connection.open()
        switch self {
        case .listOnly:
            break
        case .discoverAndList:
            try await connection.listTools()
        case .callFirstTool:
            if let tool = snapshot.tools.first { _ = try await connection.callTool(tool.name, ["a": 2, "b": 3]) }
        case .echoSchema:
            guard let focal = snapshot.tools.first(where: { $0.name == "json_schema_2020_12_tool" }) else {
                throw ValidationError("the focal tool json_schema_2020_12_tool is not listed")
            }
            _ = try await connection.callTool("json_schema_echo", ["schema": focal.inputSchema])
        case .callTool(let name):
            _ = try await connection.callTool(name, [:])
        case .requestState:
            for name in ["test_mrtr_echo_state", "test_mrtr_unrelated", "test_mrtr_no_state", "test_mrtr_no_result_type"] {
                _ = try await connection.callTool(name, [:])
            }
        case .everything:
            for tool in snapshot.tools { _ = try await connection.callTool(tool.name, Self.placeholders(tool.inputSchema)) }
            for resource in snapshot.resources { try await connection.readResource(resource.uri) }
            for prompt in snapshot.prompts {
                let required = (prompt.arguments ?? []).filter { $0.required == true }
                try await connection.getPrompt(prompt.name, arguments: Dictionary(uniqueKeysWithValues: required.map { ($0.name, "conformance") }))
            }
        case .contextCalls:
            for call in context["toolCalls"]?.arrayValue ?? [] {
                guard let name = call.objectValue?["name"]?.stringValue else { continue }
                _ = try await connection.callTool(name, call.objectValue?["arguments"]?.objectValue ?? [:])
            }
        case .signIn:
            _ = try await connection.callTool("test-tool", [:])
        }
    }

    /// Arguments for a tool's required parameters: each one's default, else a value of its type.
    static func placeholders(_ schema: Value) -> [String: Value] {
        let properties = schema.objectValue?["properties"]?.objectValue ?? [:]
        let required = schema.objectValue?["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        return Dictionary(required.compactMap { key in properties[key].map { (key, placeholder($0)) } }) { first, _ in first }
    }

    private static func placeholder(_ property: Value) -> Value {
        if let value = property.objectValue?["default"] { return value }
        switch property.objectValue?["type"]?.stringValue {
        case "integer", "number": return 1
        case "boolean": return true
        case "object": return .object([:])
        case "array": return .array([])
        default: return "conformance"
        }
    }
}
