import ChatFeatures
import Foundation
import MCPClient
import Synchronization

/// Sign-in attempts in progress, by connector.
public final class SignInDesk: Sendable {
    struct Attempt: @unchecked Sendable {
        let listener: LoopbackListener
        /// Resumed by the listener or by a pasted address, whichever comes first.
        var answer: FirstAnswer?
    }

    let attempts = Mutex<[String: Attempt]>([:])

    /// The redirect: from the browser through the listener, or pasted into the card.
    func redirect(for name: String, listener: LoopbackListener) async -> String? {
        await withCheckedContinuation { continuation in
            let first = FirstAnswer(continuation)
            attempts.withLock { $0[name]?.answer = first }
            Task { first.deliver(await listener.waitForRedirect(timeout: .seconds(300))) }
        }
    }

    func paste(_ name: String, _ text: String) {
        attempts.withLock { $0[name]?.answer }?.deliver(text)
    }

    private let cancelled = Mutex<Set<String>>([])

    func cancel(_ name: String) {
        cancelled.withLock { _ = $0.insert(name) }
        attempts.withLock { $0.removeValue(forKey: name) }?.answer?.deliver(nil)
    }

    /// Whether the person cancelled this connector's sign-in (and forgets that they did).
    func wasCancelled(_ name: String) -> Bool {
        cancelled.withLock { $0.remove(name) != nil }
    }
}

/// OAuth sign-in from the interface: the card shows the URL, the browser comes back to
/// 127.0.0.1, or the person pastes the address (or code); tokens go to 0600 files.
extension ChatSession {
    /// Where the browser comes back to when a connector names no port of its own.
    public static let defaultRedirectPort = 33418

    var tokenStore: TokenStore { TokenStore(directory: logDirectory.deletingLastPathComponent().appendingPathComponent("auth")) }

    func signIn(_ name: String) {
        let post = self.post
        guard let configuration = runnableConfiguration(name) else { return }
        guard let url = configuration.remoteURL else {
            post(.signInFailed(name, "\(name) is a local connector; only remote connectors sign in."))
            return
        }
        let desk = signIns
        _ = desk.wasCancelled(name)
        Task {
            let flow = OAuthFlow(resourceURL: url)
            do {
                let listener: LoopbackListener
                do {
                    listener = try LoopbackListener(port: configuration.oauth?.redirectPort ?? Self.defaultRedirectPort)
                } catch let error as LoopbackListener.Failed {
                    throw SignInError.needsClient(error.description)
                }
                let credentials = try await flow.signIn(
                    previous: tokenStore.load(name), redirectURI: "http://127.0.0.1:\(listener.port)/callback",
                    client: setup.signInClient(for: configuration),
                    started: { pending in
                        desk.attempts.withLock { $0[name] = SignInDesk.Attempt(listener: listener) }
                        post(.signInStarted(name, url: pending.authorizationURL.absoluteString, port: listener.port))
                        LinkOpener.openBrowser(pending.authorizationURL)
                    },
                    redirect: { await desk.redirect(for: name, listener: listener) })
                guard desk.attempts.withLock({ $0.removeValue(forKey: name) }) != nil else { return }
                try tokenStore.save(credentials, for: name)
                post(.signInFinished(name))
                await manager.reconnect(name)
            } catch {
                // A sign-in the person cancelled ends quietly.
                guard !desk.wasCancelled(name) else { return }
                desk.attempts.withLock { _ = $0.removeValue(forKey: name) }
                post(.signInFailed(name, (error as? SignInError)?.description ?? "Could not keep the sign-in: \(error)"))
            }
        }
    }

    /// The address the person landed on (or the code), pasted into the card.
    func pasteSignIn(_ name: String, _ text: String) {
        signIns.paste(name, text)
    }

    func cancelSignIn(_ name: String) {
        signIns.cancel(name)
    }

    /// Stops a connector and forgets its sign-in: it starts again when something uses it, or with `r`.
    func disconnect(_ name: String) {
        tokenStore.delete(name)
        let manager = self.manager
        Task { await manager.disconnect(name) }
    }
}
