import Foundation
import HTTPStreaming
import Testing
import TestSupport

/// `chattui conformance-client URL`, the built binary, driven as the conformance suite's
/// runner drives a client: the URL as the last argument, `MCP_CONFORMANCE_SCENARIO`,
/// `MCP_CONFORMANCE_PROTOCOL_VERSION` and `MCP_CONFORMANCE_CONTEXT` (`{"name": scenario, …}`)
/// in the environment, exit 0 when the client did its part. The servers are our mirrored
/// scenario peers (the suite's own need npm).
@Suite(.serialized, .timeLimit(.minutes(3))) struct ConformanceClientModeTests {
    static let peers = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Peers")

    private func run(_ scenario: String?, _ url: String, revision: String, context: [String: Any]? = nil) throws -> Spawn.Result {
        var environment = ["MCP_CONFORMANCE_PROTOCOL_VERSION": revision]
        if let scenario { environment["MCP_CONFORMANCE_SCENARIO"] = scenario }
        if let context, let scenario {
            let named = context.merging(["name": scenario]) { $1 }
            environment["MCP_CONFORMANCE_CONTEXT"] = String(decoding: try JSONSerialization.data(withJSONObject: named), as: UTF8.self)
        }
        return try Spawn.run([BuiltBinary.chattui.path, "conformance-client", url], environment: environment)
    }

    private func conformancePeer() throws -> LocalServer {
        let port = freeLocalPort()
        return try LocalServer([Peers.python, Self.peers.appendingPathComponent("conformance_server.py").path, "http", String(port)], port: port)
    }

    /// At 2026-07-28 the first tool is called with `{a: 2, b: 3}`, as the suite's client does.
    @Test func tools_call() throws {
        let server = try conformancePeer()
        let result = try run("tools_call", "http://127.0.0.1:\(server.port)/mcp", revision: "2026-07-28")
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("protocol 2026-07-28 (server/discover)"))
        #expect(result.output.contains("add_numbers: 5"))
    }

    /// A handshake-era revision is spoken as that era (no probe); the call's stream is
    /// resumed after the server's `retry` with its `Last-Event-ID`.
    @Test func sse_retry() throws {
        let port = freeLocalPort()
        let server = try LocalServer([Peers.python, Peers.peerScript, "http", String(port), "sse", "stateful"], port: port,
                                     environment: ["PEER_RETRY_MS": "1200"])
        let result = try run("sse-retry", "http://127.0.0.1:\(server.port)/mcp", revision: "2025-11-25")
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("protocol 2025-11-25 (initialize)"))
        #expect(result.output.contains(#""issued_here": true"#))
    }

    /// The first request's revision refused (-32022): asked again at one both speak, then the tools listed.
    @Test func request_metadata() throws {
        let port = freeLocalPort()
        let markers = FileManager.default.temporaryDirectory.appendingPathComponent("conformance-mode-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: markers, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: markers) }
        let server = try LocalServer([Peers.python, Peers.rawHTTPScript, String(port), "refuse-revision"], port: port,
                                     environment: ["PEER_MARKER_DIR": markers.path])
        let result = try run("request-metadata", "http://127.0.0.1:\(server.port)/mcp", revision: "2026-07-28")
        #expect(result.status == 0, "\(result.output)")
        let marked = { (name: String) in try? String(contentsOf: markers.appendingPathComponent(name), encoding: .utf8) }
        #expect(marked("tools_list") == "2026-07-28 2026-07-28")
        #expect(marked("initialize") == nil)
    }

    /// At 2025-11-25 the server asks with `elicitation/create`; the form is accepted as it opens: every default (SEP-1034).
    @Test func elicitation_sep1034_client_defaults() throws {
        let port = freeLocalPort()
        let python = Peers.root.appendingPathComponent(".venv-mcp1/bin/python").path
        let server = try LocalServer([python, Self.peers.appendingPathComponent("handshake_server.py").path, "http", String(port)], port: port)
        let result = try run("elicitation-sep1034-client-defaults", "http://127.0.0.1:\(server.port)/mcp", revision: "2025-11-25")
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains(#""action": "accept""#))
        #expect(result.output.contains(#"{"age": 30, "name": "John Doe", "score": 95.5, "status": "active", "verified": true}"#))
    }

    /// Each MRTR tool of the scenario: the question answered, `requestState` echoed only when
    /// given, nothing carried into an unrelated call (the peer answers with an error otherwise).
    @Test func sep_2322_client_request_state() throws {
        let server = try conformancePeer()
        let result = try run("sep-2322-client-request-state", "http://127.0.0.1:\(server.port)/mcp", revision: "2026-07-28")
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains(#"test_mrtr_echo_state: {"responses": {"confirm": {"action": "accept", "content": {"confirmed": true}}}, "state_unchanged": true}"#))
        #expect(result.output.contains("test_mrtr_unrelated: isolated"))
        #expect(result.output.contains("test_mrtr_no_state: {") && !result.output.contains("(error)"))
    }

    /// The focal tool's input schema goes back to `json_schema_echo` exactly as listed (the peer compares).
    @Test func json_schema_2020_12_preservation() throws {
        let server = try conformancePeer()
        let result = try run("json-schema-2020-12-preservation", "http://127.0.0.1:\(server.port)/mcp", revision: "2026-07-28")
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("json_schema_echo: preserved"))
    }

    /// Every tool kept is called (arguments from its schema), so each request's headers are
    /// exercised; tools with invalid `x-mcp-header` annotations are never called.
    @Test(arguments: ["http-standard-headers", "http-invalid-tool-headers"]) func everyValidToolIsCalled(scenario: String) throws {
        let server = try conformancePeer()
        let result = try run(scenario, "http://127.0.0.1:\(server.port)/mcp", revision: "2026-07-28")
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains(#"envelope: {"headers": {"mcp-method": "tools/call", "mcp-name": "envelope""#))
        #expect(result.output.contains(#"routed: {"mcp-param-region": "conformance", "mcp-param-urgent": "true"}"#))
        #expect(!result.output.contains("badly_routed") && !result.output.contains("spaced_header"))
    }

    /// The calls come from the context's `toolCalls`, their `x-mcp-header` arguments as headers.
    @Test func http_custom_headers() throws {
        let server = try conformancePeer()
        let calls = [["name": "routed", "arguments": ["region": "us-west1", "urgent": false, "note": "n"]]]
        let result = try run("http-custom-headers", "http://127.0.0.1:\(server.port)/mcp", revision: "2026-07-28", context: ["toolCalls": calls])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains(#""mcp-param-region": "us-west1""#))
        #expect(result.output.contains(#""mcp-param-urgent": "false""#))
    }

    /// Signs in when the server asks, again for more scope when a call is refused with 403, then calls `test-tool`.
    @Test("auth/scope-step-up") func scopeStepUp() throws {
        let port = freeLocalPort()
        let server = try LocalServer([Peers.python, Self.peers.appendingPathComponent("oauth_scenario_server.py").path, String(port), "scope-step-up"], port: port)
        let result = try run("auth/scope-step-up", "http://127.0.0.1:\(server.port)/mcp", revision: "2025-11-25")
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.components(separatedBy: "signed in\n").count - 1 == 2)
        #expect(result.output.contains("test-tool: called with a token"))
    }

    /// The client the scenario expects: the suite's metadata document URL where the server takes
    /// one, the pre-registered client the context names where it registers none.
    @Test(arguments: [("auth/basic-cimd", "https://conformance-test.local/client-metadata.json"),
                      ("auth/pre-registration", "pre-registered-client")])
    func signsInAsTheScenarioExpects(scenario: String, clientID: String) async throws {
        let port = freeLocalPort()
        let server = try LocalServer([Peers.python, Self.peers.appendingPathComponent("oauth_scenario_server.py").path, String(port),
                                      String(scenario.dropFirst("auth/".count))], port: port)
        let context = scenario == "auth/pre-registration" ? ["client_id": "pre-registered-client", "client_secret": "pre-registered-secret"] : nil
        let result = try run(scenario, "http://127.0.0.1:\(server.port)/mcp", revision: "2025-11-25", context: context)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("test-tool: called with a token"))
        let record = try await CurlRequest.fetch("GET", URL(string: "http://127.0.0.1:\(port)/_record")!)
        let tokens = (try JSONSerialization.jsonObject(with: record.body) as? [String: Any])?["tokens"] as? [[String: Any]] ?? []
        #expect(tokens.map { $0["client_id"] as? String } == [clientID])
    }

    /// A refused sign-in (the metadata names another resource) is the client's failure: exit 1.
    @Test("auth/resource-mismatch") func resourceMismatch() throws {
        let port = freeLocalPort()
        let server = try LocalServer([Peers.python, Self.peers.appendingPathComponent("oauth_scenario_server.py").path, String(port), "resource-mismatch"], port: port)
        let result = try run("auth/resource-mismatch", "http://127.0.0.1:\(server.port)/mcp", revision: "2025-11-25")
        #expect(result.status == 1)
        #expect(!result.output.contains("test-tool"))
    }

    @Test func aScenarioItDoesNotKnowOrNoneFails() throws {
        let server = try conformancePeer()
        let unknown = try run("no-such-scenario", "http://127.0.0.1:\(server.port)/mcp", revision: "2026-07-28")
        #expect(unknown.status == 1 && unknown.output.contains("unknown scenario"))
        let unnamed = try run(nil, "http://127.0.0.1:\(server.port)/mcp", revision: "2026-07-28")
        #expect(unnamed.status == 1 && unnamed.output.contains("usage"))
    }
}
