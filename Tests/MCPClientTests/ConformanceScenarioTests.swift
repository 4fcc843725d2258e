import Foundation
import MCP
import Testing
import TestSupport
@testable import MCPClient

/// The conformance suite's client scenarios (modelcontextprotocol/conformance,
/// which needs npm), mirrored against real peers: the official Python SDK 2.x
/// (`Peers/conformance_server.py`, 2026-07-28) and 1.x (`Peers/handshake_server.py`,
/// the initialize handshake). Each test is named after its scenario.
@Suite(.serialized, .timeLimit(.minutes(2))) struct ConformanceScenarioTests {
    let folder = TemporaryDirectory()
    static let peers = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Peers")
    static let conformanceScript = peers.appendingPathComponent("conformance_server.py").path

    private func stateless(timeout: Duration = .seconds(20), environment: [String: String] = [:]) -> ServerConfiguration {
        ServerConfiguration(name: "conformance", transport: .stdio(command: Peers.python, arguments: [Self.conformanceScript], environment: environment,
                                                                   workingDirectory: nil), requestTimeout: timeout)
    }

    private func handshake() -> ServerConfiguration {
        let python = Peers.root.appendingPathComponent(".venv-mcp1/bin/python").path
        return ServerConfiguration(name: "handshake", transport: .stdio(command: python, arguments: [Self.peers.appendingPathComponent("handshake_server.py").path],
                                                                        environment: [:], workingDirectory: nil), requestTimeout: .seconds(20))
    }

    /// The stateless peer over Streamable HTTP on 127.0.0.1.
    private func overHTTP(_ body: (ServerConfiguration) async throws -> Void) async throws {
        let port = freeLocalPort()
        let server = try LocalServer([Peers.python, Self.conformanceScript, "http", String(port)], port: port)
        try await body(ServerConfiguration(name: "conformance", transport: .http(url: URL(string: "http://127.0.0.1:\(port)/mcp")!, headers: [:]),
                                           requestTimeout: .seconds(20)))
        _ = server
    }

    private func json(_ result: CallTool.Result) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(Peers.text(result).utf8)) as? [String: Any])
    }

    @Test func initialize() async throws {
        let connection = ServerConnection(configuration: handshake(), logDirectory: folder.url)
        let snapshot = try await connection.open()
        #expect(snapshot.era == .handshake("2025-11-25"))
        #expect(Peers.text(try await connection.callTool("echo", arguments: ["text": "old era"])) == "old era")
        await connection.close()
        #expect(try String(contentsOf: connection.logFile, encoding: .utf8).contains("server/discover refused"))
    }

    /// A server that ignores requests it does not know never answers `server/discover`:
    /// after the probe's short wait `initialize` is sent beside it, and settles the era.
    @Test func initializeAfterAnUnansweredDiscover() async throws {
        let connection = ServerConnection(configuration: Peers.raw("deaf"), logDirectory: folder.url)
        #expect(try await connection.open().era == .handshake("2025-11-25"))
        await connection.close()
        #expect(try String(contentsOf: connection.logFile, encoding: .utf8).contains("server/discover got no answer within"))
    }

    /// A stateless server slower to start than the probe's wait is sent `initialize` too,
    /// but its late `server/discover` answer (read first, over stdio) still settles 2026-07-28.
    @Test func aSlowStartingStatelessServerStillSettlesByDiscover() async throws {
        let connection = ServerConnection(configuration: stateless(environment: ["PEER_SLOW_START": "3"]), logDirectory: folder.url)
        #expect(try await connection.open().era == .stateless("2026-07-28"))
        #expect(Peers.text(try await connection.callTool("echo", arguments: ["text": "late"])) == "late")
        await connection.close()
        #expect(try String(contentsOf: connection.logFile, encoding: .utf8).contains("server/discover got no answer within"))
    }

    @Test(arguments: ["stdio", "http"]) func tools_call(transport: String) async throws {
        let call: (ServerConfiguration) async throws -> Void = { configuration in
            let connection = ServerConnection(configuration: configuration, logDirectory: folder.url)
            let snapshot = try await connection.open()
            #expect(snapshot.era == .stateless("2026-07-28"))
            #expect(snapshot.serverName == "chattui-conformance")
            #expect(Peers.text(try await connection.callTool("echo", arguments: ["text": "neue Ära 日本"])) == "neue Ära 日本")
            await connection.close()
        }
        if transport == "stdio" { try await call(stateless()) } else { try await overHTTP(call) }
    }

    /// Every request's `_meta` says who we are and declares only what this connection
    /// answers: elicitation and sampling with their handlers, the MCP Apps extension with a view engine.
    @Test(arguments: [false, true]) func request_metadata(withHandlers: Bool) async throws {
        let sampling: ServerConnection.SamplingHandler = { _ in throw MCPError.internalError("not asked") }
        let elicitation: ServerConnection.ElicitationHandler = { _ in .init(action: .decline) }
        let connection = ServerConnection(configuration: stateless(), logDirectory: folder.url, client: ClientConfiguration(viewEngine: withHandlers),
                                          sampling: withHandlers ? sampling : nil, elicitation: withHandlers ? elicitation : nil)
        _ = try await connection.open()
        let report = try json(try await connection.callTool("envelope", arguments: [:]))
        let meta = try #require(report["meta"] as? [String: Any])
        #expect(meta["io.modelcontextprotocol/protocolVersion"] as? String == "2026-07-28")
        #expect((meta["io.modelcontextprotocol/clientInfo"] as? [String: Any])?["name"] as? String == "chattui")
        let capabilities = try #require(meta["io.modelcontextprotocol/clientCapabilities"] as? [String: Any])
        #expect((capabilities["elicitation"] != nil) == withHandlers)
        #expect((capabilities["sampling"] != nil) == withHandlers)
        // Roots are answered in both eras; no session carries `list_changed` in this one.
        #expect((capabilities["roots"] as? [String: Any])?.isEmpty == true)
        let extensions = capabilities["extensions"] as? [String: Any]
        #expect((extensions?["io.modelcontextprotocol/ui"] != nil) == withHandlers)
        #expect(report["protocol"] as? String == "2026-07-28")
        await connection.close()
    }

    /// request-metadata's rejection: the first request is refused with HTTP 400 and
    /// -32022, naming the revisions the server takes; we ask again at one we both
    /// speak (a fresh id, header and `_meta` agreeing) rather than fall back to `initialize`.
    @Test func request_metadata_aRefusedRevisionIsAskedAgain() async throws {
        let port = freeLocalPort()
        let server = try LocalServer([Peers.python, Peers.rawHTTPScript, String(port), "refuse-revision"], port: port,
                                     environment: ["PEER_MARKER_DIR": folder.url.path])
        let connection = ServerConnection(configuration: Peers.rawHTTP("refuse-revision", port: port), logDirectory: folder.url)
        #expect(try await connection.open().era == .stateless("2026-07-28"))
        await connection.close()
        let marked = { (name: String) in try? String(contentsOf: folder.url.appendingPathComponent(name), encoding: .utf8) }
        #expect(marked("server_discover") == "2026-07-28 2026-07-28")
        #expect(marked("initialize") == nil)
        _ = server
    }

    /// Roots are deprecated by 2026-07-28 but a server may still ask for them, in
    /// an `input_required` result: answered as the old era's `roots/list` is.
    @Test func rootsAskedTheStatelessWay() async throws {
        let connection = ServerConnection(configuration: stateless(), logDirectory: folder.url, client: ClientConfiguration(roots: [folder.url]))
        #expect(try await connection.open().era == .stateless("2026-07-28"))
        let roots = Peers.text(try await connection.callTool("roots", arguments: [:])).split(separator: " ").map { URL(string: String($0))!.standardizedFileURL.path }
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        #expect(roots == [here.standardizedFileURL.path, folder.url.standardizedFileURL.path])
        await connection.close()
    }

    /// A server ends a call's event stream after an event with an id and `retry`
    /// (the handshake era's SEP-1699): we reopen it with GET and that `Last-Event-ID`,
    /// no sooner than `retry` says (1.2 s here, unlike our 0.5 s default), and the answer arrives on it.
    @Test func sse_retry() async throws {
        let port = freeLocalPort()
        let server = try LocalServer([Peers.python, Peers.peerScript, "http", String(port), "sse", "stateful"], port: port,
                                     environment: ["PEER_RETRY_MS": "1200"])
        let configuration = ServerConfiguration(name: "retry", transport: .http(url: URL(string: "http://127.0.0.1:\(port)/mcp")!, headers: [:]),
                                                requestTimeout: .seconds(20))
        let connection = ServerConnection(configuration: configuration, logDirectory: folder.url, client: Peers.handshakeOnly)
        _ = try await connection.open()
        let report = try json(try await connection.callTool("test_reconnection", arguments: [:]))
        #expect(report["issued_here"] as? Bool == true, "Last-Event-ID \(report["last_event_id"] ?? "none") is not an event this server sent")
        // The scenario's own early tolerance (50 ms); a late reconnect is a figure, not a failure.
        #expect((report["waited_ms"] as? Int ?? 0) >= 1150)
        #expect(Peers.text(try await connection.callTool("echo", arguments: ["text": "after"])) == "after")
        await connection.close()
        _ = server
    }

    @Test func http_standard_headers() async throws {
        try await overHTTP { configuration in
            let connection = ServerConnection(configuration: configuration, logDirectory: folder.url)
            _ = try await connection.open()
            let headers = try #require(try json(try await connection.callTool("envelope", arguments: [:]))["headers"] as? [String: String])
            #expect(headers["mcp-method"] == "tools/call")
            #expect(headers["mcp-name"] == "envelope")
            #expect(headers["mcp-protocol-version"] == "2026-07-28")
            #expect(headers["mcp-session-id"] == nil, "the stateless era has no sessions")
            await connection.close()
        }
    }

    @Test func http_custom_headers() async throws {
        try await overHTTP { configuration in
            let connection = ServerConnection(configuration: configuration, logDirectory: folder.url)
            _ = try await connection.open()
            let plain = try json(try await connection.callTool("routed", arguments: ["region": "eu-west", "urgent": true, "note": "n"]))
            #expect(plain as? [String: String] == ["mcp-param-region": "eu-west", "mcp-param-urgent": "true"])
            // A value that would not survive a header line goes base64-wrapped (and the server accepts it as matching).
            let wrapped = try json(try await connection.callTool("routed", arguments: ["region": "Zürich\r\nX-Evil: 1", "urgent": false, "note": "n"]))
            let expected = "=?base64?" + Data("Zürich\r\nX-Evil: 1".utf8).base64EncodedString() + "?="
            #expect(wrapped["mcp-param-region"] as? String == expected)
            await connection.close()
        }
    }

    @Test func http_invalid_tool_headers() async throws {
        try await overHTTP { configuration in
            let connection = ServerConnection(configuration: configuration, logDirectory: folder.url)
            let names = try await connection.open().tools.map(\.name)
            #expect(names.contains("routed"))
            #expect(!names.contains("badly_routed") && !names.contains("spaced_header"))
            await connection.close()
            let log = try String(contentsOf: connection.logFile, encoding: .utf8)
            #expect(log.contains("tool badly_routed left out") && log.contains("tool spaced_header left out"))
        }
    }

    @Test func sep_2322_client_request_state() async throws {
        let asked = Recorder()
        let connection = ServerConnection(configuration: stateless(), logDirectory: folder.url, elicitation: { parameters in
            if case .form(let form) = parameters { asked.record(form.message) }
            return CreateElicitation.Result(action: .accept, content: ["colour": "teal"])
        })
        _ = try await connection.open()
        let report = try json(try await connection.callTool("stateful", arguments: [:]))
        #expect(report["state_unchanged"] as? Bool == true)
        let colour = (report["responses"] as? [String: Any])?["colour"] as? [String: Any]
        #expect(colour?["action"] as? String == "accept")
        #expect((colour?["content"] as? [String: Any])?["colour"] as? String == "teal")
        #expect(asked.lines == ["Which colour?"])
        await connection.close()
    }

    /// The question arrives as `input_required` with every field's default
    /// (SEP-1034); the answer goes back through the same handler as the old
    /// era's request, and declining or cancelling answers just that.
    @Test(arguments: ["accept", "decline", "cancel"]) func elicitation_sep1034_client_defaults(action: String) async throws {
        let connection = ServerConnection(configuration: stateless(), logDirectory: folder.url, elicitation: { parameters in
            guard case .form(let form) = parameters else { return .init(action: .decline) }
            // What a form fills in untouched: each property's default.
            let defaults = form.requestedSchema.properties.compactMapValues { $0.objectValue?["default"] }
            return CreateElicitation.Result(action: .init(rawValue: action)!, content: action == "accept" ? defaults : nil)
        })
        _ = try await connection.open()
        let report = try json(try await connection.callTool("tea", arguments: [:]))
        #expect(report["action"] as? String == action)
        if action == "accept" {
            let data = try #require(report["data"] as? [String: Any])
            #expect(data["name"] as? String == "Ada" && data["cups"] as? Int == 2 && data["sugar"] as? Bool == true)
        }
        await connection.close()
    }

    /// The old era's `elicitation/create` and `roots/list` requests reach the same handlers.
    @Test func initializeEraServerRequestsStillWork() async throws {
        let connection = ServerConnection(configuration: handshake(), logDirectory: folder.url, elicitation: { _ in
            CreateElicitation.Result(action: .accept, content: ["name": "Grace", "cups": 1])
        })
        _ = try await connection.open()
        let report = try json(try await connection.callTool("tea", arguments: [:]))
        #expect((report["data"] as? [String: Any])?["name"] as? String == "Grace")
        let roots = Peers.text(try await connection.callTool("roots", arguments: [:]))
        #expect(roots == URL(fileURLWithPath: FileManager.default.currentDirectoryPath).absoluteString)
        await connection.close()
    }

    @Test func json_schema_ref_no_deref() async throws {
        let connection = ServerConnection(configuration: stateless(), logDirectory: folder.url)
        let ship = try #require(try await connection.open().tools.first { $0.name == "ship" })
        let schema = try #require(ship.inputSchema.objectValue)
        #expect(schema["$defs"]?.objectValue?["Address"] != nil)
        #expect(schema["properties"]?.objectValue?["to"]?.objectValue?["$ref"] == .string("#/$defs/Address"))
        #expect(Peers.text(try await connection.callTool("ship", arguments: ["to": ["street": "1 Main St", "city": "Oslo"]])) == "shipping to Oslo")
        await connection.close()
    }

    @Test func json_schema_2020_12_preservation() async throws {
        let connection = ServerConnection(configuration: stateless(), logDirectory: folder.url)
        let described = try #require(try await connection.open().tools.first { $0.name == "json_schema_2020_12_tool" })
        let asWritten = try JSONDecoder().decode(Value.self, from: Data(Self.schema2020_12.utf8))
        #expect(described.inputSchema == asWritten)
        await connection.close()
    }

    /// The schema `conformance_server.py` gives the `json_schema_2020_12_tool` tool, as written there.
    static let schema2020_12 = """
    {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://example.com/schemas/described", "type": "object",
     "$defs": {"Tag": {"$anchor": "tag", "type": "string", "minLength": 1}},
     "properties": {"payload": {"type": "object", "additionalProperties": false,
        "properties": {"tags": {"type": "array", "items": {"$ref": "#tag"}},
                       "size": {"anyOf": [{"type": "integer"}, {"type": "null"}]},
                       "kind": {"oneOf": [{"const": "a"}, {"const": "b"}]},
                       "remote": {"$ref": "https://example.com/never-fetched.json"}},
        "allOf": [{"required": ["tags"]}]}},
     "required": ["payload"]}
    """
}
