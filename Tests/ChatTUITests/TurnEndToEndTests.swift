import BuiltinConnectors
import HTTPStreaming
import Foundation
import Synchronization
import Testing
import TestSupport

/// A whole turn in the real binary: a recorded Anthropic stream replayed by a
/// local server as the model, and the reference `mcp-server-git` as the connector.
@Suite(.serialized) struct TurnEndToEndTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let recordings = root.appendingPathComponent("Tests/ModelProvidersTests/Recordings")

    /// A git repository and a connectors file naming mcp-server-git for it.
    static func prepareGit(_ folder: URL) throws {
        let repository = folder.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repository, withIntermediateDirectories: true)
        try "hello\n".write(to: repository.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        for arguments in [["init", "-q", "-b", "main"], ["add", "a.txt"],
                          ["-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "-m", "init"]] {
            let result = try Spawn.run(["git", "-C", repository.path] + arguments)
            #expect(result.status == 0, "git \(arguments): \(result.output)")
        }
        let config = folder.appendingPathComponent("config/chattui")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        let server = root.appendingPathComponent(".venv/bin/mcp-server-git").path
        let json = #"{"mcpServers": {"git": {"command": "\#(server)", "args": ["--repository", "\#(repository.path)"], "cwd": "\#(repository.path)"}}}"#
        try json.write(to: config.appendingPathComponent("connectors.json"), atomically: true, encoding: .utf8)
    }

    static func model(_ recordings: [String], folder: TemporaryDirectory) throws -> LocalServer {
        let port = freeLocalPort()
        return try LocalServer(["/usr/bin/python3", Self.recordings.appendingPathComponent("replay_server.py").path, String(port),
                                folder.url.appendingPathComponent("requests.jsonl").path]
                                + recordings.map { Self.recordings.appendingPathComponent($0 + ".http").path }, port: port)
    }

    static func branches(in session: TmuxSession) throws -> String {
        try Spawn.run(["git", "-C", session.dataDirectory.appendingPathComponent("repo").path, "branch", "--list"]).output
    }

    @Test(.timeLimit(.minutes(2))) func aToolCallIsApprovedWithEditedArgumentsAndAnswered() throws {
        let folder = TemporaryDirectory()
        let model = try Self.model(["anthropic_git_branch_call", "anthropic_git_branch_answer"], folder: folder)
        let session = try TmuxSession(answeredBy: model, prepare: Self.prepareGit)
        let ready = try session.waitForConnectorReady()
        #expect(ready.contains("anthropic/claude-sonnet-4-5 · 1 connector on"))
        try session.type("Create a branch called feature-x")
        try session.send("Enter")
        let card = try session.waitForQuestion("Allow git · git_create_branch?")
        #expect(card.contains("Branch Name* feature-x"))
        #expect(card.contains("writes"))
        #expect(try Self.branches(in: session).contains("feature-x") == false, "nothing runs before the person allows it")

        // Fields follow the schema's `required` order: the repository's path, then the branch's name.
        try session.send("Tab")
        try session.send("Tab")
        try session.send("C-u")
        try session.type("feature-y")
        try session.waitFor("the edited argument") { $0.contains("Branch Name* feature-y") }
        try session.send("Enter")
        try session.send("y")
        let answered = try session.waitFor("the result and the final answer") {
            $0.contains("The person edited the arguments") && $0.contains("Created branch 'feature-y'") && $0.contains("Done: the branch feature-x exists now.")
        }
        #expect(!answered.contains("Allow once"), "the card is gone once answered")
        #expect(try Self.branches(in: session).contains("feature-y"))
    }

    @Test(.timeLimit(.minutes(2))) func denyingTellsTheModelAndAStoppedAnswerIsKept() throws {
        let folder = TemporaryDirectory()
        let model = try Self.model(["anthropic_git_branch_call", "anthropic_git_branch_answer", "anthropic_dropped", "anthropic_stalls"], folder: folder)
        let session = try TmuxSession(answeredBy: model, prepare: Self.prepareGit)
        try session.waitForConnectorReady()
        try session.type("Create a branch called feature-x")
        try session.send("Enter")
        try session.waitForQuestion("Allow git · git_create_branch?")
        try session.send("n")
        try session.waitFor("the reason field") { $0.contains("Reason (optional):") }
        try session.type("not today")
        try session.send("Enter")
        try session.waitFor("the denial as the result") { $0.contains("The person denied this call: not today") && $0.contains("git · git_create_branch ✗") }
        try session.waitFor("Done: the branch")
        #expect(try Self.branches(in: session).contains("feature-x") == false)
        let requests = try String(contentsOf: folder.url.appendingPathComponent("requests.jsonl"), encoding: .utf8)
        #expect(requests.contains("The person denied this call: not today"), "the model is told why")

        // The third answer stops halfway; the part that arrived stays, marked interrupted.
        try session.type("And another?")
        try session.send("Enter")
        try session.waitFor("the interrupted answer") { $0.contains("The first half") && $0.contains("(interrupted)") }
        try session.waitFor("why it stopped") { $0.contains("the connection closed before the answer was complete") }

        // The fourth never finishes: Esc stops it and keeps what arrived.
        try session.type("One more")
        try session.send("Enter")
        try session.waitFor("the stalled answer streaming") { $0.contains("Still thinking about") && $0.contains("answering…") }
        try session.send("Escape")
        let stopped = try session.waitFor("the answer stopped") { $0.contains("Stopped. What had arrived is kept.") }
        #expect(stopped.contains("Still thinking about"))
        try session.send("C-c")
        try session.waitFor("[chattui exited 0]")
        try session.restart()
        try session.waitFor("the stopped answer after a restart") { $0.contains("Still thinking about") && $0.contains("(interrupted)") }
    }
}

