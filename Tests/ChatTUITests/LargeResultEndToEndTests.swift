import Foundation
import Testing
import TestSupport

/// The everyday path with big results and slow connectors, in the real binary: a recorded
/// model, and servers on the official Python SDK (or a raw one that never answers).
@Suite(.serialized) struct LargeResultEndToEndTests {
    static func writeConnectors(_ folder: URL, _ servers: String) throws {
        let config = folder.appendingPathComponent("config/chattui")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try #"{"mcpServers": {\#(servers)}}"#.write(to: config.appendingPathComponent("connectors.json"), atomically: true, encoding: .utf8)
    }

    static func prepareHuge(_ folder: URL) throws {
        let python = TurnEndToEndTests.root.appendingPathComponent(".venv/bin/python").path
        let peer = TurnEndToEndTests.root.appendingPathComponent("Tests/ChatTUITests/Peers/huge_result_server.py").path
        try writeConnectors(folder, #""huge": {"command": "\#(python)", "args": ["\#(peer)"]}"#)
    }

    static func requestBodies(_ folder: TemporaryDirectory, count: Int) throws -> [String] {
        let log = folder.url.appendingPathComponent("requests.jsonl")
        let deadline = Date().addingTimeInterval(20)
        var lines: [Substring] = []
        while Date() < deadline {
            lines = ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n")
            if lines.count >= count { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return lines.compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["body"] as? String
        }
    }

    @Test(.timeLimit(.minutes(2))) func aHugeResultReachesTheModelCappedOnEveryLaterRequest() throws {
        let folder = TemporaryDirectory()
        let model = try TurnEndToEndTests.model(["anthropic_huge_call", "anthropic_text", "anthropic_text"], folder: folder)
        let session = try TmuxSession(answeredBy: model, prepare: Self.prepareHuge)
        try session.waitForConnectorReady()
        try session.type("Fetch the big line")
        try session.send("Enter")
        try session.waitForQuestion("Allow huge · one_line?")
        try session.send("y")
        try session.waitFor("Hello, wörld 日本!")
        try session.type("And again")
        try session.send("Enter")
        let bodies = try Self.requestBodies(folder, count: 3)
        #expect(bodies.count == 3)
        for (index, body) in bodies.enumerated().dropFirst() {
            #expect(body.utf8.count < 200_000, "request \(index + 1) carried \(body.utf8.count) bytes")
            #expect(body.contains("characters left out; the person sees the whole result"), "request \(index + 1) says what was left out")
            #expect(body.contains("HEAD-MARK") && body.contains("TAIL-MARK"), "request \(index + 1) keeps the head and the tail")
        }
        // The store keeps the whole result, for the card and /export.
        let database = FileManager.default.enumerator(atPath: session.dataDirectory.path)?
            .compactMap { $0 as? String }.first { $0.hasSuffix("chattui.sqlite") }
        #expect(database != nil, "the store is in the data folder")
        if let database {
            let path = session.dataDirectory.appendingPathComponent(database).path
            let stored = try Spawn.run(["sqlite3", path, "SELECT max(length(text)) FROM block"]).output
            #expect((Int(stored.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 3_000_000, "stored: \(stored)")
        }
    }

    /// A configured server that never answers: off here, it delays nothing; on, the wait names it.
    @Test(.timeLimit(.minutes(2))) func onlyConnectorsInUseAreWaitedForAndTheWaitSaysWhich() throws {
        let folder = TemporaryDirectory()
        let model = try TurnEndToEndTests.model(["anthropic_text", "anthropic_stalls"], folder: folder)
        let session = try TmuxSession(answeredBy: model) {
            try Self.writeConnectors($0, #""deaf": {"command": "/usr/bin/python3", "args": ["-c", "import sys; sys.stdin.read()"]}"#)
        }
        try session.waitFor("anthropic/claude-sonnet-4-5")
        try session.type("Hi")
        try session.send("Enter")
        // With the off connector waited for, the answer came only after the 10 s grace.
        let answered = try session.waitFor("the answer, without waiting for the off connector") {
            $0.contains("Hello, wörld 日本!") || $0.contains("waiting for deaf")
        }
        #expect(answered.contains("Hello, wörld 日本!") && !answered.contains("waiting for deaf"))

        try session.send("C-o")
        try session.waitFor("Connectors ·")
        try session.send("Space")
        try session.waitFor("deaf on here") { $0.contains("1 connector on") }
        try session.send("Escape")
        try session.waitFor("the connectors closed") { !$0.contains("Connectors ·") }
        try session.type("Hi again")
        try session.send("Enter")
        try session.waitFor("waiting for deaf to start…")
        try session.send("Escape")
        try session.waitFor("the turn stopped") { !$0.contains("waiting for deaf") }
    }
}
