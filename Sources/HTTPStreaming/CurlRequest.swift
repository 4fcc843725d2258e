import CCurl
import Foundation

/// One HTTP exchange on libcurl, performed on a thread of its own so a slow
/// server never holds a Swift task. Headers arrive once, then the body in
/// chunks as it streams (Server-Sent Events need that), then the end.
public final class CurlRequest: @unchecked Sendable {
    public struct Head: Sendable {
        public let status: Int
        /// Header names lowercased.
        public let headers: [String: String]
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        /// libcurl's error code (`CURLE_*`), when libcurl failed, so callers can name the cause.
        public var code: Int? = nil
    }

    /// The body passed `maximumBody` bytes without the exchange ending: cut off.
    public struct TooLarge: Error {}

    private let method: String
    private let url: URL
    private let headers: [String: String]
    private let body: Data?
    private let timeout: Duration?
    private let onHead: @Sendable (Head) -> Void
    private let onData: @Sendable (Data) -> Void
    private let maximumBody: Int?
    private var received = 0
    private var tooLarge = false
    private let onEnd: @Sendable ((any Error)?) -> Void
    private let lock = NSLock()
    private var cancelled = false
    private var headerLines: [String] = []
    private var headSent = false
    private var handle: UnsafeMutableRawPointer?

    public init(method: String, url: URL, headers: [String: String], body: Data?, timeout: Duration? = nil,
         onHead: @escaping @Sendable (Head) -> Void, onData: @escaping @Sendable (Data) -> Void,
         maximumBody: Int? = nil, onEnd: @escaping @Sendable ((any Error)?) -> Void) {
        self.maximumBody = maximumBody
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.onHead = onHead
        self.onData = onData
        self.onEnd = onEnd
    }

    public func start() {
        let thread = Thread { [self] in perform() }
        thread.name = "http"
        thread.start()
    }

    /// Aborts the transfer at libcurl's next progress check.
    public func cancel() { lock.withLock { cancelled = true } }

    private var isCancelled: Bool { lock.withLock { cancelled } }

    private func perform() {
        guard let api = chattui_curl()?.pointee else {
            return onEnd(Failure(description: "HTTP is unavailable: \(String(cString: chattui_curl_failure()))"))
        }
        guard let curl = api.easy_init() else { return onEnd(Failure(description: "cannot start an HTTP request")) }
        defer { api.easy_cleanup(curl) }
        let context = Unmanaged.passUnretained(self).toOpaque()
        _ = chattui_curl_set_string(curl, CURLOPT_URL, url.absoluteString)
        _ = chattui_curl_set_string(curl, CURLOPT_CUSTOMREQUEST, method)
        _ = chattui_curl_set_long(curl, CURLOPT_NOSIGNAL, 1)
        _ = chattui_curl_set_long(curl, CURLOPT_CONNECTTIMEOUT_MS, 10_000)
        if let timeout { _ = chattui_curl_set_long(curl, CURLOPT_TIMEOUT_MS, Int(timeout.components.seconds * 1000)) }
        var list: UnsafeMutablePointer<curl_slist>?
        for (name, value) in headers { list = api.slist_append(list, "\(name): \(value)") }
        // libcurl would add "Expect: 100-continue" to large POSTs and wait for it.
        list = api.slist_append(list, "Expect:")
        defer { api.slist_free_all(list) }
        _ = chattui_curl_set_pointer(curl, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(list))
        let bodyBytes = body.map { [UInt8]($0) }
        if let bodyBytes {
            _ = chattui_curl_set_size(curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bodyBytes.count))
        }
        _ = chattui_curl_set_pointer(curl, CURLOPT_HEADERDATA, context)
        _ = chattui_curl_set_data_callback(curl, CURLOPT_HEADERFUNCTION) { data, size, count, context in
            let request = Unmanaged<CurlRequest>.fromOpaque(context!).takeUnretainedValue()
            let line = String(decoding: UnsafeRawBufferPointer(start: data, count: size * count), as: UTF8.self)
            request.header(line.trimmingCharacters(in: .whitespacesAndNewlines))
            return size * count
        }
        _ = chattui_curl_set_pointer(curl, CURLOPT_WRITEDATA, context)
        _ = chattui_curl_set_data_callback(curl, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            let request = Unmanaged<CurlRequest>.fromOpaque(context!).takeUnretainedValue()
            if request.isCancelled || !request.count(size * count) { return 0 }
            request.sendHead(status: nil)
            request.onData(Data(UnsafeRawBufferPointer(start: data, count: size * count)))
            return size * count
        }
        _ = chattui_curl_set_long(curl, CURLOPT_NOPROGRESS, 0)
        _ = chattui_curl_set_pointer(curl, CURLOPT_XFERINFODATA, context)
        _ = chattui_curl_set_progress_callback(curl) { context, _, _, _, _ in
            Unmanaged<CurlRequest>.fromOpaque(context!).takeUnretainedValue().isCancelled ? 1 : 0
        }
        let code: CURLcode = bodyBytes.map { bytes in
            bytes.withUnsafeBufferPointer { buffer in
                _ = chattui_curl_set_pointer(curl, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: buffer.baseAddress))
                return api.easy_perform(curl)
            }
        } ?? api.easy_perform(curl)
        let status = chattui_curl_response_code(curl)
        if code == CURLE_OK {
            sendHead(status: Int(status))
            onEnd(nil)
        } else if lock.withLock({ tooLarge }) {
            onEnd(TooLarge())
        } else if isCancelled {
            onEnd(CancellationError())
        } else {
            onEnd(Failure(description: api.easy_strerror(code).map { String(cString: $0) } ?? "libcurl error \(code.rawValue)",
                          code: Int(code.rawValue)))
        }
    }

    /// Counts body bytes; false once they pass the limit (the transfer then stops).
    /// A stream of many small events is fine: the limit is on what is held, so
    /// the reader resets it per message through `delivered()`.
    private func count(_ bytes: Int) -> Bool {
        lock.withLock {
            received += bytes
            if let maximumBody, received > maximumBody { tooLarge = true }
            return !tooLarge
        }
    }

    /// A whole message was handed on; only bytes of an unfinished one count against the limit.
    public func delivered() { lock.withLock { received = 0 } }

    /// Keeps the last response's header lines (a redirect or 100 Continue starts a new set).
    private func header(_ line: String) {
        lock.withLock {
            if line.hasPrefix("HTTP/") { headerLines = [line] } else if !line.isEmpty { headerLines.append(line) }
        }
    }

    private func sendHead(status: Int?) {
        let lines: [String]? = lock.withLock {
            guard !headSent else { return nil }
            headSent = true
            return headerLines
        }
        guard let lines else { return }
        var parsed: [String: String] = [:]
        var code = status ?? 0
        for line in lines {
            if line.hasPrefix("HTTP/") {
                let parts = line.split(separator: " ")
                if parts.count > 1, let value = Int(parts[1]) { code = value }
            } else if let colon = line.firstIndex(of: ":") {
                parsed[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        onHead(Head(status: code, headers: parsed))
    }
}
