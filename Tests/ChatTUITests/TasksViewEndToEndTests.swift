import BuiltinConnectors
import Foundation
import Testing
import TestSupport

/// The Tasks built-in's views, live: chattui's own Tasks connector, its issue view run by Debian's
/// Chromium, and its select and Save reached with keys in tmux act through the view.
@Suite(.serialized) struct TasksViewEndToEndTests {
    static func modelEnvironment(_ model: LocalServer) -> [String: String] {
        ["ANTHROPIC_BASE_URL": "http://127.0.0.1:\(model.port)", "ANTHROPIC_API_KEY": "test"]
    }

    /// chattui with the Tasks built-in, after the recorded model filed the login bug: the session,
    /// the tracker's database and the model server (kept alive by the caller).
    static func theLoginBugFiled(_ folder: TemporaryDirectory) throws -> (TmuxSession, database: String, model: LocalServer) {
        let model = try TurnEndToEndTests.model(["anthropic_tasks_create", "anthropic_text"], folder: folder)
        var database = ""
        let session = try TmuxSession(width: 100, height: 50, environment: modelEnvironment(model),
                                      prepare: { database = try ElicitationEndToEndTests.prepareTasks($0) })
        try ElicitationEndToEndTests.fileTheLoginBugInWebsite(session)
        return (session, database, model)
    }

    /// Enter on the focused Save: the view's call asks, Ctrl-Y allows it, the view says it saved.
    static func saveAllowingTheViewsCall(_ session: TmuxSession) throws {
        try session.send("Enter")
        try LiveCardEndToEndTests.waitForCard(session, "A view's call")
        try session.send("C-y")
        try LiveCardEndToEndTests.waitForCard(session, "Saved.")
    }

    @Test(.timeLimit(.minutes(3))) func theIssueViewsSaveChangesTheIssue() throws {
        let folder = TemporaryDirectory()
        let (session, database, model) = try Self.theLoginBugFiled(folder)

        // The view draws the issue from the result by its own script.
        try LiveCardEndToEndTests.waitForCard(session, "#1 Fix the login page")
        try LiveCardEndToEndTests.waitForCard(session, "[ Save ]")
        try session.send("Tab")
        let screen = try session.waitFor("the card focused with its live keys") {
            $0.contains("controls") && $0.contains("reload") && LiveCardEndToEndTests.number(of: "New status", in: $0) != nil
        }

        // The select, reached by its number, takes the next status; Tab moves on to Save.
        let status = try #require(LiveCardEndToEndTests.number(of: "New status", in: screen), "the select is numbered:\n\(screen)")
        try session.type(String(status))
        try session.send("Down")
        try LiveCardEndToEndTests.waitForCard(session, "in_progress ▾")
        try session.send("Tab")
        try Self.saveAllowingTheViewsCall(session)
        #expect(try TasksStore(path: database).issue(1).status == "in_progress", "the view's Save changed the issue")
        _ = model
    }

    /// Tabs typed faster than the view redraws each move the focus: a Tab once went by the focus read
    /// before the one before it had landed, so it focused the same control again.
    @Test(.timeLimit(.minutes(3))) func quickTabsEachMoveTheFocus() throws {
        let folder = TemporaryDirectory()
        let (session, _, model) = try Self.theLoginBugFiled(folder)
        try LiveCardEndToEndTests.waitForCard(session, "[ Save ]")
        try session.send("Tab")
        try session.waitFor("the card focused with its live keys") { $0.contains("controls") && $0.contains("reload") }
        // Tabs in one write land on the select (1, 2, 1; then 2, 1): Space opens its options. A lost Tab
        // leaves the focus on Save, which Space presses instead. A few rounds, since the race is a race.
        for tabs in [3, 2, 2] {
            try session.tmux(["send-keys", "-t", "main"] + Array(repeating: "Tab", count: tabs))
            try session.send("Space")
            let screen = try session.waitFor("the select opened or Save pressed") {
                ["(•)", "A view's call", "Not saved", "Saved."].contains(where: $0.contains)
            }
            guard screen.contains("(•)") else {
                Issue.record("a Tab was lost: Space pressed Save\n\(screen)")
                break
            }
            try session.send("Enter")
            try session.waitFor("the select closed") { !$0.contains("(•)") }
        }
        _ = model
    }

