import Foundation
import MCPClient
import Synchronization

/// Sign-in attempts in progress, by connector.
final class SignInDesk: Sendable {
    struct Attempt: @unchecked Sendable {
        let flow: OAuthFlow
        let pending: OAuthFlow.Pending
        let listener: LoopbackListener
    }

    let attempts = Mutex<[String: Attempt]>([:])
}

/// OAuth sign-in from the interface: the card shows the URL, the browser comes back to
/// 127.0.0.1, or the person pastes the address (or code); tokens go to 0600 files.
extension ChatSession {
    var tokenStore: TokenStore { TokenStore(directory: logDirectory.deletingLastPathComponent().appendingPathComponent("auth")) }

    func signIn(_ name: String) {
        let post = self.post
        guard let configuration = configurations[name] else { return }
        let url: URL
        switch configuration.transport {
        case .http(let address, _), .sse(let address, _): url = address
        case .stdio:
            post(.signInFailed(name, "\(name) is a local connector; only remote connectors sign in."))
            return
        }
        let desk = signIns
        Task {
            let flow = OAuthFlow(resourceURL: url)
            do {
                let server = try await flow.discover()
                let listener: LoopbackListener
                do {
                    listener = try LoopbackListener(port: configuration.oauth?.redirectPort ?? MCPCommand.defaultRedirectPort)
                } catch let error as LoopbackListener.Failed {
                    throw SignInError.needsClient(error.description)
                }
                let pending = try await flow.begin(server, redirectURI: "http://127.0.0.1:\(listener.port)/callback",
                                                   clientID: configuration.oauth?.clientID, clientSecret: configuration.oauth?.clientSecret,
                                                   authMethod: configuration.oauth?.tokenEndpointAuthMethod)
                desk.attempts.withLock { $0[name] = SignInDesk.Attempt(flow: flow, pending: pending, listener: listener) }
                post(.signInStarted(name, url: pending.authorizationURL.absoluteString, port: listener.port))
                Self.openBrowser(pending.authorizationURL)
                if let redirect = await listener.waitForRedirect(timeout: .seconds(300)) {
                    await completeSignIn(name, redirect: redirect)
                } else if desk.attempts.withLock({ $0.removeValue(forKey: name) }) != nil {
                    post(.signInFailed(name, "No sign-in arrived within five minutes. Try again with s."))
                }
            } catch let error as SignInError {
                post(.signInFailed(name, error.description))
            } catch {
                post(.signInFailed(name, "\(error)"))
            }
        }
    }

    /// The address the person landed on (or the code), pasted into the card.
    func pasteSignIn(_ name: String, _ text: String) {
        Task { await completeSignIn(name, redirect: text) }
    }

    private func completeSignIn(_ name: String, redirect: String) async {
        guard let attempt = signIns.attempts.withLock({ $0.removeValue(forKey: name) }) else { return }
        do {
            let credentials = try await attempt.flow.finish(attempt.pending, redirect: redirect)
            try tokenStore.save(credentials, for: name)
            post(.signInFinished(name))
            await manager.reconnect(name)
        } catch let error as SignInError {
            post(.signInFailed(name, error.description))
        } catch {
            post(.signInFailed(name, "Could not keep the sign-in: \(error)"))
        }
    }

    func cancelSignIn(_ name: String) {
        signIns.attempts.withLock { _ = $0.removeValue(forKey: name) }
    }

    /// Forgets a connector's tokens and connects again without them.
    func disconnect(_ name: String) {
        tokenStore.delete(name)
        reconnect(name)
    }

    /// `xdg-open` when there is a display; over SSH the card's URL is the way.
    static func openBrowser(_ url: URL) {
        let environment = ProcessInfo.processInfo.environment
        guard environment["DISPLAY"] != nil || environment["WAYLAND_DISPLAY"] != nil,
              FileManager.default.isExecutableFile(atPath: "/usr/bin/xdg-open") else { return }
        _ = try? Process.run(URL(fileURLWithPath: "/usr/bin/xdg-open"), arguments: [url.absoluteString])
    }
}
