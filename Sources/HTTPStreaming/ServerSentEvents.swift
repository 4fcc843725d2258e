import Foundation

/// One event of a `text/event-stream`.
public struct ServerSentEvent: Equatable, Sendable {
    public var id: String?
    public var event: String?
    public var data: String
    public var retry: Int?

    public init(id: String? = nil, event: String? = nil, data: String, retry: Int? = nil) {
        self.id = id
        self.event = event
        self.data = data
        self.retry = retry
    }
}

/// Parses a `text/event-stream` as bytes arrive (the WHATWG rules): lines end
/// in LF, CR or CRLF; `data:` lines join with newlines; a blank line ends an
/// event; comments (`:`) are skipped; an event with no data is not dispatched,
/// though its `id` and `retry` still count (servers prime streams that way).
public struct ServerSentEventParser: Sendable {
    private var buffer = Data()
    private var data: [String] = []
    private var event: String?
    private var sawData = false
    /// The last event id seen, for resuming with `Last-Event-ID`.
    public private(set) var lastEventID: String?
    /// The reconnection delay the server asked for, in milliseconds.
    public private(set) var retry: Int?

    public init() {}

    /// Feeds bytes; returns the events they complete.
    public mutating func feed(_ bytes: Data) -> [ServerSentEvent] {
        buffer.append(bytes)
        var events: [ServerSentEvent] = []
        while let end = buffer.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) {
            // A CR at the very end may be half of a CRLF still in flight.
            if buffer[end] == 0x0D && end == buffer.index(before: buffer.endIndex) { break }
            let line = String(decoding: buffer[buffer.startIndex..<end], as: UTF8.self)
            var next = buffer.index(after: end)
            if buffer[end] == 0x0D, next < buffer.endIndex, buffer[next] == 0x0A { next = buffer.index(after: next) }
            buffer = Data(buffer[next...])
            if let event = process(line) { events.append(event) }
        }
        return events
    }

    private mutating func process(_ line: String) -> ServerSentEvent? {
        if line.isEmpty {
            defer { data = []; event = nil; sawData = false }
            guard sawData else { return nil }
            return ServerSentEvent(id: lastEventID, event: event, data: data.joined(separator: "\n"), retry: retry)
        }
        if line.hasPrefix(":") { return nil }
        let field: Substring
        var value: Substring
        if let colon = line.firstIndex(of: ":") {
            field = line[..<colon]
            value = line[line.index(after: colon)...]
            if value.hasPrefix(" ") { value = value.dropFirst() }
        } else {
            field = Substring(line)
            value = ""
        }
        switch field {
        case "data":
            data.append(String(value))
            sawData = true
        case "event": event = String(value)
        case "id" where !value.contains("\0"): lastEventID = String(value)
        case "retry": if let milliseconds = Int(value) { retry = milliseconds }
        default: break
        }
        return nil
    }
}
