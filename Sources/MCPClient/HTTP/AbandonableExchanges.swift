import Foundation
import HTTPStreaming

/// The request being sent from this task, by its JSON-RPC id: `ServerConnection`
/// sets it around each request, so an HTTP transport knows which exchange carries it.
enum OutgoingRequest {
    @TaskLocal static var key: String?
    /// Headers that belong to this request alone (a tool call's `Mcp-Param-*`).
    @TaskLocal static var headers: [String: String] = [:]
}

/// An HTTP transport's exchanges by the request they carry. A request that is
/// abandoned (its deadline passed, its caller was cancelled) has its exchange
/// aborted: a server that never answers must not hold the sender, a thread and
/// a connection until it does. The sender then returns as if the message had
/// been accepted; the client no longer waits for its answer.
final class AbandonableExchanges: @unchecked Sendable {
    private let lock = NSLock()
    private var exchanges: [String: CurlRequest] = [:]
    /// Abandoned, and not yet told to their sender; one abandoned before it was sent is aborted as it starts.
    private var abandoned: Set<String> = []

    /// Starts `request`, under `key` when it carries a request.
    func start(_ request: CurlRequest, for key: String?) {
        let abortAtOnce: Bool = lock.withLock {
            guard let key else { return false }
            exchanges[key] = request
            return abandoned.contains(key)
        }
        request.start()
        if abortAtOnce { request.cancel() }
    }

    func finished(_ key: String?) {
        guard let key else { return }
        lock.withLock { _ = exchanges.removeValue(forKey: key) }
    }

    func abandon(_ key: String) {
        let exchange: CurlRequest? = lock.withLock {
            abandoned.insert(key)
            return exchanges.removeValue(forKey: key)
        }
        exchange?.cancel()
    }

    /// Whether the exchange of `key` ended because its request was abandoned (asked once).
    func wasAbandoned(_ key: String?) -> Bool {
        guard let key else { return false }
        return lock.withLock { abandoned.remove(key) != nil }
    }
}
