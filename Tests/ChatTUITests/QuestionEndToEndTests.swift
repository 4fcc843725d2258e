import Foundation
import Testing
import TestSupport

/// Questions in the real binary, asked by a server on the official Python SDK
/// (`Peers/questions_server.py`) while a recorded model drives the turn: the person
/// types on as questions appear, and many questions wait at once.
@Suite(.serialized) struct QuestionEndToEndTests {
    static func prepare(_ folder: URL) throws {
        let config = folder.appendingPathComponent("config/chattui")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        let python = TurnEndToEndTests.root.appendingPathComponent(".venv/bin/python").path
        let peer = TurnEndToEndTests.root.appendingPathComponent("Tests/ChatTUITests/Peers/questions_server.py").path
        let json = #"{"mcpServers": {"questions": {"command": "\#(python)", "args": ["\#(peer)"], "env": {"PEER_MARKER_DIR": "\#(folder.path)"}, "trusted": true}}}"#
        try json.write(to: config.appendingPathComponent("connectors.json"), atomically: true, encoding: .utf8)
    }

    /// A wide terminal, so everything typed fits on the composer's line.
    static func session(_ recordings: [String], folder: TemporaryDirectory) throws -> (TmuxSession, LocalServer) {
        let model = try TurnEndToEndTests.model(recordings, folder: folder)
        let session = try TmuxSession(width: 200, height: 40, environment: ["ANTHROPIC_BASE_URL": "http://127.0.0.1:\(model.port)", "ANTHROPIC_API_KEY": "test"],
                                      prepare: Self.prepare)
        try session.waitForConnectorReady()
        return (session, model)
    }

    /// The composer's line, without its prompt.
    static func composer(_ screen: String) -> String? {
        screen.split(separator: "\n").last { $0.hasPrefix("› ") }.map { String($0.dropFirst(2)).trimmingCharacters(in: .whitespaces) }
    }

    /// Types `text` a character at a time, on and on, until `appeared` holds; returns what was typed.
    static func typeUntil(_ session: TmuxSession, _ text: String, appeared: (String) -> Bool) throws -> String {
        var typed = ""
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            for character in text {
                try session.type(String(character))
                typed.append(character)
                if try appeared(session.screen()) { return typed }
            }
        }
        return typed
    }

    @Test(.timeLimit(.minutes(2))) func keysTypedAsADestructiveCardAppearsApproveNothing() throws {
        let folder = TemporaryDirectory()
        let (session, model) = try Self.session(["anthropic_questions_wipe_call", "anthropic_text"], folder: folder)
        try session.type("Wipe my drafts")
        try session.send("Enter")
        // The person types their next message, "y" and "a" included, as the card appears.
        let typed = try Self.typeUntil(session, "yay") { $0.contains("Allow questions · wipe?") }
        let waiting = try session.waitFor("the card taking keys") { $0.contains("y once · a always · n deny") }
        #expect(Self.composer(waiting) == typed, "every key typed stayed in the composer")
        #expect(waiting.contains("waiting for you"))
        let marker = session.dataDirectory.appendingPathComponent("wiped")
        #expect(!FileManager.default.fileExists(atPath: marker.path), "nothing was approved")

        try session.send("a")
        try session.waitFor("always allow asks once more") { $0.contains("Always allow this destructive tool") }
        try session.send("n")
        try session.waitFor("back at the choices") { $0.contains("y once · a always · n deny") }
        try session.send("n")
        try session.send("Enter")
        try session.waitFor("denied, and the answer") { $0.contains("The person denied this call") && $0.contains("Hello, wörld 日本!") }
        #expect(!FileManager.default.fileExists(atPath: marker.path))
        #expect(try Self.composer(session.screen()) == typed)
        withExtendedLifetime(model) {}
    }

    @Test(.timeLimit(.minutes(3))) func fiftyQuestionsAskedAtOnceAreEachShownAndAnswered() throws {
        let folder = TemporaryDirectory()
        let (session, model) = try Self.session(["anthropic_questions_ask_many_call", "anthropic_text"], folder: folder)
        try session.type("Ask me")
        try session.send("Enter")
        var answered: [Int: String] = [:]
        for shown in 1...50 {
            let screen = try session.waitFor("question \(shown) taking keys") {
                $0.contains("Ctrl-S submits") && (shown == 50 || $0.contains("\(50 - shown) more waiting"))
            }
            guard let range = screen.range(of: #"Question \d+ of 50"#, options: .regularExpression),
                  let number = Int(screen[range].dropFirst("Question ".count).prefix { $0.isNumber }) else {
                Issue.record("no question on screen:\n\(screen)")
                return
            }
            #expect(answered[number] == nil, "each question is shown once")
            answered[number] = number.isMultiple(of: 2) ? "decline" : "accept"
            try session.send(number.isMultiple(of: 2) ? "C-d" : "C-s")
            try session.waitFor("the next question or the end") { !$0.contains("Question \(number) of 50") }
        }
        try session.waitFor("the tool's result and the answer") { $0.contains("50 answers:") && $0.contains("Hello, wörld 日本!") }
        #expect(answered.keys.sorted() == Array(1...50))
        let expected = "50 answers: " + (1...50).map { "\($0):\(answered[$0] ?? "?")" }.joined(separator: " ")
        let requests = try String(contentsOf: folder.url.appendingPathComponent("requests.jsonl"), encoding: .utf8)
        #expect(requests.contains(expected), "the server got every answer")
        withExtendedLifetime(model) {}
    }

    @Test(.timeLimit(.minutes(2))) func typingAsAFormAppearsPutsNothingInIt() throws {
        let folder = TemporaryDirectory()
        let (session, model) = try Self.session(["anthropic_questions_take_note_call", "anthropic_text"], folder: folder)
        try session.type("Take a note")
        try session.send("Enter")
        let phrase = Array("my password is hunter2 ")
        var typed = try Self.typeUntil(session, String(phrase)) { $0.contains("Write a note") }
        // Finish the sentence being typed as the form appeared.
        while typed.count % phrase.count != 0 {
            let next = phrase[typed.count % phrase.count]
            try session.type(String(next))
            typed.append(next)
        }
        let form = try session.waitFor("the form taking keys") { $0.contains("Write a note") && $0.contains("Ctrl-S submits") }
        #expect(Self.composer(form) == typed.trimmingCharacters(in: .whitespaces), "what was typed stayed in the composer")
        try session.send("C-s")
        let answered = try session.waitFor("the server's report") { $0.contains("received accept") && $0.contains("Hello, wörld 日本!") }
        #expect(answered.contains(#"received accept {"note": ""}"#), "the form got none of it")
        let requests = try String(contentsOf: folder.url.appendingPathComponent("requests.jsonl"), encoding: .utf8)
        #expect(!requests.contains("hunter") && !requests.contains("nter2"))
        withExtendedLifetime(model) {}
    }
}

extension TmuxSession {
    /// Waits until `text` is on screen in a question that has the keys: drawn, and its grace over.
    @discardableResult
    func waitForQuestion(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try waitFor("“\(text)” taking keys", sourceLocation: sourceLocation) {
            $0.contains(text) && ($0.contains("y once · a always · n deny") || $0.contains("Ctrl-S submits"))
        }
    }
}
