import Foundation
import Logging
import MCP

/// A transport that checks each incoming message's shape and says when, and
/// why, its stream ended. Checking where the bytes arrive, instead of in a task
/// between the transport and the SDK, saves a thread hand-off on every message.
protocol ClosingTransport: Transport {
    /// Called once, with a reason, when the message stream ends.
    func setCloseHandler(_ handler: @escaping @Sendable (String) -> Void)
    /// The one stream of incoming messages, readable from any context.
    nonisolated var messageStream: AsyncThrowingStream<Data, any Error> { get }
    /// Where every incoming message passes before the stream.
    nonisolated var answers: AnswerRouter { get }
    /// The request under `key` (`OutgoingRequest`) is no longer awaited: stop waiting on the server for it.
    func abandon(_ key: String) async
    /// Sends a message with headers of its own (HTTP; other transports have none).
    func send(_ data: Data, headers: [String: String]) async throws
}

extension ClosingTransport {
    func send(_ data: Data, headers: [String: String]) async throws { try await send(data) }

    /// Over stdio a message is written at once; nothing waits on the server.
    func abandon(_ key: String) async {}
}

/// Wraps a transport to do what the SDK's client cannot express: every
/// outgoing message passes `RequestEnvelope` for the era the connection speaks
/// (our object-valued capabilities in `initialize`; a stateless request's
/// `_meta` and HTTP headers). Messages from the server go to the SDK straight
/// from the transport.
actor ClientTransport: Transport {
    nonisolated let logger: Logger
    private nonisolated let base: any ClosingTransport
    private let onClose: @Sendable (String) -> Void
    private var envelope: RequestEnvelope

    init(base: any ClosingTransport, client: ClientConfiguration, logger: Logger, onClose: @escaping @Sendable (String) -> Void) {
        self.base = base
        self.logger = logger
        self.onClose = onClose
        envelope = RequestEnvelope(client: client)
    }

    func connect() async throws {
        await base.setCloseHandler(onClose)
        try await base.connect()
    }

    func disconnect() async { await base.disconnect() }

    func abandon(_ key: String) async { await base.abandon(key) }

    /// Set while probing (stateless) and once the era is settled.
    func speak(_ era: ProtocolEra?) { envelope.speak(era) }

    func send(_ data: Data) async throws {
        let (data, headers) = envelope.wrap(data)
        try await base.send(data, headers: headers)
    }

    /// The transport's own stream. Transports end it with an error, never
    /// cleanly: the SDK's client asks again for a stream that ends cleanly, and would spin.
    nonisolated func receive() -> AsyncThrowingStream<Data, any Error> {
        base.messageStream
    }
}
