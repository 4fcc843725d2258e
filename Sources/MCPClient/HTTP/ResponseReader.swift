import Foundation
import HTTPStreaming

/// Turns one response body into messages: the whole body when it is JSON,
/// each non-empty event when it is a stream (empty ones only prime it).
final class ResponseReader: @unchecked Sendable {
    enum Mode {
        case pending, json, events

        /// What a successful answer's body is, by its content type; anything else is not read.
        init(answering response: CurlRequest.Head) {
            let type = response.headers["content-type"]?.lowercased() ?? ""
            guard response.status == 200 || response.status == 201 else { self = .pending; return }
            if type.hasPrefix("text/event-stream") { self = .events } else if type.hasPrefix("application/json") { self = .json } else { self = .pending }
        }
    }

    private let lock = NSLock()
    private let sink: AsyncThrowingStream<Data, any Error>.Continuation
    private let answers: AnswerRouter
    private let closing: CloseSignal
    private let onMessage: @Sendable (Data) -> Void
    private var buffer = Data()
    private var parser = ServerSentEventParser()
    private var currentMode = Mode.pending
    private var afterEachMessage: (@Sendable () -> Void)?
    private var sawResponse = false

    /// Where a dropped stream would resume, whatever it was carrying.
    var resumePoint: (lastEventID: String?, retry: Int?) {
        lock.withLock { (parser.lastEventID, parser.retry) }
    }

    /// An event stream ended before the answer to its request came: resume it.
    var needsResume: (lastEventID: String, retry: Int?)? {
        lock.withLock {
            guard currentMode == .events, !sawResponse, let id = parser.lastEventID else { return nil }
            return (id, parser.retry)
        }
    }

    /// What a body that was not read (an error's) held.
    var unreadBody: Data { lock.withLock { currentMode == .pending ? buffer : Data() } }

    /// Called after each event is handed on (the request's size limit counts per message).
    var afterMessage: (@Sendable () -> Void)? {
        get { lock.withLock { afterEachMessage } }
        set { lock.withLock { afterEachMessage = newValue } }
    }

    init(sink: AsyncThrowingStream<Data, any Error>.Continuation, answers: AnswerRouter, closing: CloseSignal,
         onMessage: @escaping @Sendable (Data) -> Void) {
        self.answers = answers
        self.sink = sink
        self.closing = closing
        self.onMessage = onMessage
    }

    /// Hands on a message that looks like JSON; anything else ends the connection.
    private func hand(_ message: Data) {
        guard MessageShape.looksLikeJSON(message) else {
            closing.close(sink, reason: "sent a message that is not JSON: \(String(decoding: message.prefix(200), as: UTF8.self))")
            return
        }
        onMessage(message)
        answers.pass(message, to: sink)
    }

    private var ended = false

    /// Set once the headers say what the body is; bytes that came before are
    /// replayed, and a body that already ended is delivered now.
    var mode: Mode {
        get { lock.withLock { currentMode } }
        set {
            let (events, body): (Data, Data?) = lock.withLock {
                currentMode = newValue
                switch newValue {
                case .events:
                    defer { buffer = Data() }
                    return (buffer, nil)
                case .json where ended:
                    defer { buffer = Data() }
                    return (Data(), buffer)
                case .json, .pending:
                    return (Data(), nil)
                }
            }
            if !events.isEmpty { deliver(events: events) }
            if let body { deliverWhole(body) }
        }
    }

    func append(_ data: Data) {
        let mode: Mode = lock.withLock {
            if currentMode != .events { buffer.append(data) }
            return currentMode
        }
        if mode == .events { deliver(events: data) }
    }

    private func deliver(events data: Data) {
        let events = lock.withLock { parser.feed(data) }
        for event in events where !event.data.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            let message = Data(event.data.utf8)
            if Self.isResponse(message) { lock.withLock { sawResponse = true } }
            hand(message)
        }
        if !events.isEmpty { afterMessage?() }
    }

    /// A JSON-RPC response (it has an id and no method); requests and notifications have a method.
    static func isResponse(_ message: Data) -> Bool {
        guard let object = try? JSONSerialization.jsonObject(with: message) as? [String: Any] else { return false }
        return object["method"] == nil && object["id"] != nil
    }

    /// The body is complete: a JSON body is delivered once its type is known.
    func finish() {
        let body: Data? = lock.withLock {
            ended = true
            guard currentMode == .json else { return nil }
            defer { buffer = Data() }
            return buffer
        }
        if let body { deliverWhole(body) }
    }

    private func deliverWhole(_ body: Data) {
        guard !body.isEmpty else { return }
        hand(body)
    }
}
