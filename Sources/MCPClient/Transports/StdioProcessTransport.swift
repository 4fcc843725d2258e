import Foundation
import Logging
import MCP

/// MCP over a child process's stdin and stdout, one JSON message per line
/// (the stdio transport of the specification). The SDK's own stdio transport
/// serves the current process's streams; a client needs to start the server.
public actor StdioProcessTransport: ClosingTransport {
    public nonisolated let logger: Logger
    private let command: String
    private let arguments: [String]
    private let environment: [String: String]
    private let workingDirectory: String?
    private let logFile: URL
    private let grace: Double
    private var process: ChildProcess?
    /// The one termination in progress: every `disconnect` waits for it, so none returns before the server is reaped.
    private var stopping: Task<Void, Never>?
    private let messages: AsyncThrowingStream<Data, any Error>
    private let sink: AsyncThrowingStream<Data, any Error>.Continuation
    private let closing = CloseSignal()
    nonisolated let answers = AnswerRouter()

    /// Messages beyond this size end the connection: no server legitimately sends one.
    public static let maximumMessageSize = 16 * 1_048_576

    public struct ServerExited: Error, CustomStringConvertible {
        public let end: ProcessEnd
        public var description: String { "the server \(end)" }
    }

    /// `environment` is the server's whole environment (`ServerConfiguration.childEnvironment`
    /// keeps the person's keys out of it); stderr is appended to `logFile`.
    public init(command: String, arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
                workingDirectory: String? = nil,
                logFile: URL, shutdownGrace: Double = 1, logger: Logger = ConnectorLog.silent) {
        self.command = command
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.logFile = logFile
        self.grace = shutdownGrace
        self.logger = logger
        (messages, sink) = AsyncThrowingStream.makeStream(of: Data.self)
    }

    func setCloseHandler(_ handler: @escaping @Sendable (String) -> Void) { closing.handler = handler }

    public func connect() async throws {
        guard process == nil else { return }
        let (sink, closing, answers) = (self.sink, self.closing, self.answers)
        process = try ChildProcess(
            command: command, arguments: arguments, environment: environment, workingDirectory: workingDirectory,
            logFile: logFile, maximumLine: Self.maximumMessageSize,
            onLine: { line in
                if MessageShape.looksLikeJSON(line) { answers.pass(line, to: sink) } else {
                    closing.close(sink, reason: "sent a message that is not JSON: \(String(decoding: line.prefix(200), as: UTF8.self))")
                }
            },
            onExit: { closing.close(sink, reason: "\($0)", error: ServerExited(end: $0)) })
        if let process, closing.isClosed { process.signalGroup(SIGKILL) }
    }

    /// Closes the server's input, then terminates it if it lingers (`shutdownGrace`
    /// after each step); always reaps it before returning.
    public func disconnect() async {
        if stopping == nil, let process {
            self.process = nil
            let grace = self.grace
            stopping = Task {
                await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                    DispatchQueue.global().async {
                        process.terminate(grace: grace)
                        done.resume()
                    }
                }
            }
        }
        await stopping?.value
        closing.close(sink, reason: "was disconnected")
    }

    public func send(_ data: Data) async throws {
        guard let process else { throw MCPError.transportError(ServerExited(end: ProcessEnd(status: nil, reason: "is not running"))) }
        var line = data
        line.append(0x0A)
        try process.write(line)
    }

    public nonisolated func receive() -> AsyncThrowingStream<Data, any Error> {
        messages
    }

    public nonisolated var messageStream: AsyncThrowingStream<Data, any Error> { messages }

    /// The server's process id, while it runs (for tests and `mcp inspect`).
    public var processIdentifier: Int32? { process?.pid }
}
