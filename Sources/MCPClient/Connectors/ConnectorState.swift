import Foundation
import MCP
import TerminalText

/// What a connector offers once ready.
public struct ConnectorOffer: Sendable {
    public var snapshot: ServerSnapshot
    public var tools: [Tool] { snapshot.tools }
}

/// A connector's state, as the interface shows it.
public enum ConnectorState: Sendable, CustomStringConvertible {
    case connecting
    case ready(ConnectorOffer)
    case needsSignIn
    /// A one-line reason and where the connector's log is.
    case failed(reason: String, logFile: String)
    case reconnecting(attempt: Int, delay: Duration, reason: String)
    /// Stopped on purpose (disconnected, or removed): not a failure; it starts again when asked to.
    case stopped

    public var isReady: Bool { if case .ready = self { return true } else { return false } }

    public var description: String {
        switch self {
        case .connecting: return "connecting"
        case .ready(let offer):
            return "ready (\(counted(offer.tools.count, "tool")))"
        case .needsSignIn: return "needs sign-in"
        case .failed(let reason, let logFile): return "failed: \(reason) (log: \(logFile))"
        case .reconnecting(let attempt, let delay, let reason):
            return "reconnecting in \(delay.formatted()) (attempt \(attempt)): \(reason)"
        case .stopped: return "disconnected"
        }
    }
}

/// The wait before reconnect attempt `attempt` (0-based): 1 s, growing 1.5x, at most 30 s.
public enum Backoff {
    /// Retries after a drop or a transient failure before the connector is failed (about 50 s of trying).
    public static let maximumAttempts = 8

    public static func delay(attempt: Int) -> Duration {
        let seconds = min(30, pow(1.5, Double(max(0, attempt))))
        return .milliseconds(Int((seconds * 1000).rounded()))
    }
}
