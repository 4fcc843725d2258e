import Foundation
import Logging
import MCP

/// Wraps a transport to do what the SDK's client cannot express:
/// - adds our capabilities that are objects (the MCP Apps extension under both
///   `extensions` and `experimental`, elicitation modes) to the `initialize` request;
/// - checks that every incoming message looks like JSON (an object or array,
///   by its first and last bytes: a full parse here would double the SDK's
///   own), so a server writing garbage is reported and disconnected instead
///   of leaving calls waiting;
/// - tells the connection when the stream ends, and why.
actor ClientTransport: Transport {
    nonisolated let logger: Logger
    private let base: any Transport
    private let onClose: @Sendable (String) -> Void

    init(base: any Transport, logger: Logger, onClose: @escaping @Sendable (String) -> Void) {
        self.base = base
        self.logger = logger
        self.onClose = onClose
        (messages, sink) = AsyncThrowingStream.makeStream(of: Data.self)
    }

    /// The MCP Apps extension: we render `text/html;profile=mcp-app` views as text cards.
    static var appsExtension: [String: Any] { ["mimeTypes": ["text/html;profile=mcp-app"]] }

    private let messages: AsyncThrowingStream<Data, any Error>
    private let sink: AsyncThrowingStream<Data, any Error>.Continuation
    private var pump: Task<Void, Never>?

    func connect() async throws {
        try await base.connect()
        let upstream = await base.receive()
        let (sink, onClose, base) = (self.sink, self.onClose, self.base)
        pump = Task {
            do {
                for try await message in upstream {
                    guard Self.looksLikeJSON(message) else {
                        let reason = "sent a message that is not JSON: \(String(decoding: message.prefix(200), as: UTF8.self))"
                        onClose(reason)
                        sink.finish(throwing: ConnectionError.closed(reason: reason))
                        await base.disconnect()
                        return
                    }
                    sink.yield(message)
                }
                onClose("closed the connection")
                sink.finish(throwing: ConnectionError.closed(reason: "closed the connection"))
            } catch {
                onClose("\(error)")
                sink.finish(throwing: error)
            }
        }
    }

    func disconnect() async {
        await base.disconnect()
        pump?.cancel()
    }

    func send(_ data: Data) async throws {
        try await base.send(Self.extendingInitialize(data))
    }

    /// One stream for the whole connection. It always ends with an error: the
    /// SDK's client asks again for a stream that ends cleanly, and would spin.
    nonisolated func receive() -> AsyncThrowingStream<Data, any Error> {
        messages
    }

    private static let initializeMethod = Data(#""method":"initialize""#.utf8)

    /// A JSON-RPC message is an object, or an array for a batch.
    static func looksLikeJSON(_ data: Data) -> Bool {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        guard let first = data.first(where: { !isSpace($0) }), let last = data.last(where: { !isSpace($0) }) else { return false }
        return (first == UInt8(ascii: "{") && last == UInt8(ascii: "}")) || (first == UInt8(ascii: "[") && last == UInt8(ascii: "]"))
    }

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
