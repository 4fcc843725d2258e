import Foundation
import Testing
import TestSupport
@testable import MCPClient

/// One watcher serves every request of a connection: a deadline earlier than the
/// one it sleeps toward must still fire on time, and a removed one never.
@Suite struct DeadlinesTests {
    @Test func anEarlierDeadlineFiresFirstAndARemovedOneNever() async throws {
        let deadlines = Deadlines()
        let fired = Recorder()
        let late = deadlines.add(after: .seconds(3600)) { fired.record("late") }
        _ = deadlines.add(after: .milliseconds(50)) { fired.record("early") }
        let removed = deadlines.add(after: .milliseconds(60)) { fired.record("removed") }
        #expect(deadlines.remove(removed))
        try await waitFor { fired.lines == ["early"] }
        try await Task.sleep(for: .milliseconds(100))
        #expect(fired.lines == ["early"])
        #expect(deadlines.remove(late), "the late deadline is still pending")
    }

    @Test func anExpiredDeadlineCannotBeRemoved() async throws {
        let deadlines = Deadlines()
        let fired = Recorder()
        let ticket = deadlines.add(after: .milliseconds(10)) { fired.record("expired") }
        try await waitFor { fired.lines == ["expired"] }
        #expect(!deadlines.remove(ticket))
    }
}
