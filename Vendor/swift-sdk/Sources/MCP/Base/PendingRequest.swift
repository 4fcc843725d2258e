import struct Foundation.Data
import class Foundation.NSLock
import class Foundation.JSONDecoder
import class Foundation.JSONEncoder

/// An error indicating a type mismatch when decoding a pending request response.
struct TypeMismatchError: Swift.Error {}

/// A pending request with a continuation for the result.
struct PendingRequest<T> {
    let continuation: CheckedContinuation<T, Swift.Error>
}

/// An answer awaited in the asking task itself (chattui patch): it may come
/// before anyone waits, and only the first one given counts. Public because
/// chattui's transports wait on the same kind of thing (a response's head).
public final class PendingAnswer<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var outcome: Result<T, Swift.Error>?
    private var waiter: CheckedContinuation<T, Swift.Error>?

    public init() {}

    public func resume(with result: Result<T, Swift.Error>) {
        let waiting: CheckedContinuation<T, Swift.Error>?? = lock.withLock {
            guard outcome == nil else { return .none }
            outcome = result
            defer { waiter = nil }
            return .some(waiter)
        }
        if case .some(let continuation?) = waiting { continuation.resume(with: result) }
    }

    /// Waits in the caller's isolation, so that the answer resumes the caller on
    /// its own actor instead of waking another thread to hop there.
    public func value(isolation: isolated (any Actor)? = #isolation) async throws -> T {
        try await withCheckedThrowingContinuation(isolation: isolation) { continuation in
            let ready: Result<T, Swift.Error>? = lock.withLock {
                if let outcome { return outcome }
                waiter = continuation
                return nil
            }
            if let ready { continuation.resume(with: ready) }
        }
    }
}

/// The requests awaiting an answer, reachable without the client's actor
/// (chattui patch): answers are matched to requests as they are read, so the
/// reading task never queues behind the client, nor the client behind it.
final class PendingRequests: @unchecked Sendable {
    private let lock = NSLock()
    private var requests: [ID: AnyPendingRequest] = [:]
    /// Messages offered to `Client.deliverAnswer` that went to the stream and are not handled yet.
    private var unhandled = 0

    /// The request `id` answers, unless an earlier message is still on its way
    /// through the stream; then the caller sends this one there too, counted.
    func claimInOrder(_ id: ID?) -> AnyPendingRequest? {
        lock.withLock {
            if unhandled == 0, let id, let request = requests.removeValue(forKey: id) { return request }
            unhandled += 1
            return nil
        }
    }

    /// The message loop finished with one message from the stream.
    func handledFromStream() { lock.withLock { unhandled = max(0, unhandled - 1) } }

    func add(_ request: AnyPendingRequest, for id: ID) { lock.withLock { requests[id] = request } }

    func remove(_ id: ID) -> AnyPendingRequest? { lock.withLock { requests.removeValue(forKey: id) } }

    func removeAll() -> [AnyPendingRequest] {
        lock.withLock {
            defer { requests = [:] }
            return Array(requests.values)
        }
    }
}

/// A type-erased pending request.
struct AnyPendingRequest: Sendable {
    private let _resume: @Sendable (Result<Any, Swift.Error>) -> Void
    private let _resumeDecoding: @Sendable (Data, JSONDecoder) -> Void

    init<T: Sendable & Decodable>(_ request: PendingRequest<T>) {
        self.init(T.self) { request.continuation.resume(with: $0) }
    }

    init<T: Sendable & Decodable>(_ answer: PendingAnswer<T>) {
        self.init(T.self) { answer.resume(with: $0) }
    }

    private init<T: Sendable & Decodable>(_: T.Type, deliver: @escaping @Sendable (Result<T, Swift.Error>) -> Void) {
        _resume = { result in deliver(result.flatMap(Self.typed)) }
        _resumeDecoding = { data, decoder in
            deliver(Result { try decoder.decode(TypedResponse<T>.self, from: data).outcome }.flatMap { $0 })
        }
    }

    /// A result decoded as `Value` (a batch answer), converted to the type its request expects.
    private static func typed<T: Decodable>(_ value: Any) -> Result<T, Swift.Error> {
        if let typedValue = value as? T { return .success(typedValue) }
        if let value = value as? Value, let data = try? JSONEncoder().encode(value),
            let decoded = try? JSONDecoder().decode(T.self, from: data)
        {
            return .success(decoded)
        }
        return .failure(TypeMismatchError())
    }

    func resume(returning value: Any) {
        _resume(.success(value))
    }

    func resume(throwing error: Swift.Error) {
        _resume(.failure(error))
    }

    /// Resumes with the response in `data`, decoded straight into the request's
    /// result type (chattui patch: no detour through `Value` and back).
    func resume(decoding data: Data, using decoder: JSONDecoder) {
        _resumeDecoding(data, decoder)
    }
}

/// A response whose result is decoded as the type its request expects.
private struct TypedResponse<T: Decodable>: Decodable {
    let outcome: Result<T, Swift.Error>

    private enum CodingKeys: String, CodingKey { case result, error }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if container.contains(.error) {
            outcome = .failure(try container.decode(MCPError.self, forKey: .error))
        } else {
            outcome = .success(try container.decode(T.self, forKey: .result))
        }
    }
}

/// The two members that tell a response (an `id`, no `method`) from a request or a notification.
struct MessageHead: Decodable {
    let id: ID?
    let method: String?

    var responseID: ID? { method == nil ? id : nil }
}
