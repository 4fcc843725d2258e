import Foundation
import Glibc

/// While the interface owns the screen, the process's stderr (descriptor 2)
/// goes to the session log, so nothing a library prints can draw over the
/// screen or reach the terminal unsanitised. `release` gives the terminal its
/// stderr back (on suspend and exit), so what is printed afterwards is seen.
public final class StderrCapture {
    /// Where stderr goes while captured; `/dev/null` when the log could not be opened.
    let destination: String
    /// Why the session log could not be used, if it could not.
    public let problem: String?
    private let terminal: Int32
    private let log: Int32

    /// The log is started afresh when it has grown past this.
    static let sizeLimit = 1 << 20

    public init(logFile: URL) {
        try? FileManager.default.createDirectory(at: logFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        let size = (try? FileManager.default.attributesOfItem(atPath: logFile.path)[.size] as? Int) ?? 0
        let fresh = size > Self.sizeLimit ? O_TRUNC : 0
        var opened = open(logFile.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | fresh, 0o600)
        if opened >= 0 {
            destination = logFile.path
            problem = nil
        } else {
            // Fail closed: stray output is lost rather than drawn over the screen.
            problem = "could not open the session log \(logFile.path): \(String(cString: strerror(errno)))"
            opened = open("/dev/null", O_WRONLY | O_CLOEXEC)
            destination = "/dev/null"
        }
        log = opened
        terminal = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3)
        let header = "--- chattui \(ProcessInfo.processInfo.processIdentifier) started \(ISO8601DateFormatter().string(from: Date())) ---\n"
        _ = header.withCString { Glibc.write(log, $0, strlen($0)) }
        CrashNote.install(logPath: destination)
    }

    deinit {
        release()
        close(log)
        close(terminal)
    }

    /// From now on stderr writes go to the log.
    func capture() {
        fflush(nil)
        dup2(log, STDERR_FILENO)
        CrashNote.terminal = terminal
    }

    /// stderr is the terminal again.
    func release() {
        fflush(nil)
        CrashNote.terminal = -1
        if terminal >= 0 { dup2(terminal, STDERR_FILENO) }
    }
}
