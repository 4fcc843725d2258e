import ConnectorMenu
import ConversationModel
import Foundation
import Testing
import TestSupport
import TerminalText
@testable import ChatFeatures
@testable import TerminalUI

/// Thousands of keys from the keymap, and the things a running session sends, in a seeded random
/// order across every screen: nothing may crash, and every frame must fit the terminal. The seed is
/// printed; `MONKEY_SEED=N` replays a run.
@Suite struct MonkeyTests {
    static var seed: UInt64 {
        ProcessInfo.processInfo.environment["MONKEY_SEED"].flatMap(UInt64.init) ?? UInt64(Date().timeIntervalSince1970 * 1000)
    }

    /// Every key the keymap binds in any mode, plus what a person types besides.
    static let keys: [KeyEvent] = {
        let bound = Keymap.standard.bindings.values.flatMap { $0.map(\.key) }
        let typed: [KeyEvent] = ["a", "y", "n", "t", "/", "@", " ", "日", "🙂", "é", "1"].map { .char(Character($0)) }
        let special: [KeyEvent] = [KeyEvent(.enter), KeyEvent(.escape), KeyEvent(.tab), KeyEvent(.backTab), KeyEvent(.up), KeyEvent(.down),
                                   KeyEvent(.left), KeyEvent(.right), KeyEvent(.pageUp), KeyEvent(.pageDown), KeyEvent(.backspace)]
        return bound + typed + special
    }()

    static let tool = CatalogTool(definition: ToolDefinition(name: "peer__wipe", description: "Wipes", inputSchema: .object([
        "type": .string("object"), "properties": .object(["path": .object(["type": .string("string")])]),
    ])), connector: "peer", title: "Wipe", isReadOnly: false, isDestructive: true, tokenCost: 10)

    static func connector(_ name: String, _ health: ConnectorHealth, source: ConnectorInfo.Source = .yours) -> ConnectorInfo {
        var info = ConnectorInfo(name: name, transport: health == .needsSignIn ? "http" : "stdio", address: "\(name)-server")
        info.health = health
        info.source = source
        info.reason = health == .ready ? nil : "reason for \(name) 日本"
        if health == .ready {
            info.tools = [.init(id: "\(name)__read", title: "Read", effect: .reads, tokens: 30, hiddenFromModel: false),
                          .init(id: "\(name)__wipe", title: "Wipe", effect: .destroys, tokens: 40, hiddenFromModel: false)]
        }
        return info
    }

    /// What a running session may send at any moment.
    static func event(_ random: inout SplitMix, step: Int) -> Action {
        switch Int.random(in: 0..<6, using: &random) {
        case 0: return .input(.resize(width: Int.random(in: 20...140, using: &random), height: Int.random(in: 6...50, using: &random)))
        case 1: return .approvalNeeded(ApprovalRequest(call: ToolCall(id: "c\(step)", name: tool.id, arguments: .object(["path": .string("/tmp")])), tool: tool))
        case 2: return .elicitationNeeded(ElicitationRequest(id: "e\(step)", connector: "peer", message: "Which one?",
                                                             schema: .object(["type": .string("object"), "properties": .object(["pick": .object(["type": .string("string"), "enum": .array([.string("a"), .string("b")])])])])))
        case 3: return .connectorChanged(connector(["peer", "tasks", "web", "proj"][step % 4],
                                                   [.ready, .failed, .needsSignIn, .notApproved, .blocked, .starting][step % 6]))
        case 4: return .connectorRemoved(["peer", "web", "proj"][step % 3])
        default: return .input(.paste("pasted 日本 text\nsecond line"))
        }
    }

    @Test func thousandsOfRandomKeysNeverCrashAndEveryFrameFits() throws {
        let seed = Self.seed
        print("MonkeyTests seed: \(seed) (MONKEY_SEED=\(seed) replays it)")
        var random = SplitMix(state: seed)
        var harness = Harness(width: 100, height: 30, messages: [Fixtures.message(1, .user, "Hello"), Fixtures.message(2, .assistant, Fixtures.assistantMarkdown)],
                              modelName: "anthropic/claude-sonnet-4-5")
        for info in [Self.connector("peer", .ready), Self.connector("tasks", .ready, source: .builtin), Self.connector("web", .needsSignIn),
                     Self.connector("proj", .notApproved, source: .thisFolder)] {
            harness.send(.connectorChanged(info))
        }
        let catalogue = try Data(contentsOf: SourceTree.root.appendingPathComponent("catalog/connectors.json"))
        let directory = try ConnectorDirectory.parse(catalogue)
        let clock = ContinuousClock.now
        for step in 0..<4000 {
            if Int.random(in: 0..<10, using: &random) == 0 {
                harness.send(Self.event(&random, step: step))
            } else {
                harness.press(Self.keys.randomElement(using: &random)!)
            }
            // What the run loop and the effect runner would answer.
            harness.send(.questionDrawn(at: clock + .seconds(step)))
            harness.send(.clockAdvanced(to: clock + .seconds(step) + QuestionQueue.grace))
            if case .directory? = harness.state.overlay { harness.send(.directoryLoaded(.success(directory))) }
            if harness.state.isQuitting { harness.state.isQuitting = false }
            _ = harness.takeEffects()
            let screen = harness.screen()
            let lines = screen.textLines()
            try #require(lines.count == harness.state.height && lines.allSatisfy({ DisplayWidth.of($0) <= harness.state.width }),
                         "seed \(seed), step \(step): a frame does not fit \(harness.state.width)×\(harness.state.height):\n\(lines.joined(separator: "\n"))")
        }
    }
}
