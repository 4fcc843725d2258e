import ConversationModel
import Foundation
import HTTPStreaming

/// What a provider's HTTP request delivers: the status line and headers, then body bytes.
enum HTTPStreamEvent: Sendable {
    case head(status: Int, headers: [String: String])
    case body(Data)
}

/// Streaming HTTP for providers, on libcurl, with the retry rules model APIs ask for.
struct HTTPExchange: Sendable {
    /// Attempts for a request that keeps getting 429, 529 or 5xx.
    var maximumAttempts = 5
    /// The first wait when the server does not say how long; it doubles each time, up to `maximumDelay`.
    var firstDelay: Duration = .seconds(1)
    var maximumDelay: Duration = .seconds(30)

    /// One request; the stream ends when the body does. Ending the stream's iteration cancels it.
    static func stream(method: String, url: URL, headers: [String: String], body: Data?) -> AsyncThrowingStream<HTTPStreamEvent, any Error> {
        AsyncThrowingStream { continuation in
            let request = CurlRequest(
                method: method, url: url, headers: headers, body: body,
                onHead: { continuation.yield(.head(status: $0.status, headers: $0.headers)) },
                onData: { continuation.yield(.body($0)) },
                onEnd: { error in
                    if let error { continuation.finish(throwing: error) } else { continuation.finish() }
                })
            continuation.onTermination = { _ in request.cancel() }
            request.start()
        }
    }

    /// Sends `body` until the server accepts it, then hands the body bytes to `consume`.
    /// Statuses worth retrying are retried (reported through `retrying`); others become
    /// `ModelError.rejected` with the provider's own message.
    func send(url: URL, headers: [String: String], body: Data,
              retrying: @Sendable (Int, Duration, String) -> Void,
              consume: (AsyncThrowingStream<HTTPStreamEvent, any Error>.AsyncIterator) async throws -> Void) async throws {
        var attempt = 1
        while true {
            var events = Self.stream(method: "POST", url: url, headers: headers, body: body).makeAsyncIterator()
            let status: Int, responseHeaders: [String: String]
            do {
                guard case .head(let code, let values)? = try await events.next() else { throw ModelError.network("no response") }
                (status, responseHeaders) = (code, values)
            } catch let error as CurlRequest.Failure {
                throw ModelError.network(error.description)
            } catch is CancellationError {
                throw CancellationError()
            }
            if (200..<300).contains(status) {
                try await consume(events)
                return
            }
            let text = try await Self.collect(&events, limit: 64 * 1024)
            let message = Self.errorMessage(in: text) ?? (text.isEmpty ? "no details" : String(text.prefix(300)))
            if Self.isRetryable(status), attempt < maximumAttempts {
                let delay = Self.retryAfter(responseHeaders["retry-after"]) ?? backoff(attempt: attempt)
                retrying(attempt, delay, "HTTP \(status): \(message)")
                try await Task.sleep(for: delay)
                attempt += 1
                continue
            }
            throw ModelError.rejected(status: status, message: message)
        }
    }

    /// 429 (rate limited), 529 (overloaded) and server errors.
    static func isRetryable(_ status: Int) -> Bool { status == 429 || status == 529 || (500...599).contains(status) }

    func backoff(attempt: Int) -> Duration {
        min(maximumDelay, firstDelay * Int(pow(2.0, Double(attempt - 1))))
    }

    /// `Retry-After` as seconds or an HTTP date; capped at five minutes.
    static func retryAfter(_ value: String?) -> Duration? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value), seconds >= 0 { return .milliseconds(Int(min(seconds, 300) * 1000)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return .milliseconds(Int(min(max(0, date.timeIntervalSinceNow), 300) * 1000))
    }

    /// The `error.message` both APIs put in an error body, or a top-level `message`/`detail`.
    static func errorMessage(in text: String) -> String? {
        guard let json = JSONValue.parse(text) else { return nil }
        if let error = json["error"] {
            if let message = error["message"]?.stringValue { return message }
            if let message = error.stringValue { return message }
        }
        return json["message"]?.stringValue ?? json["detail"]?.stringValue
    }

    /// The rest of a body as text, at most `limit` bytes.
    static func collect(_ events: inout AsyncThrowingStream<HTTPStreamEvent, any Error>.AsyncIterator, limit: Int) async throws -> String {
        var data = Data()
        while let event = try? await events.next() {
            if case .body(let chunk) = event, data.count < limit { data.append(chunk) }
        }
        return String(decoding: data.prefix(limit), as: UTF8.self)
    }

    /// A GET that returns JSON, for model lists.
    static func getJSON(url: URL, headers: [String: String]) async throws -> JSONValue {
        let response: HTTPResponse
        do {
            response = try await CurlRequest.fetch("GET", url, headers: headers)
        } catch let error as CurlRequest.Failure {
            throw ModelError.network(error.description)
        }
        guard (200..<300).contains(response.status) else {
            throw ModelError.rejected(status: response.status, message: errorMessage(in: response.text) ?? String(response.text.prefix(300)))
        }
        guard let json = JSONValue.parse(response.text) else { throw ModelError.malformed("the model list is not JSON") }
        return json
    }
}

extension HTTPExchange {
    /// A model's streamed answer: `body` POSTed to `url` (with retries), its Server-Sent Events
    /// turned into `ModelStreamEvent`s by `decoder`. Ending the iteration cancels the request.
    func modelStream<Decoder: StreamDecoder & Sendable>(url: URL, headers: [String: String], body: Data, decoder: Decoder)
        -> AsyncThrowingStream<ModelStreamEvent, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    try await send(url: url, headers: headers, body: body, retrying: { attempt, delay, reason in
                        continuation.yield(.retrying(attempt: attempt, delay: delay, reason: reason))
                    }) { events in
                        var decoder = decoder
                        try await consumeEvents(events, decoder: &decoder, continuation: continuation)
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

extension URL {
    /// This URL with `path` appended, however the base's own path ends.
    func appending(endpoint path: String) -> URL {
        var text = absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return URL(string: text + path) ?? self
    }
}
