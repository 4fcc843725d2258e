import LiveSession
import TerminalBackend
import ChatFeatures
import ArgumentParser
import Foundation
import Glibc
import MCPClient

/// `chattui mcp login NAME` and `chattui mcp logout NAME`: OAuth sign-in from the shell, over SSH too.
extension MCPCommand {
    struct Login: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign in to a connector (OAuth).",
            discussion: """
                Prints the sign-in URL and opens a browser when there is a display. The browser comes back to \
                127.0.0.1; over SSH, open the URL anywhere and paste the address you land on (or just the code) here.
                """)

        @Argument var name: String
        @Flag(name: .customLong("no-browser"), help: "Only print the URL.") var noBrowser = false
        @Option(help: "The loopback port for the redirect (default 33418, or the connector's oauth.redirectPort).") var port: Int?

        func run() async throws {
            let context = Context()
            let connector = try context.runnable(named: name)
            guard let url = connector.remoteURL else { throw CommandFailure("\(name) is a local (stdio) connector; only remote connectors sign in.") }
            let flow = OAuthFlow(resourceURL: url)
            let store = TokenStore(directory: context.authDirectory)
            do {
                let listener = try LoopbackListener(port: port ?? connector.oauth?.redirectPort ?? ChatSession.defaultRedirectPort)
                let noBrowser = self.noBrowser
                let name = self.name
                let credentials = try await flow.signIn(
                    previous: store.load(name), redirectURI: "http://127.0.0.1:\(listener.port)/callback",
                    client: ModelSetup.load(configDirectory: context.composition.paths.config, environment: context.composition.environment)
                        .signInClient(for: connector),
                    started: { pending in
                        CommandLineText.printLines("Open this address to sign in to \(name):\n\n  \(pending.authorizationURL.absoluteString)\n", toError: false)
                        if !noBrowser { LinkOpener.openBrowser(pending.authorizationURL) }
                        CommandLineText.print("Waiting for the browser on 127.0.0.1:\(listener.port), or paste the address you landed on (or the code) and press Enter:")
                    },
                    redirect: { await Self.firstAnswer(listener: listener) })
                try store.save(credentials, for: name)
                CommandLineText.print("Signed in to \(name).")
            } catch let error as SignInError {
                throw CommandFailure(error.description)
            } catch let error as LoopbackListener.Failed {
                throw CommandFailure(error.description)
            }
        }

        /// The redirect the listener receives, or a line pasted on stdin, whichever comes first (five minutes at most).
        /// Neither waiter can be cancelled, so the first answer resumes and the other is left to end with the process.
        static func firstAnswer(listener: LoopbackListener) async -> String? {
            await withCheckedContinuation { continuation in
                let first = FirstAnswer(continuation)
                Task { first.deliver(await listener.waitForRedirect(timeout: .seconds(300))) }
                let reader = Thread {
                    // EOF (no terminal, nothing pasted) leaves the listener to answer.
                    if let line = readLine(), !line.trimmingCharacters(in: .whitespaces).isEmpty { first.deliver(line) }
                }
                reader.start()
            }
        }
    }

    struct Logout: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Forget a connector's sign-in (its tokens).")
        @Argument var name: String

        func run() async throws {
            let context = Context()
            CommandLineText.print(TokenStore(directory: context.authDirectory).delete(name) ? "Signed out of \(name)." : "\(name) was not signed in.")
        }
    }
}
