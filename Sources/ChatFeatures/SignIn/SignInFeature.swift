import Foundation
import TerminalUI

/// The sign-in card: the address to open, and a field for pasting where the browser landed.
/// It owns only the card; the sign-in itself runs in the session, and whatever the card wants
/// done (cancel it, finish it with a pasted code, copy the link, close) it asks as a `Delegate`.
public enum SignInFeature {
    public struct State: Equatable, Sendable {
        enum Status: Equatable, Sendable {
            case starting
            case waiting(url: String, port: Int)
            case failed(String)
            case finishing
        }

        var connector: String
        var status: Status = .starting
        var paste = TextField()

        init(connector: String) {
            self.connector = connector
        }
    }

    public enum Action: Equatable, Sendable {
        case key(KeyEvent)
        /// Pasted text (the address the browser landed on, over SSH) goes into the paste field, on one line.
        case paste(String)
        /// The session found where to sign in: the address to open, and the port the browser comes back to.
        case started(url: String, port: Int)
        case finished
        case failed(String)
    }

    /// What the card asks of the app, in order.
    public enum Delegate: Equatable, Sendable {
        case close
        /// Stop the sign-in under way.
        case cancel
        case copyLink(String)
        /// Finish the sign-in with the address (or the code) the person pasted.
        case finish(pasted: String)
        case flash(String, isError: Bool)
    }

    static let bindings: [InputMode: [KeyBinding]] = [
        .signIn: [
            KeyBinding(key: .alt(.character("c")), command: .copyLink, hint: "copy URL"),
            KeyBinding(key: KeyEvent(.enter), command: .menuAccept, hint: "use pasted address"),
            KeyBinding(key: KeyEvent(.escape), command: .close, hint: "cancel"),
        ],
    ]

    static func reduce(_ state: inout State, _ action: Action, keymap: Keymap) -> [Delegate] {
        switch action {
        case .key(let key):
            return reduce(&state, key: key, keymap: keymap)
        case .paste(let text):
            state.paste.insert(text.replacingOccurrences(of: "\n", with: ""))
            return []
        case .started(let url, let port):
            state.status = .waiting(url: url, port: port)
            return []
        case .finished:
            return offScreen(.finished, connector: state.connector) + [.close]
        case .failed(let message):
            state.status = .failed(message)
            return []
        }
    }

    /// What news of a sign-in says when its card is not the one on top (closed, or another's): a flash.
    static func offScreen(_ action: Action, connector: String) -> [Delegate] {
        switch action {
        case .finished: return [.flash("Signed in to \(connector).", isError: false)]
        case .failed(let message): return [.flash("\(connector): \(message)", isError: true)]
        case .key, .paste, .started: return []
        }
    }

    private static func reduce(_ state: inout State, key: KeyEvent, keymap: Keymap) -> [Delegate] {
        switch keymap.command(for: key, in: .signIn) {
        case .copyLink:
            guard case .waiting(let url, _) = state.status else { return [] }
            return [.flash("Copied the sign-in URL.", isError: false), .copyLink(url)]
        case .close:
            return [.close, .cancel]
        case .menuAccept:
            let text = state.paste.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty, case .waiting = state.status else { return [] }
            state.status = .finishing
            return [.finish(pasted: text)]
        default:
            _ = state.paste.handle(key, keymap: keymap, mode: .prompt)
            return []
        }
    }
}
