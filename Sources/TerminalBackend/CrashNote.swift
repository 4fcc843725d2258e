import Glibc

/// A crash while stderr is captured would leave its message only in the
/// session log and the terminal in the interface's state. On a fatal signal
/// this gives stderr back, leaves the alternate screen, says where the message
/// is, and passes the signal on to whatever handled it before (the Swift
/// runtime's backtracer, or the default). Only async-signal-safe calls run in the handler.
public enum CrashNote {
    /// The real stderr while the interface holds it, else -1 (then the handler only passes the signal on).
    nonisolated(unsafe) static var terminal: Int32 = -1
    private nonisolated(unsafe) static var note: UnsafeMutablePointer<CChar>?
    /// The handlers there were before, indexed by signal number.
    private nonisolated(unsafe) static let previous = UnsafeMutablePointer<sigaction>.allocate(capacity: 32)
    private static let signals = [SIGILL, SIGTRAP, SIGABRT, SIGSEGV, SIGBUS, SIGFPE]

    /// Installs the handler once; `logPath` is where a crash's own message lands.
    static func install(logPath: String) {
        guard note == nil else { return }
        // Leave the alternate screen, show the cursor, stop bracketed paste, then say where to look.
        note = strdup("\u{1B}[?1049l\u{1B}[?25h\u{1B}[?2004l\r\nchattui crashed; what it said is in \(logPath)\r\n")
        for number in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                if CrashNote.terminal >= 0, let note = CrashNote.note {
                    dup2(CrashNote.terminal, STDERR_FILENO)
                    _ = write(STDERR_FILENO, note, strlen(note))
                }
                sigaction(number, CrashNote.previous + Int(number), nil)
                raise(number)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_NODEFER
            sigaction(number, &action, previous + Int(number))
        }
    }
}
