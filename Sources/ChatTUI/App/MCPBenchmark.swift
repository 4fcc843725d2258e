import LiveSession
import TerminalBackend
import ChatFeatures
import ArgumentParser
import Foundation
import Glibc
import MCP
import MCPClient

/// Figures for `make bench` about the MCP client: the stdio round-trip of
/// `tools/call`, the CPU our side spends per call, and connecting twenty
/// servers at once against one alone.
struct MCPBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-mcp", abstract: "Time the MCP client.", shouldDisplay: false)

    @Option var calls = 300
    @Option(help: "handshake (initialize) or stateless (2026-07-28).") var era = "stateless"
    @Option(help: "The Python that runs the peer servers.") var python: String
    @Option(help: "An SDK-built server with an echo tool.") var peer: String
    @Option(help: "raw_server.py, for the start-up test.") var raw: String

    func run() async throws {
        let logs = FileManager.default.temporaryDirectory.appendingPathComponent("chattui-bench-mcp-\(getpid())")
        defer { try? FileManager.default.removeItem(at: logs) }
        try await roundTrip(logs: logs)
        try await concurrentStart(logs: logs)
    }

    private func roundTrip(logs: URL) async throws {
        let configuration = ServerConfiguration(name: "echo", transport: .stdio(command: python, arguments: [peer], environment: [:], workingDirectory: nil))
        let connection = ServerConnection(configuration: configuration, logDirectory: logs,
                                          client: ClientConfiguration(probesStateless: era == "stateless"))
        let began = ContinuousClock.now
        let snapshot = try await connection.open()
        print(String(format: "mcp_protocol=\(snapshot.era) connect_ms=%.0f (start, settle the era, list)", Self.milliseconds(ContinuousClock.now - began)))
        for _ in 0..<20 { _ = try await connection.callTool("echo", arguments: ["text": "warm"]) }
        // CPU per call is taken over five batches and the quietest one kept:
        // other work on a shared machine only ever adds to it.
        var samples: [Double] = []
        var batches: [(cpu: Double, user: Double, switches: Double)] = []
        let batchSize = max(1, calls / 5)
        for batch in 0..<5 {
            let cpuBefore = Self.cpuMilliseconds()
            let userBefore = Self.cpuMilliseconds(userOnly: true)
            let switchesBefore = Self.contextSwitches()
            for index in 0..<batchSize {
                let start = ContinuousClock.now
                _ = try await connection.callTool("echo", arguments: ["text": .string("call \(batch * batchSize + index)")])
                samples.append(Self.milliseconds(ContinuousClock.now - start))
            }
            batches.append(((Self.cpuMilliseconds() - cpuBefore) / Double(batchSize),
                            (Self.cpuMilliseconds(userOnly: true) - userBefore) / Double(batchSize),
                            Double(Self.contextSwitches() - switchesBefore) / Double(batchSize)))
        }
        let quietest = batches.min { $0.cpu < $1.cpu }!
        let median = batches.map(\.cpu).sorted()[2]
        await connection.close()
        samples.sort()
        print(String(format: "mcp_stdio_roundtrip_ms ours_median=%.3f p90=%.3f (%d calls)", samples[samples.count / 2], samples[samples.count * 9 / 10], samples.count))
        print(String(format: "mcp_client_cpu_per_call_ms=%.3f user=%.3f kernel=%.3f median_of_batches=%.3f (our process's CPU time per call, server excluded; quietest of 5 batches)",
                     quietest.cpu, quietest.user, quietest.cpu - quietest.user, median))
        print(String(format: "mcp_client_thread_switches_per_call=%.1f (times one of our threads slept or was preempted)", quietest.switches))
    }

    private func concurrentStart(logs: URL) async throws {
        func start(_ count: Int) async -> Double {
            let configurations = (0..<count).map { index in
                ServerConfiguration(name: "slow\(index)", transport: .stdio(command: python, arguments: [raw, "slow-start"], environment: [:], workingDirectory: nil))
            }
            let manager = ConnectorManager(configurations: configurations, logDirectory: logs)
            let began = ContinuousClock.now
            await manager.start()
            let states = await manager.settled()
            let elapsed = Self.milliseconds(ContinuousClock.now - began)
            await manager.shutdown()
            let ready = states.values.filter(\.isReady).count
            if ready != count { print("warning: only \(ready) of \(count) connected") }
            return elapsed
        }
        let one = await start(1)
        let twenty = await start(20)
        print(String(format: "mcp_connect_ms one=%.0f twenty_at_once=%.0f ratio=%.2f (one after another would be ~%.0f)", one, twenty, twenty / one, one * 20))
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    /// Context switches of this process's threads so far: each is a thread that
    /// went to sleep waiting for another, or was preempted.
    static func contextSwitches() -> Int {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
        return tasks.reduce(0) { total, task in
            let status = (try? String(contentsOfFile: "/proc/self/task/\(task)/status", encoding: .utf8)) ?? ""
            return total + status.split(separator: "\n")
                .filter { $0.hasSuffix("ctxt_switches") == false && $0.contains("ctxt_switches:") }
                .compactMap { Int($0.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "") }
                .reduce(0, +)
        }
    }

    /// CPU time of this process so far: user and kernel, or user alone.
    static func cpuMilliseconds(userOnly: Bool = false) -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let user = Double(usage.ru_utime.tv_sec) * 1000 + Double(usage.ru_utime.tv_usec) / 1000
        let kernel = Double(usage.ru_stime.tv_sec) * 1000 + Double(usage.ru_stime.tv_usec) / 1000
        return userOnly ? user : user + kernel
    }
}
