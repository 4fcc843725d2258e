import Dispatch
import Foundation
import MCPClient

/// What SIGTERM, SIGHUP, SIGINT and SIGQUIT do, for every entry point. Connector servers
/// run in process groups of their own, so a signal that ends chattui never reaches them:
/// whoever started them must stop them first. The interface quits through its loop (which
/// shuts its connectors down); a command running connectors stops them, then exits.
enum TerminationSignals {
    static let stopping: [Int32] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT]

    /// Routes each of `numbers` to `handler` in place of its default, for as long as the sources are kept.
    /// Dispatch reads them: on a multi-threaded process a signal can land on any thread.
    static func route(_ numbers: [Int32], to handler: @escaping @Sendable (Int32) -> Void) -> [DispatchSourceSignal] {
        numbers.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { handler(number) }
            source.resume()
            return source
        }
    }

    /// Starts `connectors`, runs `body` with them and stops their servers afterwards, also when a
    /// stopping signal comes meanwhile (then exiting as that signal would have: 128 + its number).
    static func withConnectors<T>(_ connectors: [ServerConfiguration], logDirectory: URL,
                                  _ body: (ConnectorManager) async throws -> T) async throws -> T {
        let manager = ConnectorManager(configurations: connectors, logDirectory: logDirectory)
        let sources = route(stopping) { number in
            Task {
                await manager.shutdown()
                exit(128 + number)
            }
        }
        defer {
            sources.forEach { $0.cancel() }
            stopping.forEach { signal($0, SIG_DFL) }
        }
        await manager.start()
        do {
            let result = try await body(manager)
            await manager.shutdown()
            return result
        } catch {
            await manager.shutdown()
            throw error
        }
    }
}
