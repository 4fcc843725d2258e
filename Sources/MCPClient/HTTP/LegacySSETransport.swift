import Foundation
import Logging
import HTTPStreaming
import MCP

/// The HTTP+SSE transport of protocol 2024-11-05, for servers that predate
/// Streamable HTTP: a GET opens an event stream whose first `endpoint` event
/// names where to POST messages; answers come back on that stream.
public actor LegacySSETransport: ClosingTransport {
    public nonisolated let logger: Logger
    private let url: URL
    private let headers: [String: String]
    private var stream: CurlRequest?
    private var endpoint: URL?
    private let endpointReady = PendingAnswer<URL>()
    private let messages: AsyncThrowingStream<Data, any Error>
    private let sink: AsyncThrowingStream<Data, any Error>.Continuation
    private let closing = CloseSignal()
    private let exchanges = AbandonableExchanges()
    private var posts: [UUID: CurlRequest] = [:]
    nonisolated let answers = AnswerRouter()

    public init(url: URL, headers: [String: String] = [:], logger: Logger = ConnectorLog.silent) {
        self.url = url
        self.headers = headers
        self.logger = logger
        (messages, sink) = AsyncThrowingStream.makeStream(of: Data.self)
    }

    public nonisolated func receive() -> AsyncThrowingStream<Data, any Error> { messages }
    public nonisolated var messageStream: AsyncThrowingStream<Data, any Error> { messages }

    func setCloseHandler(_ handler: @escaping @Sendable (String) -> Void) { closing.handler = handler }

    /// Opens the event stream and waits for the server to say where to post.
    public func connect() async throws {
        var streamHeaders = headers
        streamHeaders["Accept"] = "text/event-stream"
        let parser = EventStreamSink(sink: sink, answers: answers, closing: closing, base: url, onEndpoint: { [endpointReady] in endpointReady.resume(with: .success($0)) })
        let head = PendingAnswer<CurlRequest.Head>()
        let request = CurlRequest(method: "GET", url: url, headers: streamHeaders, body: nil,
            onHead: { head.resume(with: .success($0)) },
            onData: { parser.feed($0) },
            onEnd: { [sink, endpointReady, closing] error in
                let reason = error.map { "\($0)" } ?? "closed the event stream"
                head.resume(with: .failure(HTTPTransportError.network(reason)))
                endpointReady.resume(with: .failure(HTTPTransportError.network(reason)))
                closing.close(sink, reason: reason)
            })
        stream = request
        request.start()
        let response = try await head.value()
        switch response.status {
        case 200: break
        case 401: throw HTTPTransportError.needsSignIn(challenge: response.headers["www-authenticate"])
        default: throw HTTPTransportError.status(response.status, "")
        }
        endpoint = try await endpointReady.value()
    }

    /// POSTs one message; its answer comes on the event stream. A request abandoned
    /// while its POST is unanswered returns at once, the POST aborted.
    public func send(_ data: Data) async throws {
        guard let endpoint else { throw ConnectionError.notConnected }
        let key = OutgoingRequest.key
        var postHeaders = headers
        postHeaders["Content-Type"] = "application/json"
        let head = PendingAnswer<CurlRequest.Head>()
        let id = UUID()
        let post = CurlRequest(method: "POST", url: endpoint, headers: postHeaders, body: data,
                    onHead: { head.resume(with: .success($0)) }, onData: { _ in },
                    onEnd: { [weak self, exchanges] error in
                        if let error { head.resume(with: .failure(HTTPTransportError.network("\(error)"))) }
                        exchanges.finished(key)
                        Task { await self?.ended(id) }
                    })
        posts[id] = post
        exchanges.start(post, for: key)
        let response: CurlRequest.Head
        do { response = try await head.value() } catch where exchanges.wasAbandoned(key) { return }
        switch response.status {
        case 200...299: return
        case 401: throw HTTPTransportError.needsSignIn(challenge: response.headers["www-authenticate"])
        default: throw HTTPTransportError.status(response.status, "")
        }
    }

    private func ended(_ id: UUID) { posts[id] = nil }

    /// Aborts the POST of an abandoned request (see `AbandonableExchanges`).
    func abandon(_ key: String) { exchanges.abandon(key) }

    public func disconnect() async {
        stream?.cancel()
        stream = nil
        posts.values.forEach { $0.cancel() }
        posts = [:]
        closing.close(sink, reason: "was disconnected")
    }
}

/// Reads the legacy event stream: `endpoint` once, then `message` events.
final class EventStreamSink: @unchecked Sendable {
    private let lock = NSLock()
    private var parser = ServerSentEventParser()
    private let sink: AsyncThrowingStream<Data, any Error>.Continuation
    private let answers: AnswerRouter
    private let closing: CloseSignal
    private let base: URL
    private let onEndpoint: @Sendable (URL) -> Void

    init(sink: AsyncThrowingStream<Data, any Error>.Continuation, answers: AnswerRouter, closing: CloseSignal, base: URL,
         onEndpoint: @escaping @Sendable (URL) -> Void) {
        self.answers = answers
        self.sink = sink
        self.closing = closing
        self.base = base
        self.onEndpoint = onEndpoint
    }

    func feed(_ data: Data) {
        let events = lock.withLock { parser.feed(data) }
        for event in events {
            if event.event == "endpoint" {
                if let endpoint = URL(string: event.data.trimmingCharacters(in: .whitespacesAndNewlines), relativeTo: base)?.absoluteURL {
                    onEndpoint(endpoint)
                }
            } else if event.event == nil || event.event == "message", !event.data.isEmpty {
                let message = Data(event.data.utf8)
                if MessageShape.looksLikeJSON(message) { answers.pass(message, to: sink) } else {
                    closing.close(sink, reason: "sent a message that is not JSON: \(event.data.prefix(200))")
                }
            }
        }
    }
}
