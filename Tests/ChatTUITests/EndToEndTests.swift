@testable import ChatFeatures
@testable import ChatTUI
@testable import LiveSession
@testable import TerminalBackend
import Foundation
import Testing
import TestSupport

/// A private tmux server running the real `chattui`, driven by send-keys and
/// read by capture-pane. The server is killed when the session is dropped.
final class TmuxSession {
    let socket = "chattui-e2e-\(UUID().uuidString.prefix(8))"
    let dataDirectory: URL
    private let binary: URL
    private let environment: [String: String]
    /// False for a second instance on another's data folder: the first one removes it.
    private let ownsDataDirectory: Bool

    /// `environment` adds to chattui's; `prepare` gets the data folder (config is `config/chattui` in it) before start.
    init(width: Int = 100, height: Int = 30, environment: [String: String] = [:], prepare: (URL) throws -> Void = { _ in }) throws {
        dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("chattui-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        try prepare(dataDirectory)
        // A test that writes connectors.json runs with exactly that set: the built-ins count as set up.
        if FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent("config/chattui/connectors.json").path) {
            try BuiltinConnectorSetup.rememberSetUp(AppPaths.resolve(dataDirectory: nil, environment: [
                "XDG_CONFIG_HOME": "\(dataDirectory.path)/config", "XDG_STATE_HOME": "\(dataDirectory.path)/state"]))
        }
        binary = BuiltBinary.chattui
        self.environment = environment
        ownsDataDirectory = true
        try writeLauncher()
        // Clipboard writes (OSC 52) land in tmux's paste buffers, and every byte the pane gets is recorded,
        // both from the start, so a test can tell what reached the terminal.
        try tmux(["start-server", ";", "set-option", "-s", "set-clipboard", "on", ";",
                  "new-session", "-d", "-s", "main", "-x", "\(width)", "-y", "\(height)", command, ";",
                  "pipe-pane", "-t", "main", "cat >> '\(rawOutputFile.path)'"])
    }

    var rawOutputFile: URL { dataDirectory.appendingPathComponent("pane-output.raw") }

    /// Every byte written to the pane so far, as tmux received it.
    func rawOutput() -> Data { (try? Data(contentsOf: rawOutputFile)) ?? Data() }

    /// A second chattui, in its own tmux server, on the same data folder, configuration and model as `other`.
    init(sharingDataWith other: TmuxSession, width: Int = 100, height: Int = 30) throws {
        dataDirectory = other.dataDirectory
        binary = other.binary
        environment = other.environment
        ownsDataDirectory = false
        try tmux(["new-session", "-d", "-s", "main", "-x", "\(width)", "-y", "\(height)", command])
    }

    /// chattui talking to a recorded Anthropic model served on loopback (`TurnEndToEndTests.model`).
    convenience init(answeredBy model: LocalServer, prepare: (URL) throws -> Void) throws {
        try self.init(environment: ["ANTHROPIC_BASE_URL": "http://127.0.0.1:\(model.port)", "ANTHROPIC_API_KEY": "test"], prepare: prepare)
    }

    /// Waits until the one configured connector has finished starting, then turns it on here as a
    /// person would (a connector the person configured starts off in new conversations).
    @discardableResult
    func waitForConnectorReady() throws -> String {
        let screen = try waitFor("the connector started") { !$0.contains("starting") && $0.contains("connector") && $0.contains(" on") }
        if screen.contains("1 connector on") { return screen }
        try send("C-o")
        try waitFor("Connectors ·")
        try send("a")
        try waitFor("the connector on") { $0.contains("1 connector on") }
        try send("Escape")
        return try waitFor("the connector on and ready") { $0.contains("1 connector on") && !$0.contains("Connectors ·") && !$0.contains("starting") }
    }

