import Foundation
import Testing
import TestSupport

/// A connector starts only when something may use it, in the real binary: one that is off in the
/// conversation shown (and in the default set) runs no process until it is turned on or its details
/// are opened. Processes are counted in /proc, not read off the screen.
@Suite(.serialized) struct LazyConnectorsEndToEndTests {
    /// Five local connectors, each a real MCP server on the official Python SDK with one tool.
    static func fiveLocalConnectors(_ folder: URL) throws {
        let python = TurnEndToEndTests.root.appendingPathComponent(".venv/bin/python").path
        let peer = TurnEndToEndTests.root.appendingPathComponent("Tests/ChatTUITests/Peers/one_tool_server.py").path
        let servers = (1...5).map { #""local\#($0)": {"command": "\#(python)", "args": ["\#(peer)"]}"# }
        try LargeResultEndToEndTests.writeConnectors(folder, servers.joined(separator: ", "))
    }

    /// Every child process of `pid`, whichever of its threads started it.
    static func children(of pid: Int32) -> [Int32] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return tasks.flatMap { task in
            ((try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/children", encoding: .utf8)) ?? "")
                .split(separator: " ").compactMap { Int32($0) }
        }
    }

    /// Waits up to 10 s for chattui to have `count` children, and returns how many it has.
    static func waitForChildren(_ count: Int, of pid: Int32) -> Int {
        let deadline = Date().addingTimeInterval(10)
        while children(of: pid).count != count && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        return children(of: pid).count
    }

    @Test(.timeLimit(.minutes(2))) func connectorsOffHereStartOnlyWhenUsed() throws {
        let session = try TmuxSession(prepare: Self.fiveLocalConnectors)
        try session.waitFor("Type a message and press Enter")
        let pid = try #require(session.chattuiPID)
        // Given the time a start would take, none has begun: none is on here, nothing asked for one.
        Thread.sleep(forTimeInterval: 2)
        #expect(Self.children(of: pid).isEmpty, "connectors off everywhere started: \(Self.children(of: pid))")
        #expect(!(try session.screen()).contains("starting"))

        try session.send("C-o")
        let panel = try session.waitFor("the connectors panel") { $0.contains("Connectors ·") && $0.contains("local5") }
        #expect(panel.components(separatedBy: "not started").count - 1 == 5, "each says it never started:\n\(panel)")

        // Turning one on starts it, and only it.
        try session.send("Space")
        try session.waitFor("local1 on and ready") { $0.contains("[on]") && $0.contains("ready · 1 tool") }
        #expect(Self.waitForChildren(1, of: pid) == 1)

        // Opening another's details starts it to show what it offers.
        try session.send("Down")
        try session.send("Enter")
        try session.waitFor("local2's details, ready") { $0.contains("Connectors › local2") && $0.contains("ready · 1 tool") }
        #expect(Self.waitForChildren(2, of: pid) == 2)
        try session.send("Escape")
        let list = try session.waitFor("the list again") { $0.contains("Connectors ·") && !$0.contains("Connectors › ") }
        #expect(list.components(separatedBy: "not started").count - 1 == 3, "the other three still never started:\n\(list)")
        #expect(Self.children(of: pid).count == 2)
    }
}
