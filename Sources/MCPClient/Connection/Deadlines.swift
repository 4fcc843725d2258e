import Dispatch
import Foundation

/// The deadlines of one connection's requests in flight, watched by a single
/// timer set for the earliest. Starting a request costs a dictionary entry
/// rather than a timer task of its own: a timer per call woke threads twice per
/// call, which cost more than the call's own work. The timer runs on a queue of
/// its own, so a deadline passes on time even while Swift's task threads are busy.
final class Deadlines: @unchecked Sendable {
    typealias Ticket = UInt64

    private let lock = NSLock()
    private var pending: [Ticket: (at: DispatchTime, expire: @Sendable () -> Void)] = [:]
    private var nextTicket: Ticket = 0
    private var timer: DispatchSourceTimer?
    /// When the timer fires next; nil while it is idle.
    private var armedFor: DispatchTime?

    /// Ten years: a longer timeout is as good as none, and would overflow.
    private static let longest: Int64 = 315_360_000

    deinit { timer?.cancel() }

    /// Calls `expire` once `duration` has passed, unless `remove` comes first.
    func add(after duration: Duration, expire: @escaping @Sendable () -> Void) -> Ticket {
        let (seconds, attoseconds) = duration.components
        let nanoseconds = Int(min(max(seconds, 0), Self.longest)) * 1_000_000_000 + Int(max(attoseconds, 0) / 1_000_000_000)
        let deadline = DispatchTime.now() + .nanoseconds(nanoseconds)
        return lock.withLock {
            nextTicket += 1
            pending[nextTicket] = (deadline, expire)
            if armedFor.map({ deadline < $0 }) ?? true { arm(for: deadline) }
            return nextTicket
        }
    }

    /// Forgets a deadline; false when it had already expired.
    @discardableResult
    func remove(_ ticket: Ticket) -> Bool {
        lock.withLock { pending.removeValue(forKey: ticket) != nil }
    }

    /// Sets the timer; called with the lock held.
    private func arm(for deadline: DispatchTime) {
        let timer = self.timer ?? {
            let source = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "chattui.mcp.deadlines"))
            source.setEventHandler { [weak self] in self?.fire() }
            source.activate()
            self.timer = source
            return source
        }()
        timer.schedule(deadline: deadline, leeway: .milliseconds(5))
        armedFor = deadline
    }

    private func fire() {
        let now = DispatchTime.now()
        let expired: [@Sendable () -> Void] = lock.withLock {
            let due = pending.filter { $0.value.at <= now }
            due.keys.forEach { pending[$0] = nil }
            armedFor = nil
            if let next = pending.values.map(\.at).min() { arm(for: next) }
            return due.values.map(\.expire)
        }
        expired.forEach { $0() }
    }
}

/// A flag raised once, from any thread.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false

    func raise() { lock.withLock { raised = true } }
    var isRaised: Bool { lock.withLock { raised } }
}
