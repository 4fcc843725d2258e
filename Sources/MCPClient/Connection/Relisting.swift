import Foundation

/// Re-lists what a server says has changed, one list at a time: while a list is
/// in flight, further `list_changed` notifications only mark one more as due.
/// A server that sends 10,000 of them costs two lists, not 10,000, and the last
/// list still follows the last change.
final class Relisting: @unchecked Sendable {
    private let lock = NSLock()
    private var running = false
    private var due = false
    private let relist: @Sendable () async -> Void

    init(_ relist: @escaping @Sendable () async -> Void) { self.relist = relist }

    /// Called from the SDK's message loop, so it never waits: the list runs in a task of its own.
    func changed() {
        let start: Bool = lock.withLock {
            if running { due = true }
            defer { running = true }
            return !running
        }
        guard start else { return }
        Task {
            repeat { await relist() } while lock.withLock {
                running = due
                due = false
                return running
            }
        }
    }
}
