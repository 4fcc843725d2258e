import Foundation
import Testing
import TestSupport

/// How answers and results are laid out, in the real binary.
@Suite(.serialized) struct LayoutEndToEndTests {
    /// No connectors: these tests are about the transcript alone.
    static func noConnectors(_ folder: URL) throws {
        let config = folder.appendingPathComponent("config/chattui")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try #"{"mcpServers": {}}"#.write(to: config.appendingPathComponent("connectors.json"), atomically: true, encoding: .utf8)
    }

    /// The screen's lines without the margin and trailing blanks.
    static func trimmedLines(_ screen: String) -> [String] {
        screen.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    @Test(.timeLimit(.minutes(2))) func singleLineBreaksInAnAnswerStayBreaks() throws {
        let folder = TemporaryDirectory()
        let model = try TurnEndToEndTests.model(["anthropic_lines"], folder: folder)
        let session = try TmuxSession(answeredBy: model, prepare: Self.noConnectors)
        try session.waitFor("the model in the header") { $0.contains("anthropic/claude-sonnet-4-5") }
        try session.type("Count to three, one number per line")
        try session.send("Enter")
        let screen = try session.waitFor("and that is all.")
        let lines = Self.trimmedLines(screen)
        guard let first = lines.firstIndex(of: "One number per line:") else {
            Issue.record("the answer's first line is not a line of its own:\n\(screen)")
            return
        }
        #expect(Array(lines[first...].prefix(5)) == ["One number per line:", "1", "2", "3", "and that is all."], "\(screen)")
    }

    /// A conversation holding a 1 MB one-line tool result and answer opens, shows each line cut
    /// with how much was left out, and takes keys at once.
    @Test(.timeLimit(.minutes(2))) func aHugeOneLineResultIsCutAndKeysStillEcho() throws {
        let session = try TmuxSession { folder in
            try Self.noConnectors(folder)
            let seeded = try Spawn.run([BuiltBinary.chattui.path, "seed", folder.appendingPathComponent("data").path,
                                        "--messages", "1", "--huge-line", "1000000"])
            #expect(seeded.status == 0, "\(seeded.output)")
        }
        try session.waitFor("the answer's line cut, with what was left out") { $0.contains("… 996007 more characters") }
        try session.type("still here")
        try session.waitFor("the typed keys in the composer") { $0.contains("still here") }
        try session.send("C-Home")
        try session.waitFor("the result's card, collapsed") { $0.contains("files · dump") && $0.contains("more lines · Enter expands") }
    }
}
