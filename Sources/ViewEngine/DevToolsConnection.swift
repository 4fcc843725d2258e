import Foundation
import MCP

/// The DevTools protocol over the browser's pipe: requests answered by id, events handed to
/// whoever listens for their session (flattened sessions: one pipe, many targets).
final class DevToolsConnection: @unchecked Sendable {
    struct ProtocolError: Error, CustomStringConvertible {
        let description: String
    }

    typealias EventHandler = @Sendable (_ method: String, _ params: [String: Value]) -> Void

    private let lock = NSLock()
    private var browser: BrowserProcess?
    private var nextID = 0
    private var waiting: [Int: CheckedContinuation<Data, Error>] = [:]
    private var listeners: [String: EventHandler] = [:]
    private var endReason: String?
    private var hangReason: String?
    /// Whether the browser has answered anything yet: until then it is starting, not hung.
    private var hasAnswered = false
    private let onEnd: @Sendable (String) -> Void

    /// How long any answer may take: a browser that takes longer is hung, and is stopped.
    private let answerTimeout: Duration
    /// How long the first answer may take: a cold start on a busy machine is slower than any answer after it.
    private let startTimeout: Duration

    /// Starts the browser; `onEnd` hears why it stopped, once.
    init(executable: String, answerTimeout: Duration, startTimeout: Duration, onEnd: @escaping @Sendable (String) -> Void) throws {
        self.onEnd = onEnd
        self.answerTimeout = answerTimeout
        self.startTimeout = max(startTimeout, answerTimeout)
        let box = WeakBox<DevToolsConnection>()
        box.value = self  // before the browser starts, so not even an early exit is missed
        browser = try BrowserProcess(executable: executable,
                                     onMessage: { box.value?.receive($0) },
                                     onExit: { box.value?.end($0) })
    }

    deinit { browser?.stop() }

    var pid: pid_t? { lock.withLock { browser?.pid } }
    var isolatedNetwork: Bool { lock.withLock { browser?.isolatedNetwork ?? false } }
    var hasEnded: Bool { lock.withLock { endReason != nil } }

    /// Sends `method` to the browser (no session) or to a target's session and waits for its answer.
    @discardableResult
    func call(_ method: String, _ params: [String: Value] = [:], session: String? = nil) async throws -> [String: Value] {
        let message = try await callForMessage(method, params, session: session)
        return try JSONDecoder().decode(Answer.self, from: message).result ?? [:]
    }

    /// The whole answer as the browser wrote it, for large results read straight into their own types.
    func callForMessage(_ method: String, _ params: [String: Value] = [:], session: String? = nil) async throws -> Data {
        try await callForMessage(method, encodedParams: JSONEncoder().encode(params), session: session)
    }

    /// `params` already written as a JSON object, so a large one (a view's body) is not encoded again.
    func callForMessage(_ method: String, encodedParams params: Data, session: String? = nil) async throws -> Data {
        let (id, browser, timeout): (Int, BrowserProcess?, Duration) = lock.withLock {
            nextID += 1
            return (nextID, endReason == nil ? self.browser : nil, hasAnswered ? answerTimeout : startTimeout)
        }
        guard let browser else { throw ProtocolError(description: lock.withLock { endReason } ?? "the browser has stopped") }
        var routing: [String: Value] = ["id": .int(id), "method": .string(method)]
        if let session { routing["sessionId"] = .string(session) }
        var data = try JSONEncoder().encode(routing).dropLast()  // its closing brace: the params follow
        data.reserveCapacity(data.count + params.count + 12)
        data.append(contentsOf: #","params":"#.utf8)
        data.append(params)
        data.append(UInt8(ascii: "}"))
        let timer = Task { [weak self] in
            try await Task.sleep(for: timeout)
            self?.hung("the browser did not answer \(method) within \(timeout.components.seconds) s and was stopped")
        }
        defer { timer.cancel() }
        return try await withCheckedThrowingContinuation { continuation in
            lock.withLock { waiting[id] = continuation }
            do { try browser.send(data) } catch { answer(id, with: .failure(error)) }
        }
    }

    /// What every message is first read as: its routing, not its (possibly large) body.
    private struct Envelope: Decodable {
        struct Failure: Decodable { let message: String? }
        let id: Int?
        let method: String?
        let sessionId: String?
        let error: Failure?
    }

    private struct Answer: Decodable { let result: [String: Value]? }
    private struct Event: Decodable { let params: [String: Value]? }

    /// Sends without waiting: answers to fire-and-forget commands (failing a request) are dropped.
    func send(_ method: String, _ params: [String: Value] = [:], session: String? = nil) {
        Task { _ = try? await call(method, params, session: session) }
    }

    func send(_ method: String, encodedParams: Data, session: String? = nil) {
        Task { _ = try? await callForMessage(method, encodedParams: encodedParams, session: session) }
    }

    func listen(session: String, _ handler: @escaping EventHandler) { lock.withLock { listeners[session] = handler } }
    func stopListening(session: String) { _ = lock.withLock { listeners.removeValue(forKey: session) } }

    func stop() { lock.withLock { browser }?.stop() }

    private func receive(_ data: Data) {
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: data) else { return }
        if let id = envelope.id {
            lock.withLock { hasAnswered = true }
            if let error = envelope.error {
                answer(id, with: .failure(ProtocolError(description: error.message ?? "error")))
            } else {
                answer(id, with: .success(data))
            }
        } else if let method = envelope.method, let handler = lock.withLock({ listeners[envelope.sessionId ?? ""] }) {
            handler(method, (try? JSONDecoder().decode(Event.self, from: data))?.params ?? [:])
        }
    }

    private func answer(_ id: Int, with result: Result<Data, Error>) {
        let continuation = lock.withLock { waiting.removeValue(forKey: id) }
        continuation?.resume(with: result)
    }

    /// A browser that stops answering is killed: its views fail saying so, and the next view starts another.
    private func hung(_ reason: String) {
        let browser: BrowserProcess? = lock.withLock {
            if hangReason == nil { hangReason = reason }
            return self.browser
        }
        browser?.stop()
    }

    private func end(_ exit: String) {
        let (reason, orphans): (String, [CheckedContinuation<Data, Error>]) = lock.withLock {
            let reason = hangReason ?? exit
            endReason = reason
            defer { waiting.removeAll() }
            return (reason, Array(waiting.values))
        }
        orphans.forEach { $0.resume(throwing: ProtocolError(description: reason)) }
        onEnd(reason)
    }
}

final class WeakBox<Object: AnyObject>: @unchecked Sendable {
    weak var value: Object?
}
