import CSpawn
import Foundation
import TerminalText
#if canImport(Glibc)
import Glibc
#endif

/// A spawned server process: its stdin to write, its stdout read on a
/// dedicated thread, its stderr appended to a log file. The reading thread is
/// the only reaper, so the child is always waited for, exactly once.
final class ChildProcess: @unchecked Sendable {
    struct SpawnError: Error, CustomStringConvertible {
        let description: String
    }

    let pid: pid_t
    private let input: Int32
    private let lock = NSLock()
    private var exitStatus: Int32?
    private var inputClosed = false
    private let reaped = DispatchSemaphore(value: 0)

    /// Starts `command` (looked up on PATH) in its own process group, with no
    /// signals blocked, and calls `onLine` for each line it prints, then
    /// `onExit` with how it ended.
    init(command: String, arguments: [String], environment: [String: String], workingDirectory: String?,
         logFile: URL, maximumLine: Int,
         onLine: @escaping @Sendable (Data) -> Void, onExit: @escaping @Sendable (ProcessEnd) -> Void) throws {
        signal(SIGPIPE, SIG_IGN)
        var stdinPipe: [Int32] = [-1, -1]
        var stdoutPipe: [Int32] = [-1, -1]
        var stderrPipe: [Int32] = [-1, -1]
        guard pipe(&stdinPipe) == 0, pipe(&stdoutPipe) == 0, pipe(&stderrPipe) == 0 else { throw SpawnError(description: "cannot create pipes: \(String(cString: strerror(errno)))") }
        try? FileManager.default.createDirectory(at: logFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        let logDescriptor = open(logFile.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
        // stderr comes back through us, so what it says is sanitised before it reaches the log.
        posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)
        posix_spawn_file_actions_addclosefrom_np(&actions, 3)
        if let workingDirectory { posix_spawn_file_actions_addchdir_np(&actions, workingDirectory) }

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

        let argv: [UnsafeMutablePointer<CChar>?] = ([command] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        guard let executable = Self.resolve(command, path: environment["PATH"]) else {
            [stdinPipe[0], stdinPipe[1], stdoutPipe[0], stdoutPipe[1], stderrPipe[0], stderrPipe[1], logDescriptor].filter { $0 >= 0 }.forEach { close($0) }
            throw SpawnError(description: "command not found: \(command)")
        }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        close(stdinPipe[0])
        close(stdoutPipe[1])
        close(stderrPipe[1])
        guard status == 0 else {
            [stdinPipe[1], stdoutPipe[0], stderrPipe[0], logDescriptor].filter { $0 >= 0 }.forEach { close($0) }
            throw SpawnError(description: "cannot start \(command): \(String(cString: strerror(status)))")
        }
        pid = child
        input = stdinPipe[1]
        _ = fcntl(input, F_SETFD, FD_CLOEXEC)
        let output = stdoutPipe[0]
        _ = fcntl(output, F_SETFD, FD_CLOEXEC)
        let errors = StderrLog(reading: stderrPipe[0], into: logDescriptor, name: "mcp-stderr-\(child)")
        let thread = Thread { [self] in
            let end = Self.readLines(from: output, maximumLine: maximumLine, onLine: onLine, process: self)
            close(output)
            let status = self.reap()
            onExit(end ?? ProcessEnd(status: status, lastWords: errors.lastLine(waitingUpTo: 0.5)))
            // Only now: whoever waits in `terminate` must find the exit already reported.
            self.reaped.signal()
        }
        thread.name = "mcp-stdio-\(child)"
        thread.start()
    }

    /// The executable for `command`: itself when it names a path, else the first match on the child's PATH.
    static func resolve(_ command: String, path: String?) -> String? {
        if command.contains("/") { return access(command, X_OK) == 0 ? command : nil }
        let directories = (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        return directories.map { "\($0)/\(command)" }.first { access($0, X_OK) == 0 }
    }

    /// Reads until EOF; returns why it stopped early (a line too long), if it did.
    private static func readLines(from descriptor: Int32, maximumLine: Int, onLine: (Data) -> Void, process: ChildProcess) -> ProcessEnd? {
        var pending = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return nil }
            // Only the new bytes can hold a line break: scanning all of `pending`
            // again would make a large message quadratic.
            var searchFrom = pending.endIndex
            pending.append(contentsOf: buffer[0..<count])
            while let newline = pending[searchFrom...].firstIndex(of: 0x0A) {
                let line = pending[pending.startIndex..<newline]
                if !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) { onLine(Data(line)) }
                pending = Data(pending[(newline + 1)...])
                searchFrom = pending.startIndex
            }
            if pending.count > maximumLine {
                process.signalGroup(SIGKILL)
                return ProcessEnd(status: nil, reason: "sent a message larger than \(maximumLine / 1_048_576) MiB")
            }
        }
    }