/// Esc while a tool runs: the call is cancelled on the server, and the turn stops.
@Suite(.serialized) struct CancelEndToEndTests {
    /// The SDK peer as the connector and the recorded model asking for its slow call: returns once the
    /// approval card takes keys, with the model server the caller keeps alive.
    static func slowCallAsked(_ folder: TemporaryDirectory) throws -> (TmuxSession, model: LocalServer) {
        let model = try TurnEndToEndTests.model(["anthropic_slow_call", "anthropic_text"], folder: folder)
        let session = try TmuxSession(answeredBy: model, prepare: OfferEndToEndTests.preparePeer)
        try session.waitForConnectorReady()
        try session.type("Run the slow job")
        try session.send("Enter")
        try session.waitForQuestion("Allow peer · slow?")
        return (session, model)
    }

    @Test(.timeLimit(.minutes(2))) func escCancelsARunningToolCallOnItsServer() throws {
        let folder = TemporaryDirectory()
        let (session, model) = try Self.slowCallAsked(folder)
        try session.send("y")
        try session.waitFor("the call running with its progress") { $0.contains("⚙ peer · slow") && $0.contains("% step") }
        try session.send("Escape")
        try session.waitFor("the turn stopped") { $0.contains("Stopped. What had arrived is kept.") }
        let marker = session.dataDirectory.appendingPathComponent("cancelled")
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: marker.path) && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(FileManager.default.fileExists(atPath: marker.path), "the server saw notifications/cancelled")
        try session.waitFor("the call's result says it was cancelled") { $0.contains("✗") && $0.contains("Cancelled") }
        _ = model
    }
}

/// Enter on an approval card takes the highlighted choice, which for a call that may write is Deny:
/// only `y` (or moving to Allow) runs it.
@Suite(.serialized) struct ApprovalDefaultEndToEndTests {
    @Test(.timeLimit(.minutes(2))) func enterOnAWriteNeverRunsIt() throws {
        let folder = TemporaryDirectory()
        let (session, model) = try CancelEndToEndTests.slowCallAsked(folder)
        try session.send("Enter")
        try session.waitFor("a reason asked for, nothing run") { $0.contains("Allow peer · slow?") && $0.contains("Reason (optional)") }
        try session.send("Enter")
        let denied = try session.waitFor("the call denied") { $0.contains("✗") && $0.contains("peer · slow") }
        #expect(!denied.contains("% step"), "the server never ran it:\n\(denied)")
        _ = model
    }
}

