import Foundation
import MCP
import Testing
import TestSupport
@testable import MCPClient

/// The venv `make test` creates, with the official Python SDK and reference servers.
enum Peers {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let venvBin = root.appendingPathComponent(".venv/bin")
    static let python = venvBin.appendingPathComponent("python").path
    static let peerScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Peers/peer_server.py").path

    static func peer(_ folder: TemporaryDirectory, timeout: Duration = .seconds(20), environment: [String: String] = [:],
                     workingDirectory: String? = nil) -> ServerConfiguration {
        var env = ["PEER_MARKER_DIR": folder.url.path]
        env.merge(environment) { $1 }
        return ServerConfiguration(name: "peer", transport: .stdio(command: python, arguments: [peerScript], environment: env,
                                                                   workingDirectory: workingDirectory), requestTimeout: timeout)
    }

    static let rawHTTPScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Peers/raw_http_server.py").path

    static func raw(_ mode: String, environment: [String: String] = [:]) -> ServerConfiguration {
        let script = URL(fileURLWithPath: peerScript).deletingLastPathComponent().appendingPathComponent("raw_server.py").path
        return ServerConfiguration(name: "raw-\(mode)", transport: .stdio(command: python, arguments: [script, mode], environment: environment,
                                                                         workingDirectory: nil),
                                   requestTimeout: .seconds(20))
    }

    /// A connector for a raw HTTP peer on `port`.
    static func rawHTTP(_ name: String, port: Int, timeout: Duration = .seconds(20)) -> ServerConfiguration {
        ServerConfiguration(name: name, transport: .http(url: URL(string: "http://127.0.0.1:\(port)/mcp")!, headers: [:]), requestTimeout: timeout)
    }

    /// For peer tools that ask with the SDK's server requests (`ctx.session.…`) or
    /// send `list_changed` unasked: a 2.x server allows neither in the 2026-07-28 era.
    static let handshakeOnly = ClientConfiguration(probesStateless: false)

    /// Either era against the same 2.x peer: probing settles 2026-07-28, not probing the handshake.
    static func client(stateless: Bool) -> ClientConfiguration { stateless ? ClientConfiguration() : handshakeOnly }

    static func text(_ result: CallTool.Result) -> String {
        result.content.compactMap { if case .text(let text, _, _) = $0 { return text } else { return nil } }.joined()
    }
}

/// Whether a process id still names a live (non-zombie) process.
func isRunning(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
    return stat.split(separator: ")").last?.split(separator: " ").first != "Z"
}

@Suite(.timeLimit(.minutes(2))) struct ReferenceServerTests {
    let folder = TemporaryDirectory()

    @Test func timeServerOverStdio() async throws {
        let configuration = ServerConfiguration(name: "time", transport: .stdio(
            command: Peers.venvBin.appendingPathComponent("mcp-server-time").path, arguments: ["--local-timezone", "UTC"],
            environment: [:], workingDirectory: nil))
        let connection = ServerConnection(configuration: configuration, logDirectory: folder.url)
        let snapshot = try await connection.open()
        #expect(snapshot.serverName.contains("time"))
        #expect(snapshot.tools.map(\.name).contains("get_current_time"))
        let result = try await connection.callTool("get_current_time", arguments: ["timezone": "Europe/Paris"])
        #expect(Peers.text(result).contains("Europe/Paris"))
        await connection.close()
    }

    @Test func gitServerOverStdio() async throws {
        let repository = folder.url.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repository, withIntermediateDirectories: true)
        _ = try Spawn.run(["git", "-C", repository.path, "init", "-q", "-b", "main"])
        let configuration = ServerConfiguration(name: "git", transport: .stdio(
            command: Peers.venvBin.appendingPathComponent("mcp-server-git").path, arguments: ["--repository", repository.path],
            environment: [:], workingDirectory: nil))
        let connection = ServerConnection(configuration: configuration, logDirectory: folder.url)
        let snapshot = try await connection.open()
        #expect(snapshot.tools.map(\.name).contains("git_status"))
        let status = try await connection.callTool("git_status", arguments: ["repo_path": .string(repository.path)])
        #expect(Peers.text(status).contains("main"))
        await connection.close()
    }
}

