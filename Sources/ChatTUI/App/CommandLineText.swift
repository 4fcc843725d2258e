import LiveSession
import TerminalBackend
import ChatFeatures
import Foundation
import Glibc
import TerminalText

/// The one way the command line (`-p`, `mcp`, `doctor`, sign-in, error
/// messages) prints text that may hold what a server, a model or a file said.
/// Reports for a person and everything on stderr always pass the sanitiser;
/// the `-p` answer does when stdout is a terminal, and goes to a pipe or file
/// as the model wrote it.
enum CommandLineText {
    /// A line of a report on stdout. Line breaks of every kind in it (a server's name with a CR,
    /// U+2028) show as spaces, as in the interface, so no value starts a line that reads as chattui's.
    static func print(_ line: String) { write(Sanitizer.line(line) + "\n", to: STDOUT_FILENO) }

    /// A line on stderr: notes, warnings, errors.
    static func printError(_ line: String) { write(Sanitizer.line(line) + "\n", to: STDERR_FILENO) }

    /// Text whose lines are chattui's own (ArgumentParser's usage and errors): each line printed as one.
    static func printLines(_ text: String, toError: Bool) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            toError ? printError(String(line)) : print(String(line))
        }
    }

    /// Part of an answer streamed to stdout.
    static func stream(_ text: String) { write(stdoutIsTerminal ? Sanitizer.clean(text) : text, to: STDOUT_FILENO) }

    private static let stdoutIsTerminal = isatty(STDOUT_FILENO) != 0

    /// Straight to the descriptor: Swift's `print` buffers stdout, and these lines interleave with stderr's.
    private static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }
}
