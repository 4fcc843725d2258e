import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A fresh folder per test, removed afterwards.
public final class TemporaryDirectory {
    public let url: URL
    public init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("chattui-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
}

/// posix_spawn with output to a file, and waitpid: nothing a daemon can hold open.
/// The child starts with no signals blocked and default handlers: test threads
/// block most signals, and a tmux server inheriting that mask would never hear
/// the hangup that `kill-server` sends its panes.
public enum Spawn {
    public struct Failed: Error, CustomStringConvertible {
        public let description: String
    }

    public struct Result {
        public let output: String
        /// The exit status, or 128 + the signal that ended it.
        public let status: Int32
    }

    /// Runs a command to completion and returns what it printed (stdout and stderr).
    public static func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Result {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("spawn-\(UUID().uuidString)").path
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let merged = ProcessInfo.processInfo.environment.merging(extra) { $1 }
        var envp: [UnsafeMutablePointer<CChar>?] = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        let status = posix_spawnp(&pid, arguments[0], &actions, &attributes, &argv, &envp)
        guard status == 0 else { throw Failed(description: "cannot run \(arguments[0]): \(String(cString: strerror(status)))") }
        var exitStatus: Int32 = 0
        while waitpid(pid, &exitStatus, 0) < 0 && errno == EINTR {}
        let signal = exitStatus & 0x7f
        return Result(output: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "",
                      status: signal == 0 ? (exitStatus >> 8) & 0xff : 128 + signal)
    }
}

/// The built `chattui` binary: `CHATTUI_BIN`, else beside the test bundle, else `.build/debug`.
public enum BuiltBinary {
    public static var chattui: URL {
        if let override = ProcessInfo.processInfo.environment["CHATTUI_BIN"] { return URL(fileURLWithPath: override) }
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("chattui")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/chattui")
    }
}

