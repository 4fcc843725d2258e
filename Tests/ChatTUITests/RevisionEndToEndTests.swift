import Foundation
import Testing
import TestSupport

/// `/retry`, `/edit` (Alt-↑), Ctrl-F and `/copy` in the real binary, with a replayed model.
@Suite(.serialized) struct RevisionEndToEndTests {
    @Test(.timeLimit(.minutes(2))) func retryEditFindAndCopy() throws {
        let folder = TemporaryDirectory()
        let model = try TurnEndToEndTests.model(["anthropic_text", "anthropic_git_branch_answer", "anthropic_time_answer"], folder: folder)
        let session = try TmuxSession(answeredBy: model, prepare: { _ in })
        try session.waitFor("the empty conversation") { $0.contains("anthropic/claude-sonnet-4-5") }
        try session.type("First question")
        try session.send("Enter")
        try session.waitFor("the first answer, the turn over") { $0.contains("Hello, wörld 日本!") && !$0.contains("answering…") }

        // /retry: the old answer goes, the model is asked again with the same history.
        try session.type("/retry")
        try session.send("Enter")
        let retried = try session.waitFor("the second answer") { $0.contains("Done: the branch feature-x exists now.") && !$0.contains("answering…") }
        #expect(!retried.contains("Hello, wörld"), "the replaced answer is gone")
        var requests = try Self.requests(folder)
        #expect(requests.count == 2)
        #expect(requests[1].contains("First question") && !requests[1].contains("Hello, w"), "the retry is not sent the old answer")

        // Alt-↑ puts the last message back; sending replaces it and its answer.
        try session.send("M-Up")
        try session.waitFor("the message being edited") { $0.contains("editing your last message") && $0.contains("› First question") }
        try session.send("C-u")
        try session.type("Second question")
        try session.send("Enter")
        let edited = try session.waitFor("the answer to the edited message") { $0.contains("Paris is on Central European time.") }
        #expect(!edited.contains("First question") && !edited.contains("Done: the branch"))
        requests = try Self.requests(folder)
        #expect(requests[2].contains("Second question") && !requests[2].contains("First question"))

        // Ctrl-F finds in the conversation; Esc closes the bar.
        try session.send("C-f")
        try session.type("central")
        try session.waitFor("the match counted") { $0.contains("Find: central") && $0.contains("1 of 1") }
        try session.send("Escape")
        try session.waitFor("the find bar closed") { !$0.contains("Find: central") }

        // /copy reaches tmux's clipboard through OSC 52.
        try session.tmux(["set-option", "-g", "set-clipboard", "on"])
        try session.type("/copy")
        try session.send("Enter")
        try session.waitFor("Copied the last answer")
        #expect(try session.tmux(["show-buffer"]).contains("The time server answered; **Paris** is on Central European time."))

        // /help lists every panel's keys, the approval keys and @.
        try session.type("/help")
        try session.send("Enter")
        var help = try session.waitFor("the help") { $0.contains("╭─ Help") }
        var seen = help
        for _ in 0..<20 where !(seen.contains("Approval cards") && seen.contains("Find bar") && seen.contains("attach a connector's resource")) {
            try session.send("PageDown")
            let previous = help
            help = try session.waitFor("the next page of help") { $0 != previous }
            seen += help
        }
        for heading in ["Composer keys", "Approval cards", "Connectors panel", "Result cards", "Find bar", "allow this tool call once", "attach a connector's resource"] {
            #expect(seen.contains(heading), "/help lacks \(heading)")
        }
        try session.send("Escape")
        try session.waitFor("the help closed") { !$0.contains("Composer keys") && !$0.contains("Find bar") }

        // What was replaced stays replaced after a restart.
        try session.send("C-c")
        try session.waitFor("[chattui exited 0]")
        try session.restart()
        let reopened = try session.waitFor("the conversation again") { $0.contains("Second question") }
        #expect(!reopened.contains("First question") && !reopened.contains("Hello, wörld"))
    }

    static func requests(_ folder: TemporaryDirectory) throws -> [String] {
        try String(contentsOf: folder.url.appendingPathComponent("requests.jsonl"), encoding: .utf8).split(separator: "\n").map(String.init)
    }
}