/// A connector's prompt and resource through the real binary, against an SDK-built server.
@Suite(.serialized) struct OfferEndToEndTests {
    static func preparePeer(_ folder: URL) throws {
        let config = folder.appendingPathComponent("config/chattui")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        let python = TurnEndToEndTests.root.appendingPathComponent(".venv/bin/python").path
        let peer = TurnEndToEndTests.root.appendingPathComponent("Tests/MCPClientTests/Peers/peer_server.py").path
        let json = #"{"mcpServers": {"peer": {"command": "\#(python)", "args": ["\#(peer)"], "env": {"PEER_MARKER_DIR": "\#(folder.path)"}}}}"#
        try json.write(to: config.appendingPathComponent("connectors.json"), atomically: true, encoding: .utf8)
    }

    @Test(.timeLimit(.minutes(2))) func aPromptFillsTheComposerAndAResourceGoesToTheModel() throws {
        let folder = TemporaryDirectory()
        let model = try TurnEndToEndTests.model(["anthropic_text"], folder: folder)
        let session = try TmuxSession(answeredBy: model, prepare: Self.preparePeer)
        try session.waitForConnectorReady()
        try session.type("/peer:rev")
        try session.waitFor("the prompt in the slash menu") { $0.contains("/peer:review topic [tone]") }
        try session.send("Enter")
        try session.waitFor("the prompt's form") { $0.contains("╭─ /peer:review") && $0.contains("topic*") }
        try session.type("the login page")
        try session.send("C-s")
        try session.waitFor("the prompt in the composer") { $0.contains("› Please review the login page in a plain tone.") }

        try session.send("C-u")
        try session.type("Summarise ")
        try session.type("@")
        try session.waitFor("the resource picker") { $0.contains("Attach a resource") && $0.contains("today") && $0.contains("notes://today") }
        try session.send("Enter")
        try session.waitFor("the attachment on the composer") { $0.contains("📎 today") }
        try session.type("please")
        try session.send("Enter")
        try session.waitFor("the answer") { $0.contains("Hello, wörld 日本!") && $0.contains("📎 today  peer · notes://today · 2 lines") }
        let requests = try String(contentsOf: folder.url.appendingPathComponent("requests.jsonl"), encoding: .utf8)
        #expect(requests.contains(#"<attached-resource name=\\\"today\\\" uri=\\\"notes://today\\\">\\nBuy milk."#))
    }
}

/// `/connectors` in the real binary with the reference time server.
@Suite(.serialized) struct ConnectorsEndToEndTests {
    @Test(.timeLimit(.minutes(2))) func turningAConnectorOffChangesTheHeaderAndIsKept() throws {
        let session = try TmuxSession(prepare: { folder in
            let config = folder.appendingPathComponent("config/chattui")
            try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
            let server = TurnEndToEndTests.root.appendingPathComponent(".venv/bin/mcp-server-time").path
            try #"{"mcpServers": {"time": {"command": "\#(server)"}}}"#.write(to: config.appendingPathComponent("connectors.json"), atomically: true, encoding: .utf8)
        })
        try session.waitForConnectorReady()
        try session.send("C-o")
        try session.waitFor("the panel") { $0.contains("Connectors · 1 on") && $0.contains("[on]") && $0.contains("ready · 2 tools") }
        try session.send("Space")
        try session.waitFor("on demand") { $0.contains("[on demand] time") && $0.contains("1 connector on") }
        try session.send("Enter")
        try session.waitFor("the details") { $0.contains("Connectors › time") && $0.contains("Can read      2 tools") }
        try session.send("Escape")
        try session.waitFor("the list again") { $0.contains("Connectors · 0 on, 1 on demand") }
        try session.send("Space")
        try session.waitFor("off") { $0.contains("[off]") && $0.contains("0 connectors on") }
        try session.send("Escape")
        try session.waitFor("the panel closed") { !$0.contains("Connectors ·") }
        try session.send("C-c")
        try session.waitFor("[chattui exited 0]")
        try session.restart()
        try session.waitFor("still off after a restart") { $0.contains("0 connectors on") }
    }
}

