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
}

extension ClosingTransport {
    /// Over stdio a message is written at once; nothing waits on the server.
    func abandon(_ key: String) async {}
}

/// Wraps a transport to do what the SDK's client cannot express: it adds our
/// object-valued capabilities (the MCP Apps extension under both `extensions`
/// and `experimental`, the elicitation modes) to the `initialize` request.
/// Messages from the server go to the SDK straight from the transport.
actor ClientTransport: Transport {
    nonisolated let logger: Logger
    private nonisolated let base: any ClosingTransport
    private let onClose: @Sendable (String) -> Void

    init(base: any ClosingTransport, logger: Logger, onClose: @escaping @Sendable (String) -> Void) {
        self.base = base
        self.logger = logger
        self.onClose = onClose
    }

    /// The MCP Apps extension: we render `text/html;profile=mcp-app` views as text cards.
    static var appsExtension: [String: Any] { ["mimeTypes": ["text/html;profile=mcp-app"]] }

    func connect() async throws {
        await base.setCloseHandler(onClose)
        try await base.connect()
    }

    func disconnect() async { await base.disconnect() }

    func abandon(_ key: String) async { await base.abandon(key) }

    /// Only the first message is `initialize`; the rest pass without a look.
    private var initializeSent = false

    func send(_ data: Data) async throws {
        guard !initializeSent else { return try await base.send(data) }
        let extended = Self.extendingInitialize(data)
        initializeSent = extended != data
        try await base.send(extended)
    }

    /// The transport's own stream. Transports end it with an error, never
    /// cleanly: the SDK's client asks again for a stream that ends cleanly, and would spin.
    nonisolated func receive() -> AsyncThrowingStream<Data, any Error> {
        base.messageStream
    }

    private static let initializeMethod = Data(#""method":"initialize""#.utf8)

    /// The `initialize` request with our object-valued capabilities added; other
    /// messages pass untouched (found by a byte search, without parsing them).
    static func extendingInitialize(_ data: Data) -> Data {
        guard data.range(of: initializeMethod) != nil, var message = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
              message["method"] as? String == "initialize",
              var params = message["params"] as? [String: Any] else { return data }
        var capabilities = params["capabilities"] as? [String: Any] ?? [:]
        var extensions = capabilities["extensions"] as? [String: Any] ?? [:]
        extensions["io.modelcontextprotocol/ui"] = appsExtension
        capabilities["extensions"] = extensions
        var experimental = capabilities["experimental"] as? [String: Any] ?? [:]
        experimental["io.modelcontextprotocol/ui"] = appsExtension
        capabilities["experimental"] = experimental
        capabilities["elicitation"] = ["form": [String: Any](), "url": [String: Any]()]
        capabilities["roots"] = ["listChanged": true]
        capabilities["sampling"] = [String: Any]()
        params["capabilities"] = capabilities
        message["params"] = params
        return (try? JSONSerialization.data(withJSONObject: message)) ?? data
    }
}
