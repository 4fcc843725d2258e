import LiveSession
import TerminalBackend
import ChatFeatures
import ArgumentParser
import Foundation
import Glibc
import ChatStore
import ConversationModel
import TerminalUI
import TerminalText

/// Fills a database with a long conversation, for benchmarks and tests.
struct SeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "seed", abstract: "Create a long sample conversation.", shouldDisplay: false)

    /// Positional, so it does not collide with the interface's own `--data-dir`.
    @Argument var dataDirectory: String
    @Option var messages = 10_000
    /// Print a line after each commit, for the crash-safety test that kills this process.
    @Flag var progress = false
    /// Then a tool result and an answer that are each one line of this many bytes.
    @Option var hugeLine = 0

    func run() throws {
        let store = try ConversationStore(directory: URL(fileURLWithPath: dataDirectory))
        let conversation = try store.createConversation(title: "Benchmark conversation")
        for index in 0..<messages {
            if index % 2 == 0 {
                try store.appendMessage(to: conversation.id, role: .user, blocks: [.text("Question \(index): how do I read the file 日本語.txt in Swift? 🙂")])
            } else {
                try store.appendMessage(to: conversation.id, role: .assistant, blocks: [.text(Self.sampleAnswer(index))])
            }
            if progress { FileHandle.standardOutput.write(Data("committed \(index + 1)\n".utf8)) }
        }
        if hugeLine > 0 { try Self.appendHugeLines(hugeLine, to: conversation.id, in: store) }
        try store.renameConversation(conversation.id, to: "Benchmark conversation (\(counted(messages, "message")))")
    }

    /// A dump tool's one-line result and an answer quoting it, each `bytes` long (ASCII, no spaces).
    static func appendHugeLines(_ bytes: Int, to conversation: ConversationID, in store: ConversationStore) throws {
        let line = String(repeating: "0123456789abcdef", count: bytes / 16 + 1).prefix(bytes)
        let presentation = ToolPresentation(tool: "files__dump", connector: "files", title: "dump", arguments: .object([:]), isReadOnly: true)
        try store.appendMessage(to: conversation, role: .tool, blocks: [
            TurnHistory.resultBlock(ToolResult(callID: "seed", content: "start " + line, isError: false, presentation: presentation)),
        ])
        try store.appendMessage(to: conversation, role: .assistant, blocks: [.text("answer " + line)])
    }

    static func sampleAnswer(_ index: Int) -> String {
        """
        ## Answer \(index)

        Use **FileManager** or `String(contentsOfFile:)`; *both* work. See [the docs](https://swift.org/documentation/).

        ```swift
        let text = try String(contentsOfFile: "日本語.txt", encoding: .utf8)
        ```

        | Option | Speed |
        |:-------|------:|
        | String | fast  |
        | Data   | faster |

        - first point
        - second point with more words to wrap around the edge of a narrow terminal window
        """
    }
}

/// Measures keystroke-to-flushed-frame in a real terminal: each synthetic
/// key goes through the same reduce, effects (the draft is saved to SQLite),
/// render and ncurses flush as a typed one.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-keystrokes", abstract: "Time keystrokes to flushed frames.", shouldDisplay: false)

    @Argument var dataDirectory: String
    @Option var count = 2000
    @Option var report: String

    func run() throws {
        let app = try App(options: App.Options(composition: Composition(dataDirectory: dataDirectory), themeOverride: nil, allowColor: true))
        app.renderFrame()
        let keys: [InputEvent] = [
            .key(.char("h")), .key(.char("é")), .key(.char("日")), .key(.char("🙂")), .key(KeyEvent(.left)),
            .key(KeyEvent(.right)), .key(KeyEvent(.backspace)), .key(KeyEvent(.backspace)), .key(KeyEvent(.pageUp)),
            .key(KeyEvent(.pageDown)), .key(.char(" ")), .key(.ctrl("a")), .key(.ctrl("e")),
        ]
        var samples: [Double] = []
        samples.reserveCapacity(count)
        for index in 0..<count {
            let start = Self.now()
            app.dispatch(.input(keys[index % keys.count]))
            app.renderFrame()
            samples.append(Self.now() - start)
        }
        app.dispatch(.quitRequested)
        samples.sort()
        func percentile(_ p: Double) -> Double { samples[min(samples.count - 1, Int(Double(samples.count) * p))] }
        let text = String(format: "keystrokes=%d p50_ms=%.3f p99_ms=%.3f max_ms=%.3f messages_loaded=%d\n",
                          count, percentile(0.5), percentile(0.99), samples.last ?? 0, app.state.transcript.messages.count)
        try text.write(toFile: report, atomically: true, encoding: .utf8)
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) * 1000 + Double(time.tv_nsec) / 1_000_000
    }
}

