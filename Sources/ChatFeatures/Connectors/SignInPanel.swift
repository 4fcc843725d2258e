import TerminalUI

/// Signing in to a connector: the URL to open, and a field for pasting where the browser landed.
public struct SignInPanel: Equatable, Sendable {
    enum Status: Equatable, Sendable {
        case starting
        case waiting(url: String, port: Int)
        case failed(String)
        case finishing
    }

    var connector: String
    var status: Status = .starting
    var paste = TextField()
}
