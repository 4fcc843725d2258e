import Foundation
import Logging
import HTTPStreaming
import MCP
import TerminalText

/// Why a remote server could not be used; each says what to do.
public enum HTTPTransportError: Error, Equatable, CustomStringConvertible {
    /// 401, or 403 `insufficient_scope`: the connector needs the person to sign in (again, for more scope).
    case needsSignIn(challenge: String?)
    /// 404 on a session: the server forgot it; a new session must start.
    case sessionExpired
    /// 400, 404 or 405 to `server/discover` (try `initialize`) or to `initialize`
    /// (the server may speak the older HTTP+SSE transport).
    case initializeRejected(status: Int)
    /// 2026-07-28: the server does not take the revision we asked at (-32022); these are the ones it does.
    case revisionRefused(supported: [String])
    case status(Int, String)
    case unexpectedContentType(String)
    case network(String)
    case tooLarge

    public var description: String {
        switch self {
        case .needsSignIn: return "needs sign-in"
        case .sessionExpired: return "the server ended the session"
        case .initializeRejected(let status): return "the server refused to start a session (HTTP \(status))"
        case .revisionRefused(let supported): return "the server takes only protocol revisions \(supported.joined(separator: ", "))"
        case .status(let code, let body): return "HTTP \(code)" + (body.isEmpty ? "" : ": \(body)")
        case .unexpectedContentType(let type): return "answered with \(type.isEmpty ? "no content type" : type), not JSON or an event stream"
        case .network(let message): return message
        case .tooLarge: return "sent a message larger than \(StdioProcessTransport.maximumMessageSize / 1_048_576) MiB"
        }
    }
}

