import Foundation

/// Hands each message from a server on: an answer the client can take at once
/// (its `deliverAnswer`) goes to its request from the thread that read it, any
/// other message to the transport's stream. Every message of a transport must
/// pass here, so that the client can keep them in order.
final class AnswerRouter: @unchecked Sendable {
    private let lock = NSLock()
    private var deliver: (@Sendable (Data) -> Bool)?

    /// Set by the connection once its client exists; until then all goes to the stream.
    func route(to deliver: @escaping @Sendable (Data) -> Bool) { lock.withLock { self.deliver = deliver } }

    func pass(_ message: Data, to sink: AsyncThrowingStream<Data, any Error>.Continuation) {
        if let deliver = lock.withLock({ deliver }), deliver(message) { return }
        sink.yield(message)
    }
}