    /// Keys typed while Ctrl-R starts the view afresh wait for the new view: they once found none, and
    /// the card failed ("the view is not running").
    @Test(.timeLimit(.minutes(3))) func keysTypedDuringAReloadWaitForTheNewView() throws {
        let folder = TemporaryDirectory()
        let (session, _, model) = try Self.theLoginBugFiled(folder)
        try LiveCardEndToEndTests.waitForCard(session, "[ Save ]")
        try session.send("Tab")
        try session.waitFor("the card focused with its live keys") { $0.contains("controls") && $0.contains("reload") }
        // The new view has no focus: two Tabs reach Save, and Space presses it.
        try session.send("C-r", "Tab", "Tab", "Space")
        let screen = try session.waitFor("Save pressed or the card failed") {
            ["A view's call", "Not saved", "not running", "(•)"].contains(where: $0.contains)
        }
        #expect(!screen.contains("not running") && !screen.contains("(•)"), "the keys reached the new view, in order:\n\(screen)")
        _ = model
    }

    /// A stored card restarts from its old tool result: its view reads the issue as it is now, and a
    /// Save writes what it shows, never the old status.
    @Test(.timeLimit(.minutes(4))) func aRestartedIssueViewShowsAndSavesTheCurrentStatus() throws {
        let folder = TemporaryDirectory()
        let (session, database, model) = try Self.theLoginBugFiled(folder)
        try LiveCardEndToEndTests.waitForCard(session, "[ Save ]")
        try session.type("/quit")
        try session.send("Enter")
        try session.waitFor("[chattui exited 0]")

        // Changed while chattui was away: the stored result and the stored card text both say todo.
        _ = try TasksStore(path: database).update(1, IssueChanges(status: "done"))
        try session.restart()
        try session.waitFor("the stored card after a restart") { $0.contains("Created #1") }
        try session.send("Tab")
        let screen = try session.waitFor("the view drawn from the issue as it is now") { screen in
            let shown = screen.replacingOccurrences(of: "\u{00A0}", with: " ")
            return shown.contains("controls") && shown.contains("Status: done") && shown.contains("[done ▾]")
        }
        let save = try #require(LiveCardEndToEndTests.number(of: "Save", in: screen), "Save is numbered:\n\(screen)")
        try session.type(String(save))
        try Self.saveAllowingTheViewsCall(session)
        #expect(try TasksStore(path: database).issue(1).status == "done", "the Save wrote the status the view showed, the current one")
        _ = model
    }

    @Test(.timeLimit(.minutes(3))) func theBoardsSelectAndSaveChangeOneIssue() throws {
        let folder = TemporaryDirectory()
        let model = try TurnEndToEndTests.model(["anthropic_tasks_board_call", "anthropic_text"], folder: folder)
        var database = ""
        let session = try TmuxSession(width: 100, height: 50, environment: Self.modelEnvironment(model),
                                      prepare: { folder in
                                          database = try ElicitationEndToEndTests.prepareTasks(folder)
                                          let store = try TasksStore(path: database)
                                          _ = try store.create(project: "Website", title: "Login fails on Safari")
                                          _ = try store.create(project: "Website", title: "Footer links are broken", status: "in_progress")
                                      })
        try session.waitForConnectorReady()
        try session.type("Show the issues")
        try session.send("Enter")

        // Newest first: #2's select is the first control, #1's the second, then Save.
        try LiveCardEndToEndTests.waitForCard(session, "Footer links are broken")
        try LiveCardEndToEndTests.waitForCard(session, "[ Save ]")
        try session.send("Tab")
        // The live text may redraw just after the focus: wait for the numbered select itself.
        let screen = try session.waitFor("the card focused with its live keys") {
            $0.contains("controls") && $0.contains("reload") && LiveCardEndToEndTests.number(of: "#2 Footer links are broken:", in: $0) != nil
        }
        let select = try #require(LiveCardEndToEndTests.number(of: "#2 Footer links are broken:", in: screen), "#2's select is numbered:\n\(screen)")
        try session.type(String(select))
        // Space opens the native select: its options show under it, the arrows move, Enter chooses.
        try session.send("Space")
        try LiveCardEndToEndTests.waitForCard(session, "(•) in_progress")
        try session.send("Down")
        try LiveCardEndToEndTests.waitForCard(session, "› ( ) done")
        try session.send("Enter")
        // The select shows done while the arrows are on it; once chosen, its options go.
        try session.waitFor("done chosen and the options gone") { screen in
            let shown = screen.replacingOccurrences(of: "\u{00A0}", with: " ")
            return shown.contains("[done ▾]") && !shown.contains("( ) cancelled")
        }
        try session.send("Tab")
        try session.send("Tab")
        try Self.saveAllowingTheViewsCall(session)
        let store = try TasksStore(path: database)
        #expect(try store.issue(2).status == "done", "the board's Save changed the issue whose select changed")
        #expect(try store.issue(1).status == "todo", "and left the other as it was")
        _ = model
    }
}
