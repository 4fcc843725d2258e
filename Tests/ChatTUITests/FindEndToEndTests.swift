import Foundation
import Testing
import TestSupport

/// `/find` (Ctrl-F) in the real binary on a seeded conversation.
@Suite(.serialized) struct FindEndToEndTests {
    /// A match in the last message scrolls no further than the end: no blank rows under it, no
    /// "more below" while the bar is open or after Esc.
    @Test(.timeLimit(.minutes(2))) func aMatchInTheLastMessageStopsAtTheEnd() throws {
        let session = try TmuxSession { folder in
            try LayoutEndToEndTests.noConnectors(folder)
            let seeded = try Spawn.run([BuiltBinary.chattui.path, "seed", folder.appendingPathComponent("data").path, "--messages", "40"])
            #expect(seeded.status == 0, "\(seeded.output)")
        }
        try session.waitFor("the seeded conversation at its end") { $0.contains("Benchmark conv") && WalkthroughTests.atTheEnd($0) }
        try session.send("C-f")
        try session.type("Answer 39")
        let found = try session.waitFor("the match in the last message") { $0.contains("Find: Answer 39") && $0.contains("1 of 1") }
        #expect(WalkthroughTests.atTheEnd(found) && !found.contains("more below"), "\(found)")
        try session.send("Escape")
        let closed = try session.waitFor("the bar closed") { !$0.contains("Find: Answer 39") }
        #expect(WalkthroughTests.atTheEnd(closed) && !closed.contains("more below"), "\(closed)")
    }
}
