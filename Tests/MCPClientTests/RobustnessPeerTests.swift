import Foundation
import MCP
import Testing
import TestSupport
@testable import MCPClient

/// A request's deadline and its cancellation hold over every transport, against
/// the official SDK's servers and a raw HTTP peer that never answers a call.
@Suite(.serialized, .timeLimit(.minutes(2))) struct DeadlineOverEveryTransportTests {
    let folder = TemporaryDirectory()

    func marked(_ name: String) -> Bool { FileManager.default.fileExists(atPath: folder.url.appendingPathComponent(name).path) }

    /// `slow` runs 20 s; a JSON answer has no headers until then, an event stream has them at once.
    @Test(arguments: [("http", "json"), ("http", "sse"), ("sse", "")])
    func aCallTimesOutAsConfiguredAndIsCancelledOnTheServer(transport: String, response: String) async throws {
        let port = freeLocalPort()
        let arguments = transport == "http" ? ["http", String(port), response, "stateful"] : ["sse", String(port)]
        let server = try LocalServer([Peers.python, Peers.peerScript] + arguments, port: port, environment: ["PEER_MARKER_DIR": folder.url.path])
        let url = URL(string: "http://127.0.0.1:\(port)/\(transport == "http" ? "mcp" : "sse")")!
        let configuration = ServerConfiguration(name: "remote", transport: transport == "http" ? .http(url: url, headers: [:]) : .sse(url: url, headers: [:]),
                                                requestTimeout: .seconds(3))
        let connection = ServerConnection(configuration: configuration, logDirectory: folder.url, client: Peers.handshakeOnly)
        _ = try await connection.open()
        await #expect(throws: ConnectionError.timedOut(method: "tools/call slow", after: .seconds(3))) {
            _ = try await connection.callTool("slow", arguments: ["seconds": 20])
        }
        try await waitFor { marked("cancelled") }
        #expect(Peers.text(try await connection.callTool("echo", arguments: ["text": "still here"])) == "still here")
        await connection.close()
        _ = server
    }

    /// The server never answers the call, not even with headers: the deadline ends it,
    /// the HTTP request is aborted and the server is told.
    @Test func aCallThatNeverAnswersTimesOutAndItsRequestIsAborted() async throws {
        let port = freeLocalPort()
        let server = try LocalServer([Peers.python, Peers.rawHTTPScript, String(port), "hang-call"], port: port,
                                     environment: ["PEER_MARKER_DIR": folder.url.path])
        let connection = ServerConnection(configuration: Peers.rawHTTP("hang", port: port, timeout: .seconds(2)), logDirectory: folder.url, client: Peers.handshakeOnly)
        _ = try await connection.open()
        await #expect(throws: ConnectionError.timedOut(method: "tools/call wait", after: .seconds(2))) {
            _ = try await connection.callTool("wait", arguments: [:])
        }
        try await waitFor { marked("aborted") && marked("cancelled") }
        await connection.close()
        _ = server
    }

    /// Cancelling (Esc, quitting) ends such a call at once, long before its 10-minute timeout.
    @Test func cancellingACallThatNeverAnswersEndsIt() async throws {
        let port = freeLocalPort()
        let server = try LocalServer([Peers.python, Peers.rawHTTPScript, String(port), "hang-call"], port: port,
                                     environment: ["PEER_MARKER_DIR": folder.url.path])
        let connection = ServerConnection(configuration: Peers.rawHTTP("hang", port: port, timeout: .seconds(600)), logDirectory: folder.url, client: Peers.handshakeOnly)
        _ = try await connection.open()
        let call = Task { try await connection.callTool("wait", arguments: [:]) }
        try await Task.sleep(for: .milliseconds(500))
        call.cancel()
        await #expect(throws: (any Error).self) { _ = try await call.value }
        try await waitFor { marked("aborted") && marked("cancelled") }
        await connection.close()
        _ = server
    }
}

