import Foundation
import Testing
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

    /// Starts a command with a clean signal mask, its output to `output` (or nowhere); returns its pid.
    public static func start(_ arguments: [String], environment extra: [String: String] = [:], output: String? = nil) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
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
        let merged = ProcessInfo.processInfo.environment.merging(extra) { $1 }
        var envp: [UnsafeMutablePointer<CChar>?] = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawnp(&pid, arguments[0], &actions, &attributes, &argv, &envp)
        guard status == 0 else { throw Failed(description: "cannot run \(arguments[0]): \(String(cString: strerror(status)))") }
        return pid
    }

    /// Runs a command to completion and returns what it printed (stdout and stderr).
    public static func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Result {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("spawn-\(UUID().uuidString)").path
        defer { unlink(outputPath) }
        let pid = try start(arguments, environment: extra, output: outputPath)
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


/// A TCP port on 127.0.0.1 that nothing listens on right now.
public func freeLocalPort() -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
    }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// Whether something accepts connections on 127.0.0.1:`port`.
public func isListening(_ port: Int) -> Bool {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = UInt16(port).bigEndian
    return withUnsafePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
    }
}

/// A server process for a test: started, waited for on its port, and stopped
/// (SIGTERM, then SIGKILL) and reaped when dropped.
public final class LocalServer {
    public let port: Int
    private let pid: pid_t

    public init(_ arguments: [String], port: Int, environment: [String: String] = [:]) throws {
        self.port = port
        pid = try Spawn.start(arguments, environment: environment)
        let deadline = Date().addingTimeInterval(60)
        while !isListening(port) {
            var status: Int32 = 0
            guard Date() < deadline, waitpid(pid, &status, WNOHANG) == 0 else {
                stop()
                throw Spawn.Failed(description: "server on port \(port) did not start")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    deinit { stop() }

    private func stop() {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        for _ in 0..<100 where waitpid(pid, &status, WNOHANG) == 0 { Thread.sleep(forTimeInterval: 0.02) }
        if kill(pid, 0) == 0 {
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
        }
    }
}

/// A small, reproducible random generator (SplitMix64): seeded tests print their seed and replay it exactly.
public struct SplitMix: RandomNumberGenerator {
    public var state: UInt64

    public init(state: UInt64) { self.state = state }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
