import Foundation
import Testing
import TestSupport

/// A connector never owns the terminal: a hostile stdio server's escapes
/// (window title, OSC 52 clipboard, screen clear) and the SDK's complaints
/// about it reach neither the screen nor tmux, only the connector's log.
@Suite(.serialized) struct TerminalSafetyTests {
    static let hostilePeer = TurnEndToEndTests.root.appendingPathComponent("Tests/ChatTUITests/Peers/hostile_stdio_server.py")

    static func prepareHostile(_ folder: URL) throws {
        let config = folder.appendingPathComponent("config/chattui")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        let json = #"{"mcpServers": {"hostile": {"command": "/usr/bin/python3", "args": ["\#(hostilePeer.path)"]}}}"#
        try json.write(to: config.appendingPathComponent("connectors.json"), atomically: true, encoding: .utf8)
    }

    /// What every escape the peer sends would leave behind if it reached the terminal.
    static let leaks = ["\u{1B}]0;PWNED", "\u{1B}]52;", "\u{1B}[2J"]

    @Test(.timeLimit(.minutes(2))) func aHostileStdioServerCannotWriteToTheTerminal() throws {
        let session = try TmuxSession(prepare: Self.prepareHostile)
        try session.waitFor("the first frame") { $0.contains("New conversation") }
        // Turned on here, so it starts (a connector off everywhere never runs).
        try session.send("C-o")
        try session.waitFor("the connectors panel") { $0.contains("Connectors ·") && $0.contains("hostile") }
        try session.send("Space")
        try session.waitFor("hostile on") { $0.contains("[on]") }
        try session.send("Escape")
        // Everything the peer sent has been handled once the SDK's complaints are in the connector's log.
        let log = session.dataDirectory.appendingPathComponent("state/chattui/logs/hostile.log")
        let expected = ["No handler registered for method", "already removed request", "harmless-unexpected-id", "not JSON"]
        let logged = waitForFile(log) { text in expected.allSatisfy(text.contains) }
        #expect(!logged.contains("\u{1B}"), "the log holds sanitised lines:\n\(logged)")

        let title = try session.tmux(["display-message", "-p", "-t", "main", "#{pane_title}"])
        #expect(!title.contains("PWNED"), "the pane title was set by the connector: \(title)")
        let buffers = try session.tmux(["list-buffers"])
        #expect(buffers.isEmpty, "the connector wrote the clipboard: \(buffers)")
        let raw = String(decoding: session.rawOutput(), as: UTF8.self)
        for leak in Self.leaks {
            #expect(!raw.contains(leak), "the terminal received \(leak.debugDescription)")
        }
        let screen = try session.screen()
        for line in ["No handler registered", "removed request", "harmless-unexpected-id", "message handling loop"] {
            #expect(!screen.contains(line), "a log line reached the screen:\n\(screen)")
        }
    }

    /// While the interface runs its stderr is the session log; a crash then leaves the
    /// interface's screen and says where its message is.
    @Test(.timeLimit(.minutes(2))) func stderrIsTheSessionLogAndACrashSaysSo() throws {
        let session = try TmuxSession(environment: ["SWIFT_BACKTRACE": "enable=no"])
        try session.waitFor("Type a message and press Enter")
        let pid = try #require(session.chattuiPID)
        let log = session.dataDirectory.appendingPathComponent("state/chattui/session.log")
        let stderr = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/2")
        #expect(URL(fileURLWithPath: stderr).resolvingSymlinksInPath() == log.resolvingSymlinksInPath(), "stderr is \(stderr)")
        kill(pid, SIGSEGV)
        let screen = try session.waitFor("the crash note") { $0.contains("[chattui exited") }
        // The long path wraps at the pane's edge.
        #expect(screen.replacingOccurrences(of: "\n", with: "").contains("chattui crashed; what it said is in \(log.path)"), "\(screen)")
        #expect(!screen.contains("Type a message"), "the interface's screen is left")
        #expect(FileManager.default.fileExists(atPath: log.path))
    }

    /// Polls a file until `condition` holds (10 s at most) and returns its text.
    private func waitForFile(_ file: URL, sourceLocation: SourceLocation = #_sourceLocation, _ condition: (String) -> Bool) -> String {
        let deadline = Date().addingTimeInterval(10)
        var text = ""
        while Date() < deadline {
            text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            if condition(text) { return text }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("timed out waiting for \(file.lastPathComponent); it held:\n\(text)", sourceLocation: sourceLocation)
        return text
    }
}
