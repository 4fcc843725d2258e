import Foundation
import GRDB
import Testing
import TestSupport
@testable import ChatStore
import ConversationModel

@Suite struct CrashSafetyTests {
    let folder = TemporaryDirectory()

    /// A child process commits messages as fast as it can; we kill -9 it mid-stream.
    /// Everything it reported committed must be there, and the file must be sound.
    @Test(.timeLimit(.minutes(2))) func killNineLosesNothingCommitted() throws {
        let child = Process()
        child.executableURL = BuiltBinary.chattui
        child.arguments = ["seed", folder.url.path, "--messages", "1000000", "--progress"]
        let output = Pipe()
        child.standardOutput = output
        try child.run()
        defer { if child.isRunning { kill(child.processIdentifier, SIGKILL) } }

        var reported = 0
        var pending = ""
        while reported < 300 {
            let data = output.fileHandleForReading.availableData
            guard !data.isEmpty else { break }
            pending += String(decoding: data, as: UTF8.self)
            let lines = pending.split(separator: "\n", omittingEmptySubsequences: false)
            pending = String(lines.last ?? "")
            if let last = lines.dropLast().last(where: { $0.hasPrefix("committed ") }), let count = Int(last.dropFirst(10)) { reported = count }
        }
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        #expect(child.terminationReason == .uncaughtSignal)
        #expect(reported >= 300)

        let store = try ConversationStore(directory: folder.url)
        let conversation = try #require(try store.mostRecentConversation())
        #expect(try store.messageCount(in: conversation.id) >= reported)
        let queue = try DatabaseQueue(path: store.path)
        #expect(try queue.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
        let orphans = try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM message m WHERE NOT EXISTS (SELECT 1 FROM block b WHERE b.messageId = m.id)") }
        #expect(orphans == 0)
    }
}
