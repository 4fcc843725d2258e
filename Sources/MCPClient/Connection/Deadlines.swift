import Foundation

/// The deadlines of one connection's requests in flight, watched by a single
/// task that sleeps until the earliest. Starting a request costs a dictionary
/// entry rather than a timer task of its own: a timer per call woke threads
/// twice per call, which cost more than the call's own work.
final class Deadlines: @unchecked Sendable {
    typealias Ticket = UInt64

    private let lock = NSLock()
    private var pending: [Ticket: (at: ContinuousClock.Instant, expire: @Sendable () -> Void)] = [:]
    private var nextTicket: Ticket = 0
    /// The watcher that is current, and the instant it sleeps until; an older
    /// watcher that wakes finds it is no longer current and ends.
    private var watcher: (generation: UInt64, until: ContinuousClock.Instant)?
    private var generation: UInt64 = 0

    /// Calls `expire` once `duration` has passed, unless `remove` comes first.
    func add(after duration: Duration, expire: @escaping @Sendable () -> Void) -> Ticket {
        let deadline = ContinuousClock.now + duration
        let (ticket, start): (Ticket, UInt64?) = lock.withLock {
            nextTicket += 1
            pending[nextTicket] = (deadline, expire)
            if let watcher, watcher.until <= deadline { return (nextTicket, nil) }
            generation += 1
            watcher = (generation, deadline)
            return (nextTicket, generation)
        }
        if let start { Task { await self.watch(as: start, until: deadline) } }
        return ticket
    }

    /// Forgets a deadline; false when it had already expired.
    @discardableResult
    func remove(_ ticket: Ticket) -> Bool {
        lock.withLock { pending.removeValue(forKey: ticket) != nil }
    }

    private func watch(as generation: UInt64, until first: ContinuousClock.Instant) async {
        var until = first
        while true {
            try? await Task.sleep(until: until, clock: .continuous)
            let now = ContinuousClock.now
            let (expired, next): ([@Sendable () -> Void], ContinuousClock.Instant?) = lock.withLock {
                guard watcher?.generation == generation else { return ([], nil) }
                let due = pending.filter { $0.value.at <= now }
                due.keys.forEach { pending[$0] = nil }
                let next = pending.values.map(\.at).min()
                watcher = next.map { (generation, $0) }
                return (due.values.map(\.expire), next)
            }
            expired.forEach { $0() }
            guard let next else { return }
            until = next
        }
    }
}

/// A flag raised once, from any thread.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false

    func raise() { lock.withLock { raised = true } }
    var isRaised: Bool { lock.withLock { raised } }
}