/// How the manager treats servers that fail to come up, or never do.
@Suite(.serialized, .timeLimit(.minutes(2))) struct ConnectorStartTests {
    let folder = TemporaryDirectory()

    @Test func aTransient503AtConnectIsRetriedWithBackoff() async throws {
        let port = freeLocalPort()
        let server = try LocalServer([Peers.python, Peers.rawHTTPScript, String(port), "unavailable"], port: port)
        let seen = Recorder()
        let manager = ConnectorManager(configurations: [Peers.rawHTTP("flaky", port: port)], logDirectory: folder.url) { _, state in
            seen.record("\(state)")
        }
        await manager.start()
        // Two waits of 1 s and 1.5 s, and three connects on a machine that may be busy.
        try await waitFor(within: .seconds(60)) { seen.lines.last?.hasPrefix("ready") == true }
        #expect(seen.lines.filter { $0.hasPrefix("reconnecting") && $0.contains("HTTP 503") }.count == 2, "\(seen.lines)")
        #expect(Peers.text(try await manager.callTool(id: "flaky__wait", arguments: [:])) == "answered")
        await manager.shutdown()
        _ = server
    }

    @Test func a404AtConnectStaysFailedWithTheReason() async throws {
        let port = freeLocalPort()
        let server = try LocalServer([Peers.python, Peers.rawHTTPScript, String(port), "missing"], port: port)
        let seen = Recorder()
        let manager = ConnectorManager(configurations: [Peers.rawHTTP("gone", port: port)], logDirectory: folder.url) { _, state in
            seen.record("\(state)")
        }
        await manager.start()
        let state = await manager.settled()["gone"]
        guard case .failed(let reason, _)? = state else { Issue.record("expected failed, got \(String(describing: state))"); return }
        #expect(reason.contains("HTTP 404"))
        #expect(!seen.lines.contains { $0.hasPrefix("reconnecting") })
        await manager.shutdown()
        _ = server
    }

    /// A server that never answers `initialize` is stopped and reaped by shutdown, not left behind.
    @Test func aServerStuckInInitializeIsStoppedOnShutdown() async throws {
        let manager = ConnectorManager(configurations: [Peers.raw("mute", environment: ["PEER_MARKER_DIR": folder.url.path])],
                                       logDirectory: folder.url)
        await manager.start()
        let pidFile = folder.url.appendingPathComponent("pid")
        try await waitFor { ((try? String(contentsOf: pidFile, encoding: .utf8)) ?? "").isEmpty == false }
        let pid = try #require(Int32(String(contentsOf: pidFile, encoding: .utf8)))
        #expect(isRunning(pid))
        guard case .connecting? = await manager.state(of: "raw-mute") else { Issue.record("expected it still connecting"); return }
        await manager.shutdown()
        #expect(!isRunning(pid))
        #expect(kill(pid, 0) != 0, "reaped, not a zombie")
    }
}

/// What a server asks of us, or floods us with, between requests (one at a time: a flood is heavy).
@Suite(.serialized, .timeLimit(.minutes(2))) struct ServerNotificationTests {
    let folder = TemporaryDirectory()

    /// 10,000 `list_changed` cost at most one list in flight plus one more, and the last list is sent on.
    @Test(arguments: ["tools", "resources", "prompts"])
    func listChangedNotificationsAreCoalesced(kind: String) async throws {
        let changes = Counter()
        let connection = ServerConnection(configuration: Peers.raw("flood"), logDirectory: folder.url) { event in
            switch (event, kind) {
            case (.toolsChanged, "tools"), (.resourcesChanged, "resources"), (.promptsChanged, "prompts"): changes.increment()
            default: break
            }
        }
        _ = try await connection.open()
        #expect(Peers.text(try await connection.callTool("flood", arguments: ["kind": .string(kind)])) == "flooded")
        func listsAsked() async throws -> Int {
            let counts = try JSONDecoder().decode([String: Int].self, from: Data(Peers.text(try await connection.callTool("count", arguments: [:])).utf8))
            return counts["\(kind)/list"] ?? 0
        }
        // One list when connecting, then the one in flight when the flood began and the one due after it.
        var asked = try await listsAsked()
        let deadline = ContinuousClock.now + .seconds(10)
        while asked < 3, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
            asked = try await listsAsked()
        }
        try await waitFor { changes.value == 2 }
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await listsAsked() == 3)
        #expect(changes.value == 2)
        await connection.close()
    }

    /// We advertise `roots`, so `roots/list` is answered: the folder chattui works in, then the
    /// folders the composition root passes (the Files built-in's), each once.
    @Test func rootsListIsTheWorkingDirectoryAndTheFilesRoots() async throws {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let client = ClientConfiguration(roots: [folder.url, here], probesStateless: false)
        let connection = ServerConnection(configuration: Peers.peer(folder), logDirectory: folder.url, client: client)
        _ = try await connection.open()
        let roots = Peers.text(try await connection.callTool("roots", arguments: [:])).split(separator: " ").map { URL(string: String($0))!.path }
        #expect(roots.map { $0.hasSuffix("/") && $0.count > 1 ? String($0.dropLast()) : $0 } == [here.standardizedFileURL.path, folder.url.standardizedFileURL.path])
        await connection.close()
    }
}
