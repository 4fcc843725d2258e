import Foundation
import Testing
import TestSupport

/// Keys around a turn in the real binary: Ctrl-C, the waiting spinner, `/quit`, `/new`,
/// and escape sequences the terminal sends that ncurses does not know.
@Suite(.serialized) struct TurnKeysEndToEndTests {
    /// The recorded model streams a little and then never finishes.
    static func stalledSession(_ folder: TemporaryDirectory) throws -> (TmuxSession, LocalServer) {
        let model = try TurnEndToEndTests.model(["anthropic_stalls"], folder: folder)
        return (try TmuxSession(answeredBy: model) { _ in }, model)
    }

    @Test(.timeLimit(.minutes(2))) func ctrlCStopsTheAnswerAndOnlyASecondOneQuits() throws {
        let folder = TemporaryDirectory()
        let (session, model) = try Self.stalledSession(folder)
        defer { withExtendedLifetime(model) {} }
        try session.waitFor("Type a message and press Enter")
        try session.type("Think about it")
        try session.send("Enter")
        try session.waitFor("the stalled answer streaming") { $0.contains("Still thinking about") }
        // An empty composer and a turn running: Ctrl-C stops the answer, not the app.
        try session.send("C-c")
        let stopped = try session.waitFor("the answer stopped") { $0.contains("Stopped. What had arrived is kept.") }
        #expect(stopped.contains("Ctrl-C again quits"))
        #expect(!stopped.contains("[chattui exited"))
        try session.send("C-c")
        try session.waitFor("[chattui exited 0]")
    }

    @Test(.timeLimit(.minutes(2))) func ctrlCWithAMessageTypedStopsTheAnswerAndKeepsIt() throws {
        let folder = TemporaryDirectory()
        let (session, model) = try Self.stalledSession(folder)
        defer { withExtendedLifetime(model) {} }
        try session.waitFor("Type a message and press Enter")
        try session.type("Think about it")
        try session.send("Enter")
        try session.waitFor("the stalled answer streaming") { $0.contains("Still thinking about") }
        try session.type("my next question")
        try session.send("C-c")
        let stopped = try session.waitFor("the answer stopped") { $0.contains("Stopped. What had arrived is kept.") }
        #expect(stopped.contains("› my next question"), "the message being typed stays")
        // Another key in between: the next Ctrl-C clears the message, the one after that quits.
        try session.type("!")
        try session.send("C-c")
        try session.waitFor("the message cleared") { $0.contains("› Message…") && $0.contains("Ctrl-C again quits") }
        try session.send("C-c")
        try session.waitFor("[chattui exited 0]")
    }

    @Test(.timeLimit(.minutes(2))) func waitingForTheModelShowsASpinnerAndTheSeconds() throws {
        let folder = TemporaryDirectory()
        let (session, model) = try Self.stalledSession(folder)
        defer { withExtendedLifetime(model) {} }
        try session.waitFor("Type a message and press Enter")
        try session.type("Think about it")
        try session.send("Enter")
        let spinnerFrames = Set("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏")
        func status(_ screen: String) -> Substring? {
            screen.split(separator: "\n").first { $0.contains("Assistant") && $0.contains("answering…") }
        }
        let early = try session.waitFor("one second counted") { status($0)?.contains("answering… 1s") == true }
        try session.waitFor("two seconds counted") { status($0)?.contains("answering… 2s") == true }
        #expect(status(early)?.contains { spinnerFrames.contains($0) } == true, "a spinner beside the seconds")
        try session.send("Escape")
        try session.waitFor("Stopped. What had arrived is kept.")
    }

    @Test(.timeLimit(.minutes(2))) func quitLeavesNoDraftBehind() throws {
        let session = try TmuxSession()
        try session.waitFor("Type a message and press Enter")
        try session.type("/quit")
        try session.send("Enter")
        try session.waitFor("[chattui exited 0]")
        try session.restart()
        let screen = try session.waitFor("Type a message and press Enter")
        #expect(screen.contains("› Message…"), "the composer is empty, not “/quit”")
    }

    @Test(.timeLimit(.minutes(2))) func aNewConversationDoesNotShowTheLastOnesToolCost() throws {
        let folder = TemporaryDirectory()
        let model = try TurnEndToEndTests.model(["anthropic_text"], folder: folder)
        let session = try TmuxSession(answeredBy: model) { _ in }
        defer { withExtendedLifetime(model) {} }
        try session.waitFor("the built-ins ready") { $0.contains("2 connectors on") && !$0.contains("starting") }
        try session.type("Hello")
        try session.send("Enter")
        try session.waitFor("the answer and what the tools cost") { $0.contains("wörld") && $0.contains("· tools ") }
        try session.type("/new")
        try session.send("Enter")
        let fresh = try session.waitFor("a new conversation") { $0.hasPrefix(" New conversation") && !$0.contains("wörld") }
        #expect(!fresh.contains("· tools "), "no request was sent here yet")
    }

    /// tmux sends End as `ESC [4~` and Home as `ESC [1~`, which xterm's terminfo does not name.
    @Test(.timeLimit(.minutes(2))) func homeEndVariantsMoveAndUnknownSequencesAreIgnored() throws {
        let session = try TmuxSession(environment: ["TERM": "xterm-256color"])
        try session.waitFor("Type a message and press Enter")
        try session.type("middle")
        try session.send("Home")
        try session.type("<")
        try session.send("End")
        try session.type(">")
        try session.tmux(["send-keys", "-t", "main", "-H", "1b", "5b", "39", "39", "7e"])  // CSI 99~
        try session.tmux(["send-keys", "-t", "main", "-H", "1b", "5b", "31", "3b", "35", "5a"])  // CSI 1;5Z
        try session.tmux(["send-keys", "-t", "main", "-H", "1b", "4f", "5a"])  // SS3 Z
        try session.type("!")
        try session.tmux(["send-keys", "-t", "main", "-H", "1b", "5b", "37", "7e"])  // rxvt Home
        try session.type("[")
        try session.tmux(["send-keys", "-t", "main", "-H", "1b", "5b", "38", "7e"])  // rxvt End
        try session.type("]")
        let screen = try session.waitFor("the composer") { $0.contains("]") }
        #expect(screen.contains("› [<middle>!]\n"), "screen was:\n\(screen)")
    }
}
