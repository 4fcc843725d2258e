import Foundation
import Testing
import TestSupport

/// The README's connector, task, card and model walks in the real binary (see `WalkthroughTests`).
@Suite(.serialized) struct WalkthroughConnectorsTests {
    typealias Walk = WalkthroughTests

    /// Esc until no panel is open (details go back to the list first).
    static func closePanels(_ session: TmuxSession) throws {
        for _ in 0..<3 {
            guard try session.screen().contains("╭─ Connectors") else { break }
            try session.send("Escape")
            Thread.sleep(forTimeInterval: 0.3)
        }
        try session.waitFor("the panels closed") { !$0.contains("╭─ Connectors") }
    }

    /// A first start (the built-ins Tasks and Files), then the panel, details, the custom form and the
    /// directory; then one resize to 50×20 with the panel open.
    @Test(.timeLimit(.minutes(2))) func connectorsPanelCustomFormAndDirectory() throws {
        let size = TerminalSize.wide
        let session = try TmuxSession(width: size.width, height: size.height)
        try Walk.see(session, size, "the built-ins on") { $0.contains("2 connectors on") && !$0.contains("starting") }
        try session.send("C-o")
        try Walk.see(session, size, "the panel") { $0.contains("Connectors · 2 on") && $0.contains("[on]        files") && $0.contains("[on]        tasks") }
        try session.send("Space")
        try Walk.see(session, size, "on demand, counted in the header") {
            $0.contains("[on demand] files") && $0.contains("Connectors · 1 on, 1 on demand") && $0.contains("2 connectors on")
        }
        try session.send("Space")
        try Walk.see(session, size, "off") { $0.contains("[off]       files") && $0.contains("1 connector on") }
        try session.send("Space")
        try Walk.see(session, size, "on again") { $0.contains("[on]        files") && $0.contains("Connectors · 2 on") }
        try session.send("n")
        try Walk.see(session, size, "all off") { $0.contains("Connectors · 0 on") }
        try session.send("s")
        try Walk.see(session, size, "saved as the default") { $0.contains("New conversations will start with these connectors.") }
        try session.send("Escape")
        try Self.closePanels(session)  // else Esc and the / after it arrive as Alt-/
        try session.type("first")
        try session.send("Enter")
        try Walk.run(session, "/new")
        try Walk.see(session, size, "a new conversation with the default set") {
            $0.hasPrefix(" New conversation") && !$0.contains("first") && $0.contains("0 connectors on")
        }
        try session.send("C-o")
        try session.send("a")
        try Walk.see(session, size, "all on") { $0.contains("Connectors · 2 on") }

        try session.send("Enter")
        let details = try Walk.see(session, size, "the details") { $0.contains("Connectors › files") && $0.contains("Can read      4 tools") }
        #expect(details.contains("Token cost") && details.contains("read-only"))
        try session.send("r")
        try Walk.see(session, size, "reconnected") { $0.contains("State         ready · 4 tools") }
        try session.send("x")
        let removing = try Walk.see(session, size, "the remove question") { $0.contains("Remove files from your configuration?") }
        #expect(!removing.contains("r reconnect") && removing.contains("y yes; any other key says no"), "the status line names the question's keys, not the details' keys")
        try session.send("y")
        try Walk.see(session, size, "removed") { screen in
            screen.contains("Removed files from your connectors.") && !screen.components(separatedBy: "\n").contains { $0.contains("[on]") && $0.contains(" files ") }
        }

        // `c`: a custom connector from a command line; on here, asking until trusted (`t`).
        try session.send("c")
        let form = try Walk.see(session, size, "the custom form") { $0.contains("Add custom connector") && $0.contains("url or command*") }
        #expect(!form.contains("It starts off here"), "README: a custom connector “is on in this conversation”, the form says it starts off")
        try session.type("clock")
        try session.send("Tab")
        try session.type(TurnEndToEndTests.root.appendingPathComponent(".venv/bin/mcp-server-time").path)
        try session.send("C-s")
        try Walk.see(session, size, "added and on here") { $0.contains("Connectors › clock") && $0.contains("on in this conversation only") }
        try Walk.see(session, size, "connected, not trusted") { $0.contains("ready · 2 tools") && $0.contains("not verified: every call asks") }
        try session.send("t")
        try Walk.see(session, size, "trusted") { $0.contains("clock is trusted") }
        try Self.closePanels(session)
        try Walk.run(session, "/connectors clock")
        try Walk.see(session, size, "`/connectors NAME` jumps to it") { $0.contains("Connectors › clock") && $0.contains("trusted by you") }
        try Self.closePanels(session)

        // `b` (or /directory): Tab changes category, typing searches, Enter shows one, `i` installs it.
        try session.send("C-o")
        try session.waitFor("Connectors ·")
        try session.send("b")
        try Walk.see(session, size, "the directory") { $0.contains("Connectors directory") && $0.contains("Linear") }
        try session.send("Tab")
        try Walk.see(session, size, "the Communication category") { $0.contains("Intercom") && !$0.contains("Linear") }
        try Self.closePanels(session)
        try Walk.run(session, "/directory")
        try session.type("files")
        try Walk.see(session, size, "searched") { $0.contains("Files (built in)") && !$0.contains("Linear") }
        try session.send("Enter")
        try Walk.see(session, size, "its details") { $0.contains("i installs it") && $0.contains("Files & documents") }
        try session.send("i")
        try Walk.see(session, size, "installed and on here") { $0.contains("Installed Files (built in)") && $0.contains("3 connectors on") }

        let narrow = TerminalSize.narrow
        try session.send("C-o")
        try session.waitFor("Connectors · 3 on")
        try session.tmux(["resize-window", "-t", "main", "-x", "\(narrow.width)", "-y", "\(narrow.height)"])
        try Walk.see(session, narrow, "the panel at 50×20") {
            // The header redrawn at the new width, not a frame tmux cut mid-resize.
            $0.contains("Connectors · 3 on") && $0.contains("clock") && $0.split(separator: "\n").first?.hasSuffix("3 on") == true
        }
        try session.send("Escape")
        try Walk.see(session, narrow, "the transcript at 50×20") { $0.contains("3 on") && $0.contains("› Message") }
    }