/// Installing from the directory in the real binary: the built-in Tasks connector is added, connects, and is on here.
@Suite(.serialized) struct DirectoryEndToEndTests {
    @Test(.timeLimit(.minutes(2))) func installingFromTheDirectoryConnectsIt() throws {
        let session = try TmuxSession(prepare: { folder in
            let config = folder.appendingPathComponent("config/chattui")
            try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
            try #"{"mcpServers": {}}"#.write(to: config.appendingPathComponent("connectors.json"), atomically: true, encoding: .utf8)
        })
        try session.waitFor("0 connectors on")
        try session.type("/directory")
        try session.send("Enter")
        try session.waitFor("the directory") { $0.contains("Connectors directory") && $0.contains("Linear") }
        try session.type("tasks")
        try session.waitFor("filtered") { $0.contains("Tasks (built in)") && !$0.contains("Linear") }
        try session.send("Enter")
        try session.waitFor("the details") { $0.contains("i installs it") }
        try session.send("i")
        try session.waitFor("installed and on") { $0.contains("1 connector on") && !$0.contains("starting") }
        try session.send("C-o")
        try session.waitFor("ready in /connectors") { $0.contains("[on]        tasks") && $0.contains("ready · 8 tools") }
        let config = try String(contentsOf: session.dataDirectory.appendingPathComponent("config/chattui/connectors.json"), encoding: .utf8)
        #expect(config.contains("\"tasks\"") && config.contains("serve"))
    }
}

/// A managed policy in the real binary: a denied connector is listed as blocked, never started, and stays off.
@Suite(.serialized) struct PolicyEndToEndTests {
    @Test(.timeLimit(.minutes(2))) func aDeniedConnectorIsBlocked() throws {
        let folder = TemporaryDirectory()
        let policy = folder.url.appendingPathComponent("policy.json")
        try #"{"deny": ["git"]}"#.write(to: policy, atomically: true, encoding: .utf8)
        let session = try TmuxSession(environment: ["CHATTUI_POLICY_FILE": policy.path], prepare: TurnEndToEndTests.prepareGit)
        try session.waitFor("the header") { $0.contains("0 connectors on · 1 blocked") }
        try session.send("C-o")
        try session.waitFor("blocked in the list") { $0.contains("[off]") && $0.contains("blocked by policy") }
        try session.send("Space")
        try session.waitFor("the reason") { $0.contains("git is blocked by policy") }
        let running = try Spawn.run(["pgrep", "-f", "mcp-server-git --repository \(session.dataDirectory.path)"])
        #expect(running.output.isEmpty, "a blocked connector is never started")
    }
}

/// The built-in Tasks connector asks which project (elicitation) and the person answers in a form.
@Suite(.serialized) struct ElicitationEndToEndTests {
    /// The Tasks built-in as the one connector, with a "Website" project; returns its database's path.
    static func prepareTasks(_ data: URL) throws -> String {
        let database = data.appendingPathComponent("data/tasks.sqlite").path
        try TasksStore(path: database).createProject("Website")
        let config = data.appendingPathComponent("config/chattui")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        let json = #"{"mcpServers": {"tasks": {"command": "\#(BuiltBinary.chattui.path)", "args": ["serve", "tasks", "--database", "\#(database)"]}}}"#
        try json.write(to: config.appendingPathComponent("connectors.json"), atomically: true, encoding: .utf8)
        return database
    }

    @Test(.timeLimit(.minutes(2))) func theTrackerAsksForAProjectAndGetsTheAnswer() throws {
        let folder = TemporaryDirectory()
        let model = try TurnEndToEndTests.model(["anthropic_tasks_create", "anthropic_text"], folder: folder)
        let session = try TmuxSession(answeredBy: model, prepare: { _ = try Self.prepareTasks($0) })
        try Self.fileTheLoginBugInWebsite(session)
        try session.waitFor("the issue filed there") { $0.contains("Created #1 “Fix the login page” in Website.") }
    }

    /// Asks for the login-page bug (the recorded model files it with `create_issue`), allows the call and
    /// answers the tracker's question with its second project, Website.
    static func fileTheLoginBugInWebsite(_ session: TmuxSession) throws {
        try session.waitForConnectorReady()
        try session.type("File a bug about the login page")
        try session.send("Enter")
        try session.waitForQuestion("Allow tasks · create_issue?")
        try session.send("y")
        try session.waitForQuestion("Which project should the new issue go in?")
        try session.send("Space")
        try session.send("Space")
        try session.waitFor("the second project chosen") { $0.contains("Website") }
        try session.send("C-s")
    }
}

