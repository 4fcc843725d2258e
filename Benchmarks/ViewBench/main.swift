import Foundation
import MCP
import MCPClient
import ToolCards
import ViewEngine

/// Figures for the view engine (issue 15), printed for scripts/bench: a prefab-ui view over the
/// live-apps test peer, in Debian's Chromium. Usage: ViewBench REPO_ROOT
let root = URL(fileURLWithPath: CommandLine.arguments.dropFirst().first ?? FileManager.default.currentDirectoryPath)
let python = root.appendingPathComponent(".venv/bin/python").path
let script = root.appendingPathComponent("Tests/ViewEngineTests/Peers/live_apps_server.py").path
let logs = FileManager.default.temporaryDirectory.appendingPathComponent("chattui-viewbench-\(getpid())")

final class Redraws: LiveViewDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private var waiting: (String, CheckedContinuation<Void, Never>)?
    func until(_ needle: String, in view: LiveView, _ action: @Sendable () async throws -> Void) async rethrows {
        try await action()
        await withCheckedContinuation { continuation in
            // Checked under the lock, so a redraw between the check and the wait is not missed.
            let shown = lock.withLock {
                if view.text.lines(width: 100).contains(where: { $0.plainText.contains(needle) }) { return true }
                waiting = (needle, continuation)
                return false
            }
            if shown { continuation.resume() }
        }
    }
    func liveView(_ view: LiveView, didRedraw text: LiveViewText) {
        let done = lock.withLock { () -> CheckedContinuation<Void, Never>? in
            guard let (needle, continuation) = waiting, text.lines(width: 100).contains(where: { $0.plainText.contains(needle) }) else { return nil }
            waiting = nil
            return continuation
        }
        done?.resume()
    }
    func liveView(_ view: LiveView, callTool name: String, arguments: [String: Value]) async throws -> Value { .object([:]) }
    func liveView(_ view: LiveView, readResource uri: String) async throws -> Value { .object([:]) }
    func liveView(_ view: LiveView, sendMessage role: String, content: [Value]) async -> Bool { false }
    func liveView(_ view: LiveView, openLink url: String) async -> Bool { false }
    func liveView(_ view: LiveView, updateModelContext context: Value) {}
    func liveView(_ view: LiveView, sizeChanged width: Int?, height: Int?) {}
    func liveView(_ view: LiveView, log level: String, message: String) {}
    func liveView(_ view: LiveView, didFail reason: String) { print("view failed: \(reason)") }
}

/// PSS of every process in the browser's process group, from /proc, in MB.
func groupPSS(_ group: Int32?) -> Int {
    guard let group else { return 0 }
    let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.compactMap(Int32.init) ?? []
    var kilobytes = 0
    for pid in pids where getpgid(pid) == group {
        let rollup = (try? String(contentsOfFile: "/proc/\(pid)/smaps_rollup", encoding: .utf8)) ?? ""
        for line in rollup.split(separator: "\n") where line.hasPrefix("Pss:") {
            kilobytes += Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "0") ?? 0
        }
    }
    return kilobytes / 1024
}

func milliseconds(_ duration: Duration) -> Int { Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000) }

let connection = ServerConnection(configuration: ServerConfiguration(name: "live-apps", transport: .stdio(command: python, arguments: [script], environment: [:], workingDirectory: nil),
                                                                  requestTimeout: .seconds(60)), logDirectory: logs)
_ = try await connection.open()
guard let resource = try await connection.readResource("ui://live/board").first, let html = resource.text else { fatalError("no view") }
let content = ViewContent(html: html)
let engine = ViewEngine(idleTimeout: .seconds(2))
let delegate = Redraws()
let clock = ContinuousClock()
var views: [LiveView] = []
let first = try await clock.measure { views.append(try await engine.open(content, appTools: ["file_issue"], delegate: delegate)) }
print("view_first_ms=\(milliseconds(first)) (browser start, 7 MB prefab-ui view, first text read)")
print("view_pss_mb_1=\(groupPSS(await engine.browserProcess))")
let pause: Duration = .seconds(3)
/// Opens `content` after a pause (the time between turns), in the running browser.
@MainActor func later(_ content: ViewContent) async throws -> Int {
    try await Task.sleep(for: pause)
    return milliseconds(try await clock.measure { views.append(try await engine.open(content, appTools: ["file_issue"], delegate: delegate)) })
}
var same: [Int] = []
for _ in 0..<3 { same.append(try await later(content)) }
print("view_later_same_ms=\(same.map(String.init).joined(separator: ",")) (the same view again after 3 s: adopts the one made ahead)")
// Each differs from every view before it (a comment), so none was made ahead: the cold figure.
var other: [Int] = []
for round in 0..<3 {
    other.append(try await later(ViewContent(html: html + "<!-- another view \(round) -->")))
    if views.count == 5 { print("view_pss_mb_5=\(groupPSS(await engine.browserProcess)) (five live, one made ahead, one spare page)") }
}
print("view_later_other_ms=\(other.map(String.init).joined(separator: ",")) (a view not seen before, after 3 s: its page made ahead, its script run)")
try await Task.sleep(for: pause)

let view = views[0]
if let title = view.text.controls.firstIndex(where: { $0.label == "Title" }) { try await view.focus(control: title + 1) }
var keys: [Int] = []
var typed = ""
for index in 0..<60 {
    let letter = String(UnicodeScalar(UInt8(97 + index % 26)))
    typed += letter
    keys.append(milliseconds(try await clock.measure {
        try await delegate.until("[\(typed)", in: view) { try await view.insertText(letter) }
    }))
}
keys.sort()
print("view_key_to_redraw_ms p50=\(keys[keys.count / 2]) p99=\(keys[keys.count * 99 / 100]) max=\(keys.last!) (insert a character, until the card's text shows it; 3 s after the last open)")

let group = await engine.browserProcess
for view in views { await view.close() }
try await Task.sleep(for: .seconds(4))
print("view_pss_mb_after_idle_stop=\(groupPSS(group)) (idle stop after 2 s here, 120 s in chattui)")
await connection.close()
try? FileManager.default.removeItem(at: logs)