@Suite(.timeLimit(.minutes(2))) struct PeerBehaviourTests {
    let folder = TemporaryDirectory()

    /// `sampling` and `elicitation` are declared, in either era, only by a connection
    /// that answers them (`-p` has no one to fill in a form).
    @Test(arguments: [true, false], [true, false]) func samplingAndElicitationAreDeclaredOnlyWithAHandler(stateless: Bool, answers: Bool) async throws {
        let sampling: ServerConnection.SamplingHandler = { _ in .init(model: "m", stopReason: .endTurn, role: .assistant, content: .single(.text("hi"))) }
        let elicitation: ServerConnection.ElicitationHandler = { _ in .init(action: .decline) }
        let connection = ServerConnection(configuration: Peers.peer(folder), logDirectory: folder.url, client: Peers.client(stateless: stateless),
                                          sampling: answers ? sampling : nil, elicitation: answers ? elicitation : nil)
        #expect(try await connection.open().era.isStateless == stateless)
        let declared = try #require(JSONSerialization.jsonObject(with: Data(Peers.text(try await connection.callTool("capabilities", arguments: [:])).utf8)) as? [String: Any])
        #expect((declared["sampling"] != nil) == answers)
        #expect((declared["elicitation"] != nil) == answers)
        #expect(declared["roots"] != nil)
        await connection.close()
    }

    @Test func declaresOurCapabilitiesIncludingTheAppsExtension() async throws {
        let connection = ServerConnection(configuration: Peers.peer(folder), logDirectory: folder.url,
                                          client: ClientConfiguration(viewEngine: true, probesStateless: false),
                                          elicitation: { _ in .init(action: .decline) })
        _ = try await connection.open()
        let declared = Peers.text(try await connection.callTool("capabilities", arguments: [:]))
        #expect(declared.contains("io.modelcontextprotocol/ui"))
        #expect(declared.contains("text/html;profile=mcp-app"))
        #expect(declared.contains("elicitation"))
        #expect(declared.contains("roots"))
        await connection.close()
    }

    @Test func environmentWorkingDirectoryAndStderrLog() async throws {
        let connection = ServerConnection(configuration: Peers.peer(folder, environment: ["PEER_GREETING": "bonjour"], workingDirectory: "/tmp"),
                                          logDirectory: folder.url)
        _ = try await connection.open()
        let answer = Peers.text(try await connection.callTool("whereami", arguments: [:]))
        #expect(answer.contains("\"cwd\": \"/tmp\""))
        #expect(answer.contains("bonjour"))
        await connection.close()
        let log = try String(contentsOf: connection.logFile, encoding: .utf8)
        #expect(log.contains("peer server starting"))
    }

    @Test(arguments: [true, false]) func serverLogNotificationsGoToTheConnectorLog(stateless: Bool) async throws {
        let connection = ServerConnection(configuration: Peers.peer(folder), logDirectory: folder.url, client: Peers.client(stateless: stateless))
        #expect(try await connection.open().era.isStateless == stateless)
        #expect(Peers.text(try await connection.callTool("log_something", arguments: [:])) == "logged")
        try await waitFor { ((try? String(contentsOf: connection.logFile, encoding: .utf8)) ?? "").contains("a note from the peer") }
        await connection.close()
    }

    /// After a disconnect we hold neither end of the server's stdin/stdout pipes
    /// (found by inode from the server's own descriptor table), and it is reaped.
    @Test func noDescriptorsLeak() async throws {
        func pipes(of pid: String) -> Set<String> {
            let folder = "/proc/\(pid)/fd"
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            return Set(entries.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "\(folder)/\($0)") }.filter { $0.hasPrefix("pipe:") })
        }
        for round in 0..<3 {
            let transport = StdioProcessTransport(command: "/bin/cat", arguments: [], logFile: folder.url.appendingPathComponent("cat\(round).log"))
            try await transport.connect()
            let pid = try #require(await transport.processIdentifier)
            let serverPipes = pipes(of: String(pid))
            #expect(serverPipes.count == 3, "stdin, stdout and stderr (read by us, to sanitise it)")
            #expect(!pipes(of: "self").isDisjoint(with: serverPipes), "we hold the other ends while connected")
            await transport.disconnect()
            #expect(pipes(of: "self").isDisjoint(with: serverPipes))
            #expect(kill(pid, 0) != 0)
        }
    }

    /// Text that happens to look like a data URL is still text (the vendored SDK's patch 1).
    @Test func textShapedLikeADataURLComesBackVerbatim() async throws {
        let connection = ServerConnection(configuration: Peers.peer(folder), logDirectory: folder.url)
        _ = try await connection.open()
        let text = "data:text/plain,Hello%20World"
        let result = try await connection.callTool("echo", arguments: ["text": .string(text)])
        #expect(Peers.text(result) == text)
        if let structured = result.structuredContent {
            #expect(structured == .object(["result": .string(text)]))
        }
        await connection.close()
    }

    /// Answers are taken from the reading thread when they can be; progress sent
    /// before an answer must still be handled before the call returns.
    @Test func progressSentBeforeTheAnswerIsHandledBeforeTheCallReturns() async throws {
        let progress = Counter()
        let connection = ServerConnection(configuration: Peers.peer(folder), logDirectory: folder.url) { event in
            if case .progress = event { progress.increment() }
        }
        _ = try await connection.open()
        for round in 1...20 {
            #expect(Peers.text(try await connection.callTool("burst", arguments: ["count": 5], progressToken: .init("r\(round)"))) == "burst")
            #expect(progress.value == round * 5)
        }
        await connection.close()
    }

    @Test func progressIsReported() async throws {
        let progress = Counter()
        let connection = ServerConnection(configuration: Peers.peer(folder), logDirectory: folder.url) { event in
            if case .progress(let token, _, let total, _) = event, token == "call-1", total != nil { progress.increment() }
        }
        _ = try await connection.open()
        #expect(Peers.text(try await connection.callTool("slow", arguments: ["seconds": 0.5], progressToken: "call-1")) == "done")
        #expect(progress.value >= 3)
        await connection.close()
    }

    @Test func aTimeoutCancelsTheCallOnTheServer() async throws {
        let connection = ServerConnection(configuration: Peers.peer(folder, timeout: .seconds(3)), logDirectory: folder.url)
        _ = try await connection.open()
        await #expect(throws: ConnectionError.timedOut(method: "tools/call slow", after: .seconds(3))) {
            _ = try await connection.callTool("slow", arguments: ["seconds": 20])
        }
        let marker = folder.url.appendingPathComponent("cancelled")
        try await waitFor { FileManager.default.fileExists(atPath: marker.path) }
        #expect(Peers.text(try await connection.callTool("echo", arguments: ["text": "still here"])) == "still here")
        await connection.close()
    }

    @Test func cancellingTheTaskCancelsTheCall() async throws {
        let connection = ServerConnection(configuration: Peers.peer(folder), logDirectory: folder.url)
        _ = try await connection.open()
        let call = Task { try await connection.callTool("slow", arguments: ["seconds": 20]) }
        try await Task.sleep(for: .milliseconds(400))
        call.cancel()
        await #expect(throws: (any Error).self) { _ = try await call.value }
        try await waitFor { FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("cancelled").path) }
        await connection.close()
    }

    @Test(arguments: [true, false]) func toolListChangesAreFollowed(stateless: Bool) async throws {
        let changed = Counter()
        let connection = ServerConnection(configuration: Peers.peer(folder), logDirectory: folder.url, client: Peers.client(stateless: stateless)) { event in
            if case .toolsChanged(let tools) = event, tools.contains(where: { $0.name == "late_tool" }) { changed.increment() }
        }
        #expect(try await connection.open().era.isStateless == stateless)
        _ = try await connection.callTool("add_tool", arguments: [:])
        try await waitFor { changed.value > 0 }
        await connection.close()
    }

    @Test func aServerThatExitsMidCallFailsTheCallAtOnce() async throws {
        // A 10-minute timeout: failing with `.closed` proves the call did not wait for it.
        let connection = ServerConnection(configuration: Peers.peer(folder, timeout: .seconds(600)), logDirectory: folder.url)
        _ = try await connection.open()
        await #expect {
            _ = try await connection.callTool("crash", arguments: [:])
        } throws: { error in
            guard case .closed(let reason) = error as? ConnectionError else { return false }
            return reason.contains("exited with status 3")
        }
        await connection.close()
    }

    /// A raw peer breaks the protocol on tools/call: a line that is not JSON, or one over 16 MiB.
    @Test(arguments: [("garbage", "not JSON"), ("huge", "larger than 16 MiB")])
    func aBrokenStreamEndsTheConnectionWithAReason(mode: String, reason expected: String) async throws {
        let connection = ServerConnection(configuration: Peers.raw(mode), logDirectory: folder.url)
        _ = try await connection.open()
        await #expect {
            _ = try await connection.callTool("misbehave", arguments: [:])
        } throws: { error in
            guard case .closed(let reason) = error as? ConnectionError else { return false }
            return reason.contains(expected)
        }
        await connection.close()
    }

    /// An older server: the session runs at the version it offers, and a paged list is followed to the end.
    @Test func negotiatesDownAndFollowsPages() async throws {
        let connection = ServerConnection(configuration: Peers.raw("old"), logDirectory: folder.url)
        let snapshot = try await connection.open()
        #expect(snapshot.protocolVersion == "2024-11-05")
        #expect(snapshot.tools.map(\.name) == ["tool_0_0", "tool_0_1", "tool_1_0", "tool_1_1", "tool_2_0", "tool_2_1"])
        await connection.close()
    }

    @Test func aMissingCommandIsAClearError() async throws {
        let configuration = ServerConfiguration(name: "nope", transport: .stdio(command: "no-such-mcp-server", arguments: [], environment: [:], workingDirectory: nil))
        let connection = ServerConnection(configuration: configuration, logDirectory: folder.url)
        await #expect {
            _ = try await connection.open()
        } throws: { error in
            "\(error)".contains("command not found: no-such-mcp-server")
        }
    }
}

