import Foundation
import Testing
import TestSupport

/// The real binary under random keys (the reducer's own monkey test is in ChatFeaturesTests).
@Suite struct MonkeyEndToEndTests {
    static var seed: UInt64 {
        ProcessInfo.processInfo.environment["MONKEY_SEED"].flatMap(UInt64.init) ?? UInt64(Date().timeIntervalSince1970 * 1000)
    }

    /// The real binary with the built-ins running, under tmux key names, resizes and pastes:
    /// then chattui must still be alive and drawing.
    @Test(.timeLimit(.minutes(3))) func theRealBinarySurvivesRandomKeysAndResizes() throws {
        let seed = Self.seed
        print("MonkeyTests (tmux) seed: \(seed)")
        var random = SplitMix(state: seed)
        let session = try TmuxSession()
        try session.waitFor("the first frame") { $0.contains("Type a message") }
        let names = ["Enter", "Escape", "Tab", "BTab", "Up", "Down", "Left", "Right", "PageUp", "PageDown", "Home", "End", "BSpace", "Space",
                     "C-o", "C-t", "C-f", "C-r", "C-d", "C-k", "C-u", "C-w", "C-y", "C-a", "C-e", "C-s", "C-g", "C-j", "M-Enter",
                     "a", "n", "s", "t", "y", "b", "c", "i", "x", "/", "@", "q", "1", "日"]
        for step in 0..<400 {
            switch Int.random(in: 0..<20, using: &random) {
            case 0: try session.tmux(["resize-window", "-t", "main", "-x", "\(Int.random(in: 30...120, using: &random))", "-y", "\(Int.random(in: 8...40, using: &random))"])
            case 1: try session.type("/conn")
            default:
                var key = names.randomElement(using: &random)!
                // Quitting ends the run early; it is tested elsewhere.
                if key == "C-d" || key == "C-c" { key = "Escape" }
                try session.send(key)
            }
            if step % 50 == 0 { Thread.sleep(forTimeInterval: 0.2) }
        }
        try session.tmux(["resize-window", "-t", "main", "-x", "100", "-y", "30"])
        try session.send("Escape")
        try session.send("Escape")
        Thread.sleep(forTimeInterval: 1)
        let screen = try session.screen()
        #expect(!screen.contains("[chattui exited"), "seed \(seed): chattui died:\n\(screen)")
        #expect(session.chattuiPID != nil, "seed \(seed): no chattui process")
        #expect(screen.contains("connector"), "seed \(seed): the header is gone:\n\(screen)")
    }
}