/// Signing in from the interface over "SSH": the card shows the URL, a browser elsewhere
/// follows it, and the address it lands on is pasted back into the card.
@Suite(.serialized) struct SignInEndToEndTests {
    @Test(.timeLimit(.minutes(2))) func pastingTheRedirectSignsIn() async throws {
        let port = freeLocalPort()
        let script = TurnEndToEndTests.root.appendingPathComponent("Tests/MCPClientTests/Peers/oauth_server.py").path
        let oauth = try LocalServer([TurnEndToEndTests.root.appendingPathComponent(".venv/bin/python").path, script, String(port)], port: port)
        let redirectPort = freeLocalPort()
        let session = try TmuxSession(width: 120, height: 40, prepare: { folder in
            let config = folder.appendingPathComponent("config/chattui")
            try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
            let json = #"{"mcpServers": {"secure": {"type": "http", "url": "http://127.0.0.1:\#(port)/mcp", "oauth": {"redirectPort": \#(redirectPort)}}}}"#
            try json.write(to: config.appendingPathComponent("connectors.json"), atomically: true, encoding: .utf8)
        })
        try session.waitFor("the first frame") { $0.contains("no model") }
        // Opening its details starts it (it is off here): the server asks to sign in.
        try session.type("/connectors secure")
        try session.send("Enter")
        try session.waitFor("the details") { $0.contains("needed: s signs in") && $0.contains("1 sign-in needed") }
        try session.send("s")
        let card = try session.waitFor("the card with the URL") { $0.contains("Sign in to secure") && $0.contains("scope=mcp") }
        let joined = card.split(separator: "\n").map { $0.replacingOccurrences(of: "│", with: "").trimmingCharacters(in: .whitespaces) }.joined()
        let start = try #require(joined.range(of: "http://127.0.0.1:\(oauth.port)/authorize?"))
        let end = try #require(joined.range(of: "scope=mcp", range: start.upperBound..<joined.endIndex))
        let url = try #require(URL(string: String(joined[start.lowerBound..<end.upperBound])))
        let landed = try #require(try await CurlRequest.fetch("GET", url).headers["location"])
        #expect(landed.hasPrefix("http://127.0.0.1:\(redirectPort)/callback?code="))
        try session.type(landed)
        try session.send("Enter")
        try session.waitFor("signed in and ready") { $0.contains("Signed in to secure.") && $0.contains("ready · 1 tool") }
        let tokens = session.dataDirectory.appendingPathComponent("state/chattui/auth/secure.json")
        #expect(FileManager.default.fileExists(atPath: tokens.path))
        // `d` disconnects and forgets the sign-in: started again (`r`), it asks for one.
        try session.send("d")
        try session.waitFor("disconnected") { $0.contains("State         disconnected") }
        #expect(!FileManager.default.fileExists(atPath: tokens.path))
        try session.send("r")
        try session.waitFor("signed out") { $0.contains("needed: s signs in") }
    }
}