    /// `/task`, Ctrl-T and every key on a card, with the Tasks built-in and no model.
    @Test(.timeLimit(.minutes(2)), arguments: [TerminalSize.wide, .narrow])
    func tasksAndCards(_ size: TerminalSize) throws {
        // No browser: the card stays a plain card, whose keys this walks (a live card's are LiveCardKeysEndToEndTests').
        let session = try TmuxSession(width: size.width, height: size.height, environment: ["CHATTUI_BROWSER": "/nonexistent/chromium"])
        try Walk.see(session, size, "the built-ins on") { ($0.contains("2 connectors on") || $0.contains("2 on")) && !$0.contains("starting") }
        try session.type("Buy milk")
        try session.send("C-t")
        try Walk.see(session, size, "Ctrl-T: the task form, titled with the message") { $0.contains("New task · tasks") && $0.contains("Buy milk") }
        try session.send("Escape")
        try Walk.see(session, size, "Esc cancels, the message kept") { !$0.contains("New task") && $0.contains("› Buy milk") }
        try session.send("C-u")
        try Walk.run(session, "/task Walk the dog")
        try Walk.see(session, size, "/task's form") { $0.contains("New task · tasks") && $0.contains("Walk the dog") }
        try session.send("C-s")
        try Walk.see(session, size, "the task as a card") { !$0.contains("New task") && $0.contains("Walk the dog") && $0.contains("Enter expands") }

        try session.send("Tab")
        try Walk.see(session, size, "Tab into the cards") { $0.contains("Enter expands") }
        try session.send("o")
        try Walk.see(session, size, "o with no link") { $0.contains("This card has no links or media.") }
        try session.send("Enter")
        try Walk.see(session, size, "Enter opens it") { $0.contains("Enter collapses") }
        try session.send("Enter")
        try Walk.see(session, size, "Enter closes it") { $0.contains("Enter expands") }
        try session.send("a")
        let actions = try Walk.see(session, size, "a: the connector's actions") { $0.contains("Actions · tasks") && $0.contains("List projects") }
        // The list is the connector's tools in its order: step down to List projects wherever it is.
        let rows = actions.components(separatedBy: "\n").drop { !$0.contains("Actions · tasks") }.filter { $0.contains("  · ") }
        let steps = try #require(rows.firstIndex { $0.contains("List projects") }, "List projects is listed: \(rows)")
        for _ in 0..<steps { try session.send("Down") }
        try session.send("Enter")
        try Walk.see(session, size, "the action's card") { $0.contains("tasks · List projects") && $0.contains("Projects: Inbox") }
        let before = try session.screen()
        try session.send("r")
        // A second card follows the first (both show at 100×30; at 50×20 the first scrolls up).
        try Walk.see(session, size, "r: called again") {
            $0 != before && $0.contains("tasks · List projects") && (size.height < 30 || $0.components(separatedBy: "tasks · List projects").count == 3)
        }
        try session.send("c")
        try Walk.see(session, size, "c: copied") { $0.contains("Copied the result as JSON.") }
        let copied = try session.tmux(["show-buffer"])
        #expect(copied.contains("\"Inbox\""), "the structured result as JSON reaches the clipboard: \(copied)")
        try session.send("m")
        try Walk.see(session, size, "m: the card's text in the message") { $0.contains("› Projects: Inbox") }
        try session.send("Escape")
        try Walk.see(session, size, "Esc: back in the composer") { !$0.contains("Enter expands ·") && $0.contains("› Projects: Inbox") }
    }

