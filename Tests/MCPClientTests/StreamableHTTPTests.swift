import Foundation
import MCP
import Testing
import TestSupport
@testable import MCPClient

/// Our client against the official Python SDK's Streamable HTTP server, in every mode it has.
@Suite(.serialized, .timeLimit(.minutes(2))) struct StreamableHTTPPeerTests {
    let folder = TemporaryDirectory()

    @Test(arguments: [("json", "stateful"), ("sse", "stateful"), ("json", "stateless"), ("sse", "stateless")])
    func callsToolsWithProgressInEveryMode(response: String, sessions: String) async throws {
        let port = freeLocalPort()
        let server = try LocalServer([Peers.python, Peers.peerScript, "http", String(port), response, sessions], port: port)
        let progress = Counter()
        let configuration = ServerConfiguration(name: "remote", transport: .http(url: URL(string: "http://127.0.0.1:\(port)/mcp")!, headers: [:]),
                                                requestTimeout: .seconds(20))
        let connection = ServerConnection(configuration: configuration, logDirectory: folder.url) { event in
            if case .progress = event { progress.increment() }
        }
        let snapshot = try await connection.open()
        #expect(snapshot.tools.map(\.name).contains("echo"))
        #expect(Peers.text(try await connection.callTool("echo", arguments: ["text": "über HTTP 日本"])) == "über HTTP 日本")
        #expect(Peers.text(try await connection.callTool("slow", arguments: ["seconds": 0.3], progressToken: "p1")) == "done")
        if response == "sse" { #expect(progress.value > 0, "progress arrives on the event stream") }
        await connection.close()
        _ = server
    }

    /// A 2024-11-05 server: as `sse` directly, and as `http` by falling back when initialize is refused.
    @Test(arguments: ["sse", "http"])
    func theOlderSSETransportWorksAndIsFallenBackTo(type: String) async throws {
        let port = freeLocalPort()
        let server = try LocalServer([Peers.python, Peers.peerScript, "sse", String(port)], port: port)
        let url = URL(string: "http://127.0.0.1:\(port)/sse")!
        let transport: ServerConfiguration.Transport = type == "sse" ? .sse(url: url, headers: [:]) : .http(url: url, headers: [:])
        let connection = ServerConnection(configuration: ServerConfiguration(name: "old", transport: transport, requestTimeout: .seconds(20)),
                                          logDirectory: folder.url)
        let snapshot = try await connection.open()
        #expect(snapshot.tools.map(\.name).contains("echo"))
        #expect(Peers.text(try await connection.callTool("echo", arguments: ["text": "legacy"])) == "legacy")
        await connection.close()
        if type == "http" {
            #expect(try String(contentsOf: connection.logFile, encoding: .utf8).contains("trying the HTTP+SSE transport"))
        }
        _ = server
    }

    /// The server drops the answer's event stream mid-call; we resume with GET and Last-Event-ID.
    @Test func aDroppedEventStreamIsResumed() async throws {
        let port = freeLocalPort()
        let server = try LocalServer([Peers.python, Peers.peerScript, "http", String(port), "sse", "stateful"], port: port)
        let configuration = ServerConfiguration(name: "remote", transport: .http(url: URL(string: "http://127.0.0.1:\(port)/mcp")!, headers: [:]),
                                                requestTimeout: .seconds(20))
        let progress = Recorder()
        let connection = ServerConnection(configuration: configuration, logDirectory: folder.url, client: Peers.handshakeOnly) { event in
            if case .progress(_, _, _, let message) = event { progress.record(message ?? "") }
        }
        _ = try await connection.open()
        #expect(Peers.text(try await connection.callTool("interrupted", arguments: [:], progressToken: "r1")) == "resumed")
        #expect(progress.lines == ["before the drop", "after the drop"])
        #expect(Peers.text(try await connection.callTool("echo", arguments: ["text": "after"])) == "after")
        await connection.close()
        _ = server
    }

    /// An answer's stream that ends in the same breath as its headers still counts as
    /// events, so it is resumed: the body's kind must not wait for the caller to look.
    @Test func anAnswerStreamThatEndsAtOnceIsResumed() async throws {
        let port = freeLocalPort()
        let server = try LocalServer([Peers.python, Peers.rawHTTPScript, String(port), "drop"], port: port)
        let configuration = ServerConfiguration(name: "drop", transport: .http(url: URL(string: "http://127.0.0.1:\(port)/mcp")!, headers: [:]),
                                                requestTimeout: .seconds(5))
        let connection = ServerConnection(configuration: configuration, logDirectory: folder.url, client: Peers.handshakeOnly)
        #expect(try await connection.open().tools.map(\.name) == ["x"])
        for _ in 0..<10 {
            #expect(Peers.text(try await connection.callTool("x", arguments: [:])) == "resumed")
        }
        await connection.close()
        _ = server
    }

    @Test func cancellingACallOverHTTPCancelsItOnTheServer() async throws {
        let port = freeLocalPort()
        let server = try LocalServer([Peers.python, Peers.peerScript, "http", String(port), "sse", "stateful"], port: port,
                                     environment: ["PEER_MARKER_DIR": folder.url.path])
        let configuration = ServerConfiguration(name: "remote", transport: .http(url: URL(string: "http://127.0.0.1:\(port)/mcp")!, headers: [:]),
                                                requestTimeout: .seconds(20))
        let connection = ServerConnection(configuration: configuration, logDirectory: folder.url, client: Peers.handshakeOnly)
        _ = try await connection.open()
        let call = Task { try await connection.callTool("slow", arguments: ["seconds": 20]) }
        try await Task.sleep(for: .milliseconds(500))
        call.cancel()
        await #expect(throws: (any Error).self) { _ = try await call.value }
        try await waitFor { FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("cancelled").path) }
        await connection.close()
        _ = server
    }

    /// A notification that belongs to no request arrives on the server's own GET stream.
    /// (2026-07-28 has no such stream: the `subscriptions/listen` answer carries them.)
    @Test(arguments: [true, false]) func theServersOwnStreamCarriesNotifications(stateless: Bool) async throws {
        let port = freeLocalPort()
        let server = try LocalServer([Peers.python, Peers.peerScript, "http", String(port), "sse", "stateful"], port: port)
        let configuration = ServerConfiguration(name: "remote", transport: .http(url: URL(string: "http://127.0.0.1:\(port)/mcp")!, headers: [:]),
                                                requestTimeout: .seconds(20))
        let changed = Counter()
        let connection = ServerConnection(configuration: configuration, logDirectory: folder.url, client: Peers.client(stateless: stateless)) { event in
            if case .toolsChanged(let tools) = event, tools.contains(where: { $0.name == "later_tool" }) { changed.increment() }
        }
        #expect(try await connection.open().era.isStateless == stateless)
        #expect(Peers.text(try await connection.callTool("add_tool_later", arguments: [:])) == "scheduled")
        try await waitFor { changed.value > 0 }
        await connection.close()
        _ = server
    }

    /// The server restarts and no longer knows the session (404): the call fails saying so,
    /// and the manager starts a new session.
    @Test func aForgottenSessionStartsANewOne() async throws {
        let port = freeLocalPort()
        let arguments = [Peers.python, Peers.peerScript, "http", String(port), "json", "stateful"]
        var server: LocalServer? = try LocalServer(arguments, port: port)
        let configuration = ServerConfiguration(name: "remote", transport: .http(url: URL(string: "http://127.0.0.1:\(port)/mcp")!, headers: [:]),
                                                requestTimeout: .seconds(20))
        let seen = Recorder()
        // Sessions belong to the handshake era; a stateless server restarted is simply asked again.
        let manager = ConnectorManager(configurations: [configuration], logDirectory: folder.url, client: Peers.handshakeOnly) { _, state in seen.record("\(state)") }
        await manager.start()
        _ = await manager.settled()
        #expect(Peers.text(try await manager.callTool(id: "remote__echo", arguments: ["text": "one"])) == "one")
        server = nil
        server = try LocalServer(arguments, port: port)
        await #expect {
            _ = try await manager.callTool(id: "remote__echo", arguments: ["text": "two"])
        } throws: { error in
            "\(error)".contains("ended the session")
        }
        try await waitFor { seen.lines.last?.hasPrefix("ready") == true && seen.lines.contains { $0.hasPrefix("reconnecting") } }
        #expect(Peers.text(try await manager.callTool(id: "remote__echo", arguments: ["text": "three"])) == "three")
        await manager.shutdown()
        _ = server
    }

    @Test func a401MeansSignInAndNotAFailure() async throws {
        let port = freeLocalPort()
        let server = try LocalServer([Peers.python, Peers.rawHTTPScript, String(port), "unauthorized"], port: port)
        let configuration = ServerConfiguration(name: "locked", transport: .http(url: URL(string: "http://127.0.0.1:\(port)/mcp")!, headers: [:]))
        let manager = ConnectorManager(configurations: [configuration], logDirectory: folder.url)
        await manager.start()
        let state = await manager.settled()["locked"]
        guard case .needsSignIn? = state else { Issue.record("expected needs sign-in, got \(String(describing: state))"); return }
        await manager.shutdown()
        _ = server
    }

    /// A raw endpoint answers with text/html, or with a 17 MiB body: the reason is named.
    @Test(arguments: [("html", "text/html"), ("huge", "larger than 16 MiB")])
    func aBrokenAnswerIsNamed(mode: String, expected: String) async throws {
        let port = freeLocalPort()
        let server = try LocalServer([Peers.python, Peers.rawHTTPScript, String(port), mode], port: port)
        let configuration = ServerConfiguration(name: mode, transport: .http(url: URL(string: "http://127.0.0.1:\(port)/mcp")!, headers: [:]))
        let connection = ServerConnection(configuration: configuration, logDirectory: folder.url, client: Peers.handshakeOnly)
        await #expect {
            _ = try await connection.open()
        } throws: { error in
            "\(error)".contains(expected)
        }
        await connection.close()
        _ = server
    }

    @Test func nothingListeningIsAClearNetworkError() async throws {
        let port = freeLocalPort()
        let configuration = ServerConfiguration(name: "gone", transport: .http(url: URL(string: "http://127.0.0.1:\(port)/mcp")!, headers: [:]))
        let connection = ServerConnection(configuration: configuration, logDirectory: folder.url, client: Peers.handshakeOnly)
        await #expect {
            _ = try await connection.open()
        } throws: { error in
            "\(error)".lowercased().contains("connect")
        }
        await connection.close()
    }
}
