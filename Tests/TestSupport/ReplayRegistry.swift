import Foundation
import Testing

/// The replay of the registry (Tests/ConnectorRegistryTests/Peers/registry_server.py) over the shared snapshot, on
/// 127.0.0.1 at a port the system picks; stopped when dropped, or by `stop()` to make it go away mid-test. Shared by
/// the registry's tests and the directory's end-to-end test.
public final class ReplayRegistry {
    public static let project = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// `REGISTRY_SNAPSHOT`, else `../shared/registry/servers-2025-12-02.json` beside the project.
    public static var snapshot: URL? {
        let path = ProcessInfo.processInfo.environment["REGISTRY_SNAPSHOT"]
            ?? project.deletingLastPathComponent().appendingPathComponent("shared/registry/servers-2025-12-02.json").path
        return FileManager.default.fileExists(atPath: path) ? URL(fileURLWithPath: path) : nil
    }
    public static let missing: Comment = "the registry snapshot is absent: set REGISTRY_SNAPSHOT or put it at ../shared/registry/servers-2025-12-02.json"

    let folder = TemporaryDirectory()
    public let port: Int
    private var pid: pid_t?

    public var url: URL { URL(string: "http://127.0.0.1:\(port)")! }
    public let log: URL
    /// Each request's path and query, in order.
    public var requests: [String] { ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init) }

    public convenience init(_ options: String...) throws { try self.init(snapshot: Self.snapshot!, options: options) }

    /// Serves `snapshot` (a JSON array of entries as the registry lists them), e.g. a hostile one a test wrote.
    public init(snapshot: URL, options: [String] = []) throws {
        let portFile = folder.url.appendingPathComponent("port")
        log = folder.url.appendingPathComponent("requests.log")
        let script = Self.project.appendingPathComponent("Tests/ConnectorRegistryTests/Peers/registry_server.py").path
        pid = try Spawn.start(["/usr/bin/python3", script, snapshot.path, "--port-file", portFile.path, "--log", log.path] + options)
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: portFile.path) {
            guard Date() < deadline else { throw ReplayFailed() }
            Thread.sleep(forTimeInterval: 0.05)
        }
        port = Int(try String(contentsOf: portFile, encoding: .utf8))!
    }

    deinit { stop() }

    public func stop() {
        guard let pid else { return }
        self.pid = nil
        kill(pid, SIGTERM)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }
}

public struct ReplayFailed: Error, CustomStringConvertible {
    public var description: String { "the replay registry did not start" }
}

/// Someone running `chattui` with their own config, state and cache folders, `registry` set to a replay.
public struct RegistryPerson {
    public let folder = TemporaryDirectory()

    public init() {}

    public func chattui(_ arguments: [String], registry: URL, environment: [String: String] = [:]) throws -> Spawn.Result {
        let config = folder.url.appendingPathComponent("config/chattui")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "registry = \"\(registry.absoluteString)\"\n".write(to: config.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        return try Spawn.run([BuiltBinary.chattui.path] + arguments, environment: [
            "XDG_CONFIG_HOME": folder.url.appendingPathComponent("config").path,
            "XDG_STATE_HOME": folder.url.appendingPathComponent("state").path,
            "XDG_CACHE_HOME": folder.url.appendingPathComponent("cache").path,
            "CHATTUI_POLICY_FILE": folder.url.appendingPathComponent("no-policy.json").path,
        ].merging(environment) { $1 })
    }
}