/// MCP's Streamable HTTP transport on libcurl: one POST per message, with the
/// answer as JSON or as a stream of events; the session id and the negotiated
/// protocol version on every request after `initialize`; DELETE on close.
/// (The SDK's own HTTP transport does not stream events on Linux.)
public actor StreamableHTTPTransport: ClosingTransport {
    public nonisolated let logger: Logger
    private let url: URL
    private let headers: [String: String]
    private let session = SessionHeaders()
    private var requests: [UUID: CurlRequest] = [:]
    private let exchanges = AbandonableExchanges()
    /// The standalone GET stream for messages that belong to no request.
    private var serverStream: CurlRequest?
    private var isOpen = true
    private let messages: AsyncThrowingStream<Data, any Error>
    private let sink: AsyncThrowingStream<Data, any Error>.Continuation
    private let closing = CloseSignal()
    nonisolated let answers = AnswerRouter()

    public init(url: URL, headers: [String: String] = [:], logger: Logger = ConnectorLog.silent) {
        self.url = url
        self.headers = headers
        self.logger = logger
        (messages, sink) = AsyncThrowingStream.makeStream(of: Data.self)
    }

    public func connect() async throws {}

    func setCloseHandler(_ handler: @escaping @Sendable (String) -> Void) { closing.handler = handler }

    public nonisolated func receive() -> AsyncThrowingStream<Data, any Error> { messages }
    public nonisolated var messageStream: AsyncThrowingStream<Data, any Error> { messages }

    /// POSTs one message. Returns once the answer's status and headers are in;
    /// its body (one JSON message or an event stream) is delivered as it comes.
    /// A request abandoned meanwhile (`abandon`) returns at once, its exchange aborted.
    public func send(_ data: Data) async throws { try await send(data, headers: [:]) }

    /// Sends with the message's own headers (`RequestEnvelope`: the stateless era's).
    func send(_ data: Data, headers extra: [String: String]) async throws {
        let key = OutgoingRequest.key
        let isInitialize = RequestEnvelope.isInitialize(data)
        // The first message to a server: `server/discover`, or `initialize` after it.
        let opens = isInitialize || data.range(of: Data(#""method":"server\/discover""#.utf8)) != nil
            || data.range(of: Data(#""method":"server/discover""#.utf8)) != nil
        var requestHeaders = session.adding(to: headers).merging(extra) { $1 }
        requestHeaders["Content-Type"] = "application/json"
        requestHeaders["Accept"] = "application/json, text/event-stream"

        let id = UUID()
        let head = PendingAnswer<CurlRequest.Head>()
        let bodyEnded = PendingAnswer<Void>()
        // Only the answer to `initialize` carries the negotiated version; other
        // answers are not looked at again. The session learns it (and its id) on
        // curl's thread, before the SDK can see the answer and send the next message.
        let session = self.session
        let reader = ResponseReader(sink: sink, answers: answers, closing: closing) { message in
            if isInitialize { session.notice(initializeAnswer: message) }
        }
        let request = CurlRequest(method: "POST", url: url, headers: requestHeaders, body: data,
            // The body's kind is settled here, on curl's thread, before any of it
            // arrives: a stream that ends at once must already count as events to be resumed.
            onHead: { response in
                if isInitialize, let id = response.headers["mcp-session-id"] { session.id = id }
                reader.mode = ResponseReader.Mode(answering: response)
                head.resume(with: .success(response))
            },
            onData: { reader.append($0) },
            maximumBody: StdioProcessTransport.maximumMessageSize,
            onEnd: { [weak self, sink, closing] error in
                if error is CurlRequest.TooLarge {
                    head.resume(with: .failure(HTTPTransportError.tooLarge))
                    closing.close(sink, reason: HTTPTransportError.tooLarge.description)
                } else if let error {
                    head.resume(with: .failure(HTTPTransportError.network("\(error)")))
                }
                reader.finish()
                bodyEnded.resume(with: .success(()))
                Task { await self?.ended(id, reader: reader, cancelled: error is CancellationError, key: key) }
            })
        reader.afterMessage = { request.delivered() }
        requests[id] = request
        exchanges.start(request, for: key)
        let response: CurlRequest.Head
        do { response = try await head.value() } catch where exchanges.wasAbandoned(key) { return }
        if response.status == 202, Self.isInitializedNotification(data) { openServerStream(lastEventID: nil) }
        switch response.status {
        case 200, 201:
            if reader.mode == .pending {
                request.cancel()
                throw HTTPTransportError.unexpectedContentType(response.headers["content-type"]?.lowercased() ?? "")
            }
        case 202, 204:
            return
        case 401:
            request.cancel()
            throw HTTPTransportError.needsSignIn(challenge: response.headers["www-authenticate"])
        case 403 where (response.headers["www-authenticate"] ?? "").contains("insufficient_scope"):
            // Step-up: the token lacks a scope this request needs; signing in again asks for it too.
            request.cancel()
            throw HTTPTransportError.needsSignIn(challenge: response.headers["www-authenticate"])
        case 404 where session.id != nil && !isInitialize:
            // The server forgot the session: end this connection so a new one
            // (a fresh initialize, no session id) is started by the manager.
            request.cancel()
            session.id = nil
            closing.close(sink, reason: "ended the session (HTTP 404)")
            throw HTTPTransportError.sessionExpired
        case 400 where opens && !isInitialize:
            // A revision the server does not take is refused with 400 and a JSON-RPC
            // error that says which it does (-32022); read it before giving up on the probe.
            try? await bodyEnded.value()
            if let supported = Self.supportedRevisions(refusing: reader.unreadBody) { throw HTTPTransportError.revisionRefused(supported: supported) }
            throw HTTPTransportError.initializeRejected(status: response.status)
        case 400 where opens, 404 where opens, 405 where opens:
            request.cancel()
            throw HTTPTransportError.initializeRejected(status: response.status)
        default:
            request.cancel()
            throw HTTPTransportError.status(response.status, "")
        }
    }

    /// The revisions an UnsupportedProtocolVersion error (-32022) names, if the body is one.
    static func supportedRevisions(refusing body: Data) -> [String]? {
        guard let error = ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any])?["error"] as? [String: Any],
              error["code"] as? Int == ProtocolEra.unsupportedRevisionCode else { return nil }
        return (error["data"] as? [String: Any])?["supported"] as? [String] ?? []
    }

    /// Foundation's encoder writes `/` as `\/`, so both spellings are looked for.
    static func isInitializedNotification(_ data: Data) -> Bool {
        data.range(of: Data(#""method":"notifications/initialized""#.utf8)) != nil
            || data.range(of: Data(#""method":"notifications\/initialized""#.utf8)) != nil
    }

    /// Opens (or reopens after a drop) the GET stream on which the server may
    /// send requests and notifications of its own. 405 means it offers none.
    private func openServerStream(lastEventID: String?) {
        guard isOpen, session.id != nil else { return }
        var streamHeaders = session.adding(to: headers)
        streamHeaders["Accept"] = "text/event-stream"
        if let lastEventID { streamHeaders["Last-Event-ID"] = lastEventID }
        let reader = ResponseReader(sink: sink, answers: answers, closing: closing) { _ in }
        let status = PendingAnswer<Int>()
        let request = CurlRequest(method: "GET", url: url, headers: streamHeaders, body: nil,
            onHead: { head in
                status.resume(with: .success(head.status))
                if head.status == 200 { reader.mode = .events }
            },
            onData: { reader.append($0) },
            maximumBody: StdioProcessTransport.maximumMessageSize,
            onEnd: { [weak self] error in
                status.resume(with: .success(0))
                guard !(error is CancellationError) else { return }
                Task { await self?.serverStreamEnded(reader: reader, status: status) }
            })
        reader.afterMessage = { request.delivered() }
        serverStream = request
        request.start()
    }

    private func serverStreamEnded(reader: ResponseReader, status: PendingAnswer<Int>) async {
        let code = (try? await status.value()) ?? 0
        guard isOpen, code == 200 else { return }
        try? await Task.sleep(for: .milliseconds(reader.resumePoint.retry ?? 1000))
        openServerStream(lastEventID: reader.resumePoint.lastEventID)
    }

    /// At most this many resumptions of one answer's stream.
    private static let maximumResumes = 5

    /// An answer's stream ended. If it dropped before the answer, resume it
    /// with GET and `Last-Event-ID` after the server's `retry` (or half a second).
    private func ended(_ id: UUID, reader: ResponseReader, cancelled: Bool, key: String? = nil, resumes: Int = 0) async {
        requests[id] = nil
        exchanges.finished(key)
        guard !cancelled, let resume = reader.needsResume, session.id != nil else { return }
        guard resumes < Self.maximumResumes else {
            closing.close(sink, reason: "dropped an answer's event stream \(counted(resumes, "time"))")
            return
        }
        try? await Task.sleep(for: .milliseconds(resume.retry ?? 500))
        var resumeHeaders = session.adding(to: headers)
        resumeHeaders["Accept"] = "text/event-stream"
        resumeHeaders["Last-Event-ID"] = resume.lastEventID
        let next = UUID()
        let request = CurlRequest(method: "GET", url: url, headers: resumeHeaders, body: nil,
            onHead: { head in if head.status != 200 { reader.mode = .pending } },
            onData: { reader.append($0) },
            maximumBody: StdioProcessTransport.maximumMessageSize,
            onEnd: { [weak self] error in
                Task { await self?.ended(next, reader: reader, cancelled: error is CancellationError, resumes: resumes + 1) }
            })
        reader.afterMessage = { request.delivered() }
        requests[next] = request
        request.start()
    }

    /// Aborts the exchange of an abandoned request (see `AbandonableExchanges`).
    func abandon(_ key: String) { exchanges.abandon(key) }

    /// Stops every exchange and ends the session on the server (DELETE).
    public func disconnect() async {
        isOpen = false
        serverStream?.cancel()
        serverStream = nil
        requests.values.forEach { $0.cancel() }
        requests = [:]
        if session.id != nil {
            let deleteHeaders = session.adding(to: headers)
            let done = PendingAnswer<Void>()
            CurlRequest(method: "DELETE", url: url, headers: deleteHeaders, body: nil, timeout: .seconds(2),
                        onHead: { _ in }, onData: { _ in }, onEnd: { _ in done.resume(with: .success(())) }).start()
            try? await done.value()
        }
        session.id = nil
        closing.close(sink, reason: "was disconnected")
    }

    /// The session id the server gave, if any (for tests and `mcp inspect`).
    public var currentSessionID: String? { session.id }
}

/// The session id and negotiated protocol version, which go on every request
/// after `initialize`. Set from curl's thread as the answer arrives, so they are
/// in place before anyone can act on that answer.
final class SessionHeaders: @unchecked Sendable {
    private let lock = NSLock()
    private var sessionID: String?
    private var protocolVersion: String?

    var id: String? {
        get { lock.withLock { sessionID } }
        set { lock.withLock { sessionID = newValue } }
    }

    /// `headers` with `Mcp-Session-Id` and `MCP-Protocol-Version` once they are known.
    func adding(to headers: [String: String]) -> [String: String] {
        var headers = headers
        lock.withLock {
            if let sessionID { headers["Mcp-Session-Id"] = sessionID }
            if let protocolVersion { headers["MCP-Protocol-Version"] = protocolVersion }
        }
        return headers
    }

    /// Keeps the version the answer to `initialize` settled on.
    func notice(initializeAnswer message: Data) {
        guard let object = try? JSONSerialization.jsonObject(with: message) as? [String: Any],
              let result = object["result"] as? [String: Any], let version = result["protocolVersion"] as? String else { return }
        lock.withLock { if protocolVersion == nil { protocolVersion = version } }
    }
}