/// `/task` with no model configured: the Tasks built-in's create tool, its form titled with
/// what was typed, the issue filed in the real SQLite file and shown as a card the keys drive.
@Suite(.serialized) struct TaskEndToEndTests {
    @Test(.timeLimit(.minutes(2))) func aTaskIsCreatedFromTheKeyboardWithoutAModel() throws {
        let database = Mutex<String>("")
        // No browser: the issue view's card shows the result and why (live cards have their own tests).
        let session = try TmuxSession(width: 100, height: 40, environment: ["CHATTUI_BROWSER": "/nonexistent"], prepare: { data in
            let path = try ElicitationEndToEndTests.prepareTasks(data)
            database.withLock { $0 = path }
        })
        try session.waitFor("the connector ready, no model") { $0.contains("no model") && $0.contains("1 connector on") && !$0.contains("starting") }
        try session.type("Login fails on Safari")
        try session.send("C-t")
        let form = try session.waitFor("the task form, titled with the message") {
            $0.contains("New task · tasks · Create an issue") && $0.contains("Title*") && $0.contains("Login fails on Safari")
        }
        let labels = ["Title*", "Description", "Project", "Status", "Priority", "Labels", "Assignee", "Due date"]
        let rows = labels.map { label in form.split(separator: "\n").firstIndex { $0.contains("│ \(label) ") } }
        #expect(rows.allSatisfy { $0 != nil } && rows == rows.sorted { ($0 ?? 0) < ($1 ?? 0) }, "the schema's order, with its titles: \(form)")
        try session.send("Down")
        try session.send("Down")
        for _ in 0..<3 { try session.send("Space") }
        try session.waitFor("past the last project, back to none") { $0.split(separator: "\n").contains { $0.contains("Project") && $0.contains("‹ choose ›") } }
        for _ in 0..<2 { try session.send("Space") }
        try session.waitFor("the tracker's projects offered") { $0.contains("‹ Website ›") }
        try session.send("Down")
        try session.send("Down")
        for _ in 0..<4 { try session.send("Space") }
        try session.waitFor("priority high") { $0.contains("‹ high ›") }
        try session.send("C-s")
        let card = try session.waitFor("the created issue as a card") { $0.contains("You ran") && $0.contains("Created #1 “Login fails on Safari” in Website.") }
        #expect(card.contains("╭─ tasks · Create an issue"))
        #expect(!card.contains("› Login fails on Safari"), "the composer's text became the task")
        let issues = try TasksStore(path: database.withLock { $0 }).list()
        #expect(issues.map(\.title) == ["Login fails on Safari"])
        #expect(issues.first?.priority == "high")

        try session.send("Tab")
        try session.waitFor("the card focused") { $0.contains("Enter expands") && $0.contains("a actions") }
        try session.send("Enter")
        let open = try session.waitFor("the card open") { $0.contains("Enter collapses") && $0.contains("▾ arguments") }
        #expect(open.contains("Live view: no browser at /nonexistent"))
        #expect(!open.contains("[ Save ]"), "the issue view's script-filled template is not drawn as an empty shell")
        try session.send("Escape")
        try session.waitFor("back in the composer") { !$0.contains("Enter collapses") }
    }

    /// A tracker that refuses the project after submit: the form comes back with every field and the reason.
    @Test(.timeLimit(.minutes(2))) func aRefusedTaskKeepsItsForm() throws {
        let session = try TmuxSession(width: 100, height: 40, prepare: { data in
            let config = data.appendingPathComponent("config/chattui")
            try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
            let python = TurnEndToEndTests.root.appendingPathComponent(".venv/bin/python").path
            let peer = TurnEndToEndTests.root.appendingPathComponent("Tests/ChatTUITests/Peers/strict_tracker_server.py").path
            let json = #"{"mcpServers": {"tracker": {"command": "\#(python)", "args": ["\#(peer)"], "trusted": true}}}"#
            try json.write(to: config.appendingPathComponent("connectors.json"), atomically: true, encoding: .utf8)
        })
        try session.waitFor("no model") { $0.contains("no model") && !$0.contains("starting") }
        try session.send("C-o")
        try session.waitFor("the tracker listed, not started while off") { $0.contains("tracker") && $0.contains("not started") }
        try session.send("Space")
        try session.waitFor("the tracker on, ready") { $0.contains("[on]") && $0.contains("ready") }
        try session.send("Escape")
        // The panel closed first: an Esc followed at once by a letter arrives as Alt-letter.
        try session.waitFor("the tracker on here") { $0.contains("1 connector on") && !$0.contains("╭─ Connectors") }
        try session.type("Login fails")
        try session.send("C-t")
        try session.waitFor("the task form") { $0.contains("New task · tracker") && $0.contains("Login fails") }
        try session.send("Down")
        try session.type("Nowhere")
        try session.send("C-s")
        let refused = try session.waitFor("the form back, with the reason") { $0.contains("Refused:") && $0.contains("New task · tracker") }
        #expect(refused.contains("Refused: Error executing tool create_issue"), "the server's own words (this SDK hides the exception's text)")
        #expect(refused.contains("Login fails") && refused.contains("Nowhere"), "every field kept")
        try session.send("C-u")
        try session.type("Website")
        try session.send("C-s")
        try session.waitFor("filed once the project is right") { $0.contains("Filed “Login fails” in Website.") && !$0.contains("New task · tracker") }
    }
}