    /// Running, and not a zombie waiting for a parent (PID 1 in a container) to reap it.
    private static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let state = stat.split(separator: ")").last?.split(separator: " ").first else { return false }
        return state != "Z"
    }

    /// Stops the server and waits until it and its panes are gone (killing them after 3 s).
    deinit {
        let server = Int32((try? tmux(["display-message", "-p", "#{pid}"]))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "")
        _ = try? tmux(["kill-server"])
        if let server {
            let deadline = Date().addingTimeInterval(3)
            while Self.isAlive(server) && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
            if Self.isAlive(server) { kill(server, SIGKILL) }
        }
        guard ownsDataDirectory else { return }
        // chattui and its connectors outlive the pane by a moment and write logs and databases as
        // they go: wait for every process working in the folder, so removing it is final.
        let deadline = Date().addingTimeInterval(3)
        var stragglers = Self.processes(using: dataDirectory.path)
        while !stragglers.isEmpty && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
            stragglers = Self.processes(using: dataDirectory.path)
        }
        for pid in stragglers { kill(pid, SIGKILL) }
        try? FileManager.default.removeItem(at: dataDirectory)
    }

    /// Live processes whose command line names `folder` (chattui's `--data-dir`, the built-ins' `--database`).
    private static func processes(using folder: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard pid != getpid(), isAlive(pid), let commandLine = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            return String(decoding: commandLine.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self).contains(folder)
        }
    }

    /// Runs chattui, with no model unless the test gives one; when it exits the pane says how, and stays
    /// open to be read. A launcher script keeps the command short, so a shell's "Killed" note stays on one line.
    private var command: String {
        "cd '\(dataDirectory.path)' && sh launch.sh; echo \"[chattui exited $?]\"; sleep 600"
    }

    private func writeLauncher() throws {
        let unset = ["ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "OPENAI_API_KEY", "OPENAI_BASE_URL", "CHATTUI_MODEL"]
        // Views get the loaded-machine deadline unless a test is about the deadline itself.
        var variables = ["LANG": "C.UTF-8", "TERM": "tmux-256color", "CHATTUI_VIEW_DEADLINE": "40",
                         "XDG_CONFIG_HOME": "\(dataDirectory.path)/config", "XDG_STATE_HOME": "\(dataDirectory.path)/state"]
        variables.merge(environment) { $1 }
        let script = ["unset " + unset.joined(separator: " ")]
            + variables.sorted { $0.key < $1.key }.map { "export \($0.key)='\($0.value)'" }
            + ["exec '\(binary.path)' --data-dir '\(dataDirectory.path)/data'"]
        try script.joined(separator: "\n").write(to: dataDirectory.appendingPathComponent("launch.sh"), atomically: true, encoding: .utf8)
    }

    /// Runs tmux and returns what it printed. Spawned directly rather than with
    /// Foundation's Process, whose exit detection waits on a descriptor that
    /// the forked tmux server would inherit and keep open.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        try Spawn.run(["tmux", "-L", socket, "-f", "/dev/null"] + arguments).output
    }

    func send(_ keys: String...) throws { try tmux(["send-keys", "-t", "main"] + keys) }
    func type(_ text: String) throws { try tmux(["send-keys", "-t", "main", "-l", text]) }

    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", "main"]) }

    /// Waits until the screen satisfies `condition`, and returns it; records an issue after 20 s, a
    /// deadline only a loaded CI machine (two cores, three suites at once) comes near.
    @discardableResult
    func waitFor(_ description: String, sourceLocation: SourceLocation = #_sourceLocation, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(20)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("timed out waiting for \(description); screen was:\n\(last)", sourceLocation: sourceLocation)
        return last
    }

    @discardableResult
    func waitFor(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try waitFor("“\(text)”", sourceLocation: sourceLocation) { $0.contains(text) }
    }

    var panePID: Int32? { Int32((try? tmux(["display-message", "-p", "-t", "main", "#{pane_pid}"]))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") }

    /// The pane runs `sh -c`; chattui is its child.
    var chattuiPID: Int32? {
        guard let shell = panePID else { return nil }
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        return children.split(separator: " ").compactMap { Int32($0) }.first
    }

    func restart() throws { try tmux(["respawn-pane", "-k", "-t", "main", command]) }

    /// Runs chattui from an interactive shell with job control, as a person does: Ctrl-Z and `fg` then mean what they say.
    func restartFromAShell() throws {
        try tmux(["respawn-pane", "-k", "-t", "main", "cd '\(dataDirectory.path)' && exec env PS1='$ ' bash --norc --noprofile -i"])
        try waitFor("the shell's prompt") { $0.split(separator: "\n").contains("$") }
        try type("sh launch.sh")
        try send("Enter")
    }
}

@Suite(.serialized) struct EndToEndTests {
    @Test(.timeLimit(.minutes(2))) func sendSwitchAndComeBack() throws {
        let session = try TmuxSession()
        try session.waitFor("Type a message and press Enter")
        try session.type("hello from the end-to-end test 日本語 🙂")
        try session.send("Enter")
        try session.waitFor("You") { $0.contains(" You ") && $0.contains("hello from the end-to-end test 日本語 🙂") }

        try session.type("/")
        try session.waitFor("╭─ Commands")
        try session.type("ne")
        let menu = try session.waitFor("the filtered menu") { $0.contains("› /ne") && $0.contains("│ /new") }
        #expect(!menu.contains("/quit"), "the filter leaves out commands that do not match")
        try session.send("Enter")
        try session.waitFor("a new empty conversation") { $0.hasPrefix(" New conversation") && $0.contains("Type a message and press Enter") }

        try session.type("/conversations")
        try session.send("Enter")
        try session.waitFor("╭─ Conversations")
        try session.type("end-to-end")
        try session.waitFor("only the matching conversation") { !$0.contains("● New conversation") && $0.contains("hello from the end-to-end") }
        try session.send("Enter")
        try session.waitFor("the first conversation again") { $0.hasPrefix(" hello from the end-to-end test") && $0.contains(" You ") }
    }

    /// The backend's own decoding: bracketed paste, Alt-Enter, Ctrl keys, Up to recall.
    @Test(.timeLimit(.minutes(2))) func realKeysReachTheComposer() throws {
        let session = try TmuxSession()
        try session.waitFor("Type a message and press Enter")
        try session.tmux(["set-buffer", "-b", "clip", "pasted line one\npasted line two"])
        try session.tmux(["paste-buffer", "-p", "-b", "clip", "-t", "main"])
        try session.waitFor("both pasted lines in the composer, not sent") {
            $0.contains("› pasted line one\n  pasted line two") && !$0.contains(" You ")
        }
        try session.send("C-c")
        try session.waitFor("Ctrl-C clearing the draft") { $0.contains("› Message…") }
        try session.type("one two three")
        try session.send("C-w", "M-b", "C-k")
        try session.waitFor("Ctrl-W then Alt-B, Ctrl-K") { $0.contains("› one\n") }
        try session.send("C-c")
        try session.type("first")
        try session.send("M-Enter")
        try session.type("second 日本")
        try session.waitFor("a two-line draft") { $0.contains("› first\n  second 日本") }
        try session.send("Enter")
        try session.waitFor("the message sent") { $0.contains(" You ") && $0.contains("  first\n  second 日本") }
        try session.send("Up")
        try session.waitFor("the message recalled") { $0.contains("› first\n  second 日本") }
    }

    @Test(.timeLimit(.minutes(2))) func killNineKeepsMessagesAndDraft() throws {
        let session = try TmuxSession()
        try session.waitFor("Type a message and press Enter")
        try session.type("committed before the crash")
        try session.send("Enter")
        try session.waitFor(" You ")
        try session.type("an unsent draft 京都")
        try session.waitFor("an unsent draft 京都")
        let pid = try #require(session.chattuiPID)
        kill(pid, SIGKILL)
        try session.waitFor("[chattui exited 137]")
        try session.restart()
        let screen = try session.waitFor("the conversation and the draft") { $0.contains("committed before the crash") && $0.contains("› an unsent draft 京都") }
        #expect(screen.hasPrefix(" committed before the crash"))
    }

    @Test(.timeLimit(.minutes(2))) func tooSmallThenRestoredAndQuit() throws {
        let session = try TmuxSession()
        try session.waitFor("Type a message and press Enter")
        try session.tmux(["resize-window", "-t", "main", "-x", "30", "-y", "8"])
        try session.waitFor("Terminal too small")
        try session.tmux(["resize-window", "-t", "main", "-x", "70", "-y", "20"])
        try session.waitFor("restored layout") { $0.contains("New conversation") && $0.contains("› ") && !$0.contains("too small") }
        try session.type("/quit")
        try session.send("Enter")
        try session.waitFor("[chattui exited 0]")
    }

    @Test(.timeLimit(.minutes(1))) func aDamagedDatabaseIsRefusedWithAClearMessage() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chattui-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let garbage = Data(repeating: 0x5A, count: 4096)
        try garbage.write(to: folder.appendingPathComponent("chattui.sqlite"))
        let process = Process()
        process.executableURL = BuiltBinary.chattui
        process.arguments = ["--data-dir", folder.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(message.contains("is damaged"))
        #expect(try Data(contentsOf: folder.appendingPathComponent("chattui.sqlite")) == garbage)
    }

    /// Root may write any file, so the check runs as `nobody` when we are root.
    @Test(.timeLimit(.minutes(1))) func aReadOnlyDatabaseIsRefusedAndLeftAlone() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chattui-ro-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Spawn.run([BuiltBinary.chattui.path, "seed", folder.path, "--messages", "2"])
        let database = folder.appendingPathComponent("chattui.sqlite")
        let before = try Data(contentsOf: database)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: database.path)
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: folder.appendingPathComponent(file).path)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path) }
        let prefix = getuid() == 0 ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
        let result = try Spawn.run(prefix + [BuiltBinary.chattui.path, "--data-dir", folder.path])
        #expect(result.status == 2)
        #expect(result.output.contains("is read-only"), "\(result.output)")
        #expect(try Data(contentsOf: database) == before)
    }

    @Test func versionAndHelp() throws {
        let process = Process()
        process.executableURL = BuiltBinary.chattui
        process.arguments = ["--help"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let help = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(help.contains("--data-dir"))
        #expect(help.contains("--theme"))
        #expect(help.contains("--version"))
        #expect(!help.contains("bench-keystrokes"))
    }
}
