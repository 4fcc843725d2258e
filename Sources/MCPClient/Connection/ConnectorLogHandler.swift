import Foundation
import Logging

/// The SDK's own log lines about a connector (a request it has no handler
/// for, an answer to no request, a broken stream) go to that connector's log
/// file, sanitised, never to stderr: they quote what the server sent.
struct ConnectorLogHandler: LogHandler {
    let file: URL
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        let details = all.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
        ConnectorLog.append("sdk \(event.level): \(event.message)\(details)", to: file)
    }
}

extension ConnectorLog {
    /// A logger for the SDK's client and our transports of one connector: its lines land in `file`.
    static func logger(writingTo file: URL) -> Logger {
        Logger(label: "chattui.mcp") { _ in ConnectorLogHandler(file: file) }
    }

    /// For transports made without a connector (tests, benchmarks): says nothing, and never on stderr.
    public static let silent = Logger(label: "chattui.mcp") { _ in SwiftLogNoOpLogHandler() }
}
