import ChatFeatures
import Glibc
import Synchronization

/// What other threads hand to the run loop.
public enum InboxEvent: Sendable {
    case action(Action)
    /// SIGWINCH: the backend must read the new size before the reducer hears of it.
    case terminalResized
}

/// Where work from other threads (signals now; connectors and models later)
/// hands events to the run loop. Posting writes a byte to a pipe the loop
/// polls, so the loop sleeps until something arrives: no timers, no polling.
public final class EventInbox: Sendable {
    private let pending = Mutex<[InboxEvent]>([])
    private let readDescriptor: Int32
    private let writeDescriptor: Int32

    public init() {
        var descriptors: [Int32] = [0, 0]
        _ = pipe(&descriptors)
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        readDescriptor = descriptors[0]
        writeDescriptor = descriptors[1]
    }

    deinit {
        close(readDescriptor)
        close(writeDescriptor)
    }

    public var descriptor: Int32 { readDescriptor }

    public func post(_ event: InboxEvent) {
        pending.withLock { $0.append(event) }
        var byte: UInt8 = 1
        _ = write(writeDescriptor, &byte, 1)
    }

    /// Takes everything posted so far and empties the pipe.
    public func drain() -> [InboxEvent] {
        var scratch = [UInt8](repeating: 0, count: 64)
        while read(readDescriptor, &scratch, scratch.count) > 0 {}
        return pending.withLock { events in
            defer { events.removeAll() }
            return events
        }
    }
}