    /// Waits for the child once, remembering how it ended.
    private func reap() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        lock.withLock { exitStatus = status }
        return status
    }

    func write(_ data: Data) throws {
        try lock.withLock {
            guard !inputClosed else { throw SpawnError(description: "the server's input is closed") }
        }
        let failure = data.withUnsafeBytes { chattui_write_all(input, $0.baseAddress, $0.count) }
        guard failure == 0 else { throw SpawnError(description: failure == EPIPE ? "the server has exited" : String(cString: strerror(failure))) }
    }

    /// Closes stdin, then SIGTERM, then SIGKILL, each after `grace`; returns once reaped.
    func terminate(grace: Double) {
        lock.withLock {
            if !inputClosed { close(input); inputClosed = true }
        }
        if reaped.wait(timeout: .now() + grace) == .success { reaped.signal(); return }
        signalGroup(SIGTERM)
        if reaped.wait(timeout: .now() + grace) == .success { reaped.signal(); return }
        signalGroup(SIGKILL)
        reaped.wait()
        reaped.signal()
    }

    /// Signals the server and anything it started (it leads its own process group).
    func signalGroup(_ number: Int32) {
        let done = lock.withLock { exitStatus != nil }
        if !done { kill(-pid, number) }
    }
}

/// How a server process ended.
public struct ProcessEnd: Sendable, Equatable, CustomStringConvertible {
    /// The raw wait status, when it was reaped normally.
    public let status: Int32?
    public let reason: String?
    /// The last line it wrote to stderr, sanitised: usually why it gave up.
    public let lastWords: String?

    init(status: Int32?, reason: String? = nil, lastWords: String? = nil) {
        self.status = status
        self.reason = reason
        self.lastWords = lastWords
    }

    public var description: String {
        if let reason { return reason }
        guard let status else { return "ended" }
        let signal = status & 0x7f
        let how = signal == 0 ? "exited with status \((status >> 8) & 0xff)" : "killed by signal \(signal)"
        guard status != 0, let lastWords else { return how }
        return "\(how): \(lastWords)"
    }
}

/// A server's stderr, read on a thread of its own: each line goes to its log sanitised (people
/// read logs in a terminal), and the last one is kept to say why the server stopped.
final class StderrLog: @unchecked Sendable {
    private let lock = NSLock()
    private var last: String?
    private let done = DispatchSemaphore(value: 0)

    init(reading descriptor: Int32, into log: Int32, name: String) {
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        let thread = Thread { [self] in
            var pending = [UInt8]()
            var buffer = [UInt8](repeating: 0, count: 16384)
            func emit(_ bytes: ArraySlice<UInt8>) {
                let line = Sanitizer.text(fromBytes: bytes, keepNewlines: false)
                if log >= 0 { _ = Data((line + "\n").utf8).withUnsafeBytes { Glibc.write(log, $0.baseAddress, $0.count) } }
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if !trimmed.isEmpty { lock.withLock { last = String(trimmed.prefix(300)) } }
            }
            while true {
                let count = read(descriptor, &buffer, buffer.count)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                pending += buffer[0..<count]
                while let newline = pending.firstIndex(of: 0x0A) {
                    emit(pending[..<newline])
                    pending.removeSubrange(...newline)
                }
                // A line without an end is cut rather than held without bound.
                if pending.count > 65536 { emit(pending[...]); pending.removeAll() }
            }
            if !pending.isEmpty { emit(pending[...]) }
            close(descriptor)
            if log >= 0 { close(log) }
            done.signal()
        }
        thread.name = name
        thread.start()
    }

    /// The last line, once stderr has ended (or after `seconds`, if something the server started keeps it open).
    func lastLine(waitingUpTo seconds: Double) -> String? {
        _ = done.wait(timeout: .now() + seconds)
        return lock.withLock { last }
    }
}
