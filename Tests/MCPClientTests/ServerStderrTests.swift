import Foundation
import Testing
import TestSupport
@testable import MCPClient

/// A server's stderr reaches its log sanitised, and its last line says why it stopped.
@Suite struct ServerStderrTests {
    @Test(.timeLimit(.minutes(1))) func stderrIsSanitisedIntoTheLogAndItsLastLineExplainsAnExit() async throws {
        let folder = TemporaryDirectory()
        let script = #"read request; printf 'hello\033]0;PWNED\007 \033]52;c;cHduZWQ=\007there\n' >&2; echo 'Files does not serve / unless you name it' >&2; exit 3"#
        let manager = ConnectorManager(configurations: [
            ServerConfiguration(name: "noisy", transport: .stdio(command: "/bin/sh", arguments: ["-c", script], environment: [:], workingDirectory: nil)),
        ], logDirectory: folder.url)
        await manager.start()
        let state = await manager.settled()["noisy"]
        await manager.shutdown()
        guard case .failed(let reason, _)? = state else { Issue.record("not failed: \(String(describing: state))"); return }
        #expect(reason.contains("exited with status 3: Files does not serve / unless you name it"), "\(reason)")
        let log = try Data(contentsOf: await manager.logFile(of: "noisy"))
        #expect(!log.contains(0x1B) && !log.contains(0x07), "no escape reaches the log")
        #expect(String(decoding: log, as: UTF8.self).contains("hello there"))
    }
}