    /// `/model`, `/tools`, Esc stopping an answer, a connector's prompt and `@` resources, with a
    /// recorded model and a connector on the official Python SDK.
    @Test(.timeLimit(.minutes(2))) func modelToolsStoppingPromptsAndResources() throws {
        let size = TerminalSize.wide
        let folder = TemporaryDirectory()
        let model = try TurnEndToEndTests.model(["anthropic_stalls", "anthropic_text"], folder: folder)
        let session = try TmuxSession(answeredBy: model, prepare: OfferEndToEndTests.preparePeer)
        try session.waitForConnectorReady()
        try Walk.run(session, "/tools on-demand")
        try Walk.see(session, size, "tool access changed") { $0.lowercased().contains("on demand") || $0.contains("on-demand") }
        try Walk.run(session, "/tools auto")

        try Walk.run(session, "One more")
        try Walk.see(session, size, "the answer streaming") { $0.contains("Still thinking about") && $0.contains("Esc stops") }
        try session.send("Escape")
        try Walk.see(session, size, "Esc stopped it, what arrived kept") { $0.contains("Stopped. What had arrived is kept.") && $0.contains("Still thinking about") }

        try session.type("/peer:rev")
        try Walk.see(session, size, "the prompt in the menu") { $0.contains("/peer:review") }
        try session.send("Enter")
        try Walk.see(session, size, "the prompt's form") { $0.contains("╭─ /peer:review") }
        try session.type("the login page")
        try session.send("C-s")
        try Walk.see(session, size, "the prompt in the composer") { $0.contains("› Please review the login page") }
        try session.send("C-u")
        try session.type("@")
        try Walk.see(session, size, "the resource picker") { $0.contains("Attach a resource") && $0.contains("notes://today") }
        try session.send("Enter")
        try Walk.see(session, size, "attached") { $0.contains("📎 today") }
        try session.send("BSpace")
        try Walk.see(session, size, "Backspace in an empty composer removes it") { !$0.contains("📎 today") }
        try session.type("@")
        try session.waitFor("Attach a resource")
        try session.send("Enter")
        try session.type("summarise")
        try session.send("Enter")
        try Walk.see(session, size, "the answer with the resource") { $0.contains("Hello, wörld 日本!") && $0.contains("📎 today") }

        // Last: the picker asks the recorded server for its models, which takes a recording.
        try Walk.run(session, "/model")
        try Walk.see(session, size, "the model picker") { $0.contains("╭─ Model") && $0.contains("anthropic/claude-sonnet-4-5") && $0.contains("Enter choose") }
        try session.send("Escape")
        try Walk.see(session, size, "the picker closed") { !$0.contains("╭─ Model") }
    }
}
