import Foundation

/// A whole HTTP response, for small JSON exchanges (metadata, tokens, catalogues).
public struct HTTPResponse: Sendable {
    public let status: Int
    /// Header names lowercased.
    public let headers: [String: String]
    public let body: Data

    public var text: String { String(decoding: body, as: UTF8.self) }
}

extension CurlRequest {
    /// Performs one request and collects the response, at most `maximumBody` bytes.
    public static func fetch(_ method: String = "GET", _ url: URL, headers: [String: String] = [:], body: Data? = nil,
                             timeout: Duration = .seconds(20), maximumBody: Int = 4 * 1024 * 1024) async throws -> HTTPResponse {
        final class Collected: @unchecked Sendable {
            let lock = NSLock()
            var head: Head?
            var body = Data()
        }
        let collected = Collected()
        return try await withCheckedThrowingContinuation { continuation in
            let request = CurlRequest(method: method, url: url, headers: headers, body: body, timeout: timeout,
                                      onHead: { head in collected.lock.withLock { collected.head = head } },
                                      onData: { chunk in collected.lock.withLock { collected.body.append(chunk) } },
                                      maximumBody: maximumBody) { error in
                if let error {
                    continuation.resume(throwing: error)
                    return
                }
                let (head, data) = collected.lock.withLock { (collected.head, collected.body) }
                continuation.resume(returning: HTTPResponse(status: head?.status ?? 0, headers: head?.headers ?? [:], body: data))
            }
            request.start()
        }
    }
}