/// Measures a streamed answer in a real terminal: a turn of `--tokens` text
/// deltas from a local server speaking the Anthropic stream format, ingested,
/// coalesced and drawn with the conversation in `DIR` open.
struct StreamBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-stream", abstract: "Time a streamed answer.", shouldDisplay: false)

    @Argument var dataDirectory: String
    @Option var tokens = 20_000
    @Option var report: String

    func run() throws {
        let app = try App(options: App.Options(composition: Composition(dataDirectory: dataDirectory), themeOverride: nil, allowColor: true))
        var started: Double?
        var cpuBefore = 0.0
        var framesBefore = 0
        var deltas = 0
        app.onTurnEvent = { event in
            guard case .textDelta = event else { return }
            deltas += 1
            if started == nil {
                started = BenchCommand.now()
                cpuBefore = MCPBenchCommand.cpuMilliseconds()
                framesBefore = app.framesDrawn
            }
        }
        app.renderFrame()
        for character in "go" { app.dispatch(.input(.key(.char(character)))) }
        app.dispatch(.input(.key(KeyEvent(.enter))))
        var sawTurn = false
        app.run { state in
            if state.turn != nil { sawTurn = true }
            return sawTurn && state.turn == nil
        }
        let seconds = (BenchCommand.now() - (started ?? BenchCommand.now())) / 1000
        let cpuSeconds = (MCPBenchCommand.cpuMilliseconds() - cpuBefore) / 1000
        let frames = app.framesDrawn - framesBefore
        let text = String(format: "deltas=%d wall_s=%.3f cpu_s=%.3f tokens_per_cpu_second=%.0f frames=%d frames_per_second=%.1f messages_loaded=%d%@\n",
                          deltas, seconds, cpuSeconds, Double(deltas) / max(cpuSeconds, 0.000_001), frames, Double(frames) / max(seconds, 0.000_001),
                          app.state.transcript.messages.count, app.state.flash.map { " note=\($0.text)" } ?? "")
        app.dispatch(.quitRequested)
        try text.write(toFile: report, atomically: true, encoding: .utf8)
    }
}

/// Times laying out a one-line tool result and a one-line answer of `--bytes` each, as a
/// conversation holding them is opened (nothing cached), at the width of a 120-column terminal.
struct LayoutBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-layout", abstract: "Time the layout of huge lines.", shouldDisplay: false)

    @Argument var dataDirectory: String
    @Option var bytes = 1 << 20
    @Option var runs = 5

    func run() throws {
        let store = try ConversationStore(directory: URL(fileURLWithPath: dataDirectory))
        let conversation = try store.createConversation(title: "Layout benchmark")
        try SeedCommand.appendHugeLines(bytes, to: conversation.id, in: store)
        let messages = try store.messages(in: conversation.id)
        var samples: [Double] = []
        var lines = 0
        for _ in 0..<runs {
            let layout = TranscriptLayout()
            let start = BenchCommand.now()
            lines = messages.reduce(0) { $0 + layout.lines(for: $1, width: 120).count }
            samples.append(BenchCommand.now() - start)
        }
        samples.sort()
        print(String(format: "layout_one_line bytes=%d median_ms=%.1f max_ms=%.1f lines=%d (a result card and an answer)",
                     bytes, samples[samples.count / 2], samples.last ?? 0, lines))
    }
}
