@testable import ChatFeatures
@testable import ChatTUI
@testable import LiveSession
@testable import TerminalBackend
import ChatStore
import ConversationModel
import Foundation
import Testing
import TestSupport

/// `kill -9` mid-answer and mid-call, and two instances on one data folder, with the real binary.
@Suite(.serialized) struct DurabilityEndToEndTests {
    /// The store as another process sees it, read-only.
    static func lastMessage(in session: TmuxSession) throws -> Message? {
        let store = try ConversationStore(directory: session.dataDirectory.appendingPathComponent("data"), readOnly: true)
        guard let conversation = try store.mostRecentConversation() else { return nil }
        return try store.messages(in: conversation.id).last
    }

    static func killChattui(_ session: TmuxSession) throws {
        let pid = try #require(session.chattuiPID)
        kill(pid, SIGKILL)
        try session.waitFor("[chattui exited 137]")
    }

    @Test(.timeLimit(.minutes(2))) func killedMidAnswerKeepsWhatStreamedMarkedInterrupted() throws {
        let folder = TemporaryDirectory()
        let model = try TurnEndToEndTests.model(["anthropic_stalls"], folder: folder)
        let session = try TmuxSession(answeredBy: model, prepare: { _ in })
        try session.waitFor("anthropic/claude-sonnet-4-5")
        try session.type("Think about it")
        try session.send("Enter")
        try session.waitFor("the answer streaming") { $0.contains("Still thinking about your question") && $0.contains("answering…") }
        // The answer is stored as it streams (within half a second of arriving); kill once it is.
        let deadline = Date().addingTimeInterval(10)
        while try Self.lastMessage(in: session)?.status != .streaming, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(try Self.lastMessage(in: session)?.text == "Still thinking about your question")
        try Self.killChattui(session)

        try session.restart()
        let screen = try session.waitFor("the streamed text, marked, after the restart") {
            $0.contains("Still thinking about your question") && $0.contains("Interrupted: chattui stopped") && $0.contains("(interrupted)")
        }
        #expect(!screen.contains("answering…"))
        #expect(try Self.lastMessage(in: session)?.status == .interrupted)
    }

    @Test(.timeLimit(.minutes(2))) func killedMidCallTellsTheModelTheOutcomeIsUnknown() throws {
        let folder = TemporaryDirectory()
        let (session, model) = try CancelEndToEndTests.slowCallAsked(folder)
        try session.send("y")
        try session.waitFor("the call running") { $0.contains("⚙ peer · slow") && $0.contains("% step") }
        try Self.killChattui(session)

        try session.restart()
        try session.waitFor("the call's unknown outcome on its card") { $0.contains("peer · slow") && $0.contains("it may have run") }
        try session.waitFor("the connector back") { $0.contains("1 connector on") && !$0.contains("starting") }
        try session.type("Go on")
        try session.send("Enter")
        try session.waitFor("Hello, wörld 日本!")
        let requests = try String(contentsOf: folder.url.appendingPathComponent("requests.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        #expect(requests.count == 2)
        let next = String(requests.last ?? "")
        #expect(next.contains("This call was sent, but chattui stopped before its result arrived: it may have run."))
        #expect(!next.contains("This call was not run"))
        _ = model
    }

    @Test(.timeLimit(.minutes(2))) func aSecondInstanceOpensReadOnlyAndSaysSo() throws {
        let first = try TmuxSession()
        try first.waitFor("Type a message and press Enter")
        try first.type("from the first window")
        try first.send("Enter")
        try first.waitFor(" You ")

        let second = try TmuxSession(sharingDataWith: first)
        let screen = try second.waitFor("the read-only note") { $0.contains("Read-only: another chattui") && $0.contains("read-only ·") }
        #expect(screen.contains("from the first window"), "it shows the folder's conversations")
        try second.type("from the second window")
        try second.send("Enter")
        try second.waitFor("the refusal") { $0.contains("Not sent: another chattui") && $0.contains("› from the second window") }
        try second.send("C-c")
        try second.send("C-c")
        try second.waitFor("[chattui exited 0]")

        // The first window's messages and draft are its own, untouched by the second.
        try first.type("the first's draft")
        try first.waitFor("› the first's draft")
        let store = try ConversationStore(directory: first.dataDirectory.appendingPathComponent("data"), readOnly: true)
        let conversation = try #require(try store.mostRecentConversation())
        #expect(try store.messages(in: conversation.id).map(\.text) == ["from the first window"])
        #expect(conversation.draft == "the first's draft")

        // Once the first quits (or is killed), the lock is gone with it and a new start writes.
        try DurabilityEndToEndTests.killChattui(first)
        try second.restart()
        let writable = try second.waitFor("a writable start") { $0.contains("› the first's draft") }
        #expect(!writable.contains("read-only"))
    }

    /// `-p` writes only its own new conversation and `doctor` writes nothing, so neither waits for a running interface.
    @Test(.timeLimit(.minutes(2))) func printModeAndDoctorRunBesideTheInterface() throws {
        let folder = TemporaryDirectory()
        let model = try TurnEndToEndTests.model(["anthropic_text"], folder: folder)
        let session = try TmuxSession(answeredBy: model, prepare: { _ in })
        try session.waitFor("anthropic/claude-sonnet-4-5")
        func chattui(_ arguments: [String]) throws -> Spawn.Result {
            let directory = session.dataDirectory.path
            let script = """
                unset ANTHROPIC_API_KEY ANTHROPIC_BASE_URL OPENAI_API_KEY OPENAI_BASE_URL OPENAI_MODEL CHATTUI_MODEL
                export XDG_CONFIG_HOME='\(directory)/config' XDG_STATE_HOME='\(directory)/state'
                export ANTHROPIC_BASE_URL='http://127.0.0.1:\(model.port)' ANTHROPIC_API_KEY=test
                cd '\(directory)' && '\(BuiltBinary.chattui.path)' --data-dir '\(directory)/data' \(arguments.map { "'\($0)'" }.joined(separator: " "))
                """
            return try Spawn.run(["/bin/sh", "-c", script])
        }
        let printed = try chattui(["-p", "hi"])
        #expect(printed.status == 0, "\(printed.output)")
        #expect(printed.output.contains("Hello, wörld 日本!"))
        let doctor = try chattui(["doctor"])
        // The replayed model has no model list, so doctor finds that one problem; it still checks everything.
        #expect(doctor.output.contains("files: ready") && doctor.output.contains("messages use anthropic/claude-sonnet-4-5"), "\(doctor.output)")
        #expect(!doctor.output.contains("another chattui"))
        // The interface still writes: its window was not made read-only by either.
        try session.type("still mine")
        try session.send("Enter")
        try session.waitFor("the interface still answering") { $0.contains("still mine") && $0.contains("Hello, wörld 日本!") }
    }
}
