import CSpawn
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The headless browser, spawned in its own process group with the DevTools protocol on a pipe:
/// it reads NUL-terminated messages on fd 3 and writes them on fd 4. It runs in an empty network
/// namespace where the system allows one, so no view can reach the network even past the browser.
final class BrowserProcess: @unchecked Sendable {
    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    let pid: pid_t
    /// Whether it runs without any network (false only where no namespace could be made).
    let isolatedNetwork: Bool
    private let commands: Int32
    private let profile: URL
    private let lock = NSLock()
    private var ended = false

    /// One message is never larger than this (a huge accessibility tree is cut off with the browser).
    static let maximumMessage = 128 << 20

    init(executable: String, onMessage: @escaping @Sendable (Data) -> Void, onExit: @escaping @Sendable (String) -> Void) throws {
        signal(SIGPIPE, SIG_IGN)
        profile = FileManager.default.temporaryDirectory.appendingPathComponent("chattui-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        var toBrowser: [Int32] = [-1, -1]
        var fromBrowser: [Int32] = [-1, -1]
        guard pipe(&toBrowser) == 0, pipe(&fromBrowser) == 0 else { throw Failed(description: "cannot create pipes: \(String(cString: strerror(errno)))") }
        let namespace = NetworkNamespace.prefix
        isolatedNetwork = !namespace.isEmpty
        let arguments = namespace + [executable] + Self.flags(profile: profile.path)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, toBrowser[0], 3)
        posix_spawn_file_actions_adddup2(&actions, fromBrowser[1], 4)
        posix_spawn_file_actions_addclosefrom_np(&actions, 5)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        sigdelset(&allSignals, SIGKILL)
        sigdelset(&allSignals, SIGSTOP)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = Self.environment(profile: profile.path).map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, arguments[0], &actions, &attributes, argv, envp)
        close(toBrowser[0])
        close(fromBrowser[1])
        guard status == 0 else {
            close(toBrowser[1])
            close(fromBrowser[0])
            try? FileManager.default.removeItem(at: profile)
            throw Failed(description: "cannot start \(executable): \(String(cString: strerror(status)))")
        }
        pid = child
        BrowserGroups.started(child)
        commands = toBrowser[1]
        _ = fcntl(commands, F_SETFD, FD_CLOEXEC)
        let replies = fromBrowser[0]
        _ = fcntl(replies, F_SETFD, FD_CLOEXEC)
        let spawned = child
        let thread = Thread { [self] in
            let why = Self.readMessages(from: replies, onMessage: onMessage)
            close(replies)
            // Whatever it started dies with it: nothing of a view outlives its browser.
            kill(-spawned, SIGKILL)
            var status: Int32 = 0
            while waitpid(spawned, &status, 0) < 0 && errno == EINTR {}
            lock.withLock { ended = true }
            BrowserGroups.ended(spawned)
            try? FileManager.default.removeItem(at: profile)
            onExit(why ?? Self.describe(status))
        }
        thread.name = "view-browser-\(child)"
        thread.start()
    }

    /// Headless, on the pipe, with nothing that reaches out on its own.
    static func flags(profile: String) -> [String] {
        var flags = ["--headless=new", "--remote-debugging-pipe", "--user-data-dir=\(profile)", "--no-first-run",
                     "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-breakpad",
                     "--disable-gpu", "--mute-audio", "--deny-permission-prompts", "--noerrdialogs",
                     "--force-webrtc-ip-handling-policy=disable_non_proxied_udp", "about:blank"]
        // Chromium refuses to run as root with its sandbox; there the namespace is what keeps views off the network.
        if getuid() == 0 { flags.insert("--no-sandbox", at: 0) }
        return flags
    }

    /// Not the person's environment: no API keys or tokens reach the browser.
    static func environment(profile: String) -> [String] {
        let inherited = ProcessInfo.processInfo.environment
        var kept = ["HOME=\(profile)", "PATH=\(inherited["PATH"] ?? "/usr/bin:/bin")"]
        for name in ["LANG", "LC_ALL", "TZ", "TMPDIR"] { if let value = inherited[name] { kept.append("\(name)=\(value)") } }
        return kept
    }

    private static func readMessages(from descriptor: Int32, onMessage: (Data) -> Void) -> String? {
        var pending = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return nil }
            var searchFrom = pending.endIndex
            pending.append(contentsOf: buffer[0..<count])
            while let end = pending[searchFrom...].firstIndex(of: 0) {
                onMessage(Data(pending[pending.startIndex..<end]))
                pending = Data(pending[(end + 1)...])
                searchFrom = pending.startIndex
            }
            if pending.count > maximumMessage { return "the browser sent a message larger than \(maximumMessage >> 20) MiB" }
        }
    }

    private static func describe(_ status: Int32) -> String {
        let signal = status & 0x7f
        return signal == 0 ? "the browser exited with status \((status >> 8) & 0xff)" : "the browser was killed by signal \(signal)"
    }

    var hasEnded: Bool { lock.withLock { ended } }

    /// Writes `message` and its NUL terminator (written apart: a view's body is megabytes, not copied to add one byte).
    func send(_ message: Data) throws {
        try lock.withLock {
            guard !ended else { throw Failed(description: "the browser has stopped") }
            try write(message)
            try write(Data([0]))
        }
    }

    private func write(_ data: Data) throws {
        let failure = data.withUnsafeBytes { chattui_write_all(commands, $0.baseAddress, $0.count) }
        guard failure == 0 else { throw Failed(description: failure == EPIPE ? "the browser has stopped" : String(cString: strerror(failure))) }
    }

    /// Kills the browser and everything it started; the reading thread reaps it.
    func stop() {
        let running = lock.withLock { !ended }
        if running { kill(-pid, SIGKILL) }
    }
}

/// The command that puts the browser in an empty network namespace, when this system allows it:
/// `unshare -n` as root, `unshare -cn` (a user namespace mapping us) otherwise. Tried once.
enum NetworkNamespace {
    static let prefix: [String] = {
        guard let unshare = BrowserLocator.executable("unshare", path: ProcessInfo.processInfo.environment["PATH"]) else { return [] }
        let command = [unshare, getuid() == 0 ? "-n" : "-cn", "--"]
        return succeeds(command + ["/bin/true"]) ? command : []
    }()

    private static func succeeds(_ arguments: [String]) -> Bool {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        guard posix_spawn(&child, arguments[0], &actions, nil, argv, environ) == 0 else { return false }
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 && errno == EINTR {}
        return status == 0
    }
}

/// Browsers still running, killed with their process groups when chattui exits however it exits normally.
enum BrowserGroups {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var running: Set<pid_t> = []
    private static let registered: Void = { atexit { BrowserGroups.killAll() } }()

    static func started(_ pid: pid_t) {
        _ = registered
        lock.withLock { _ = running.insert(pid) }
    }

    static func ended(_ pid: pid_t) { lock.withLock { _ = running.remove(pid) } }

    static func killAll() { lock.withLock { running }.forEach { kill(-$0, SIGKILL) } }
}
