import Foundation

/// Ends a transport's message stream once, with an error that says why, and
/// tells whoever listens. Any thread may call it: whichever comes first wins.
final class CloseSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var closedReason: String?
    private var listener: (@Sendable (String) -> Void)?

    var handler: (@Sendable (String) -> Void)? {
        get { lock.withLock { listener } }
        set { lock.withLock { listener = newValue } }
    }

    var isClosed: Bool { lock.withLock { closedReason != nil } }

    /// Finishes `sink` with `error` (or `ConnectionError.closed(reason)`) the first time only.
    func close(_ sink: AsyncThrowingStream<Data, any Error>.Continuation, reason: String, error: (any Error)? = nil) {
        let listener: (@Sendable (String) -> Void)?? = lock.withLock {
            guard closedReason == nil else { return .none }
            closedReason = reason
            return .some(self.listener)
        }
        guard case .some(let handler) = listener else { return }
        sink.finish(throwing: error ?? ConnectionError.closed(reason: reason))
        handler?(reason)
    }
}
