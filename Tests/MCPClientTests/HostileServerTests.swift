import Foundation
import MCP
import Testing
import TestSupport
@testable import MCPClient

/// Servers that lie in their lists, their handshake or their messages, written raw so they can.
@Suite(.timeLimit(.minutes(2))) struct HostileServerTests {
    let folder = TemporaryDirectory()

    func log(of connection: ServerConnection) -> String {
        (try? String(contentsOf: connection.logFile, encoding: .utf8)) ?? ""
    }

    /// A server whose every page says "again": listing stops at the repeated cursor, each item once, and the log says why.
    @Test func aLoopingCursorEndsTheListWithEachItemOnce() async throws {
        let connection = ServerConnection(configuration: Peers.raw("pageloop"), logDirectory: folder.url)
        let snapshot = try await connection.open()
        #expect(snapshot.tools.map(\.name) == ["flood"])
        #expect(snapshot.resources.map(\.uri) == ["note://one"])
        #expect(snapshot.prompts.map(\.name) == ["one"])
        for method in ["tools/list", "resources/list", "prompts/list"] {
            #expect(log(of: connection).contains("\(method): the server sent the cursor “again” twice"), "\(method)")
        }
        await connection.close()
    }

    /// A server that never stops paging with new cursors is listed no further than 100 pages.
    @Test func anEndlessListStopsAtTheHundredthPage() async throws {
        let connection = ServerConnection(configuration: Peers.raw("endless"), logDirectory: folder.url)
        let snapshot = try await connection.open()
        #expect(snapshot.tools.map(\.name) == (0..<100).map { "tool_\($0)" })
        #expect(log(of: connection).contains("tools/list: stopped after 100 pages; keeping the 100 listed"))
        await connection.close()
    }

    /// A handshake answered with a revision we do not speak is refused, naming it and ours.
    @Test(arguments: ["ancient", "future"]) func anUnsupportedProtocolVersionFailsTheConnection(mode: String) async throws {
        let version = mode == "ancient" ? "1999-01-01" : "2099-01-01"
        let manager = ConnectorManager(configurations: [Peers.raw(mode)], logDirectory: folder.url)
        await manager.start()
        let state = await manager.settled()["raw-\(mode)"]
        guard case .failed(let reason, _)? = state else { Issue.record("expected failed, got \(String(describing: state))"); return }
        #expect(reason == "the server speaks MCP \(version), which chattui does not (it speaks 2026-07-28, 2025-11-25, 2025-06-18, 2025-03-26, 2024-11-05)")
        await manager.shutdown()
    }

    /// One tool without `inputSchema` is left out, saying so; the rest load. A malformed
    /// answer to a call is said in plain words, not as a decoding error's dump.
    @Test func aMalformedToolIsLeftOutAndAMalformedAnswerIsSaidPlainly() async throws {
        let connection = ServerConnection(configuration: Peers.raw("malformed"), logDirectory: folder.url)
        let snapshot = try await connection.open()
        #expect(snapshot.tools.map(\.name) == ["fine"])
        #expect(log(of: connection).contains("tool schemaless left out: tools[0] has no inputSchema"))
        await #expect {
            _ = try await connection.callTool("fine", arguments: [:])
        } throws: { error in
            "\(error)" == "the server's answer to tools/call fine was malformed: content[0] has no type"
        }
        await connection.close()
    }

    /// A 2026-07-28 server's malformed question (an elicitation without its message) fails the call in plain words.
    @Test func aMalformedQuestionIsSaidPlainly() async throws {
        let connection = ServerConnection(configuration: Peers.raw("badquestion"), logDirectory: folder.url, elicitation: { _ in
            CreateElicitation.Result(action: .decline)
        })
        #expect(try await connection.open().era == .stateless("2026-07-28"))
        await #expect {
            _ = try await connection.callTool("misbehave", arguments: [:])
        } throws: { error in
            "\(error)" == "the server's question (elicitation/create) was malformed: params has no message"
        }
        await connection.close()
    }
}