@Suite(.timeLimit(.minutes(1))) struct ProcessShutdownTests {
    let folder = TemporaryDirectory()

    /// A server that ignores both stdin closing and SIGTERM is killed after the grace period, and reaped.
    @Test func stubbornServersAreKilledAndReaped() async throws {
        let transport = StdioProcessTransport(
            command: "/bin/sh", arguments: ["-c", "trap '' TERM; while true; do sleep 0.1; done"],
            logFile: folder.url.appendingPathComponent("stubborn.log"), shutdownGrace: 0.3)
        try await transport.connect()
        let pid = try #require(await transport.processIdentifier)
        #expect(isRunning(pid))
        await transport.disconnect()
        #expect(!isRunning(pid))
        #expect(kill(pid, 0) != 0, "reaped, not a zombie")
    }

    /// With a long grace, a server that exits when its input closes is never signalled.
    @Test func aServerThatExitsOnEOFEndsByItself() async throws {
        let transport = StdioProcessTransport(command: "/bin/cat", arguments: [], logFile: folder.url.appendingPathComponent("cat.log"),
                                              shutdownGrace: 600)
        try await transport.connect()
        let pid = try #require(await transport.processIdentifier)
        await transport.disconnect()
        #expect(kill(pid, 0) != 0)
        do {
            for try await _ in transport.receive() {}
            Issue.record("the stream should end with how the server ended")
        } catch let exited as StdioProcessTransport.ServerExited {
            #expect(exited.end.description == "exited with status 0")
        }
    }
}

/// A thread-safe count for event callbacks.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

/// Polls `condition` for up to `limit` (10 seconds).
func waitFor(within limit: Duration = .seconds(10), _ condition: () -> Bool, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    let deadline = ContinuousClock.now + limit
    while !condition() {
        if ContinuousClock.now > deadline {
            Issue.record("condition not met within \(limit)", sourceLocation: sourceLocation)
            return
        }
        try await Task.sleep(for: .milliseconds(20))
    }
}
