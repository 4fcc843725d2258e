@testable import ChatFeatures
import Foundation
import Testing
import TerminalUI

/// Keys are rebound in config.toml by command name, and every hint follows the live keymap.
@Suite struct KeymapEndToEndTests {
    @Test(.timeLimit(.minutes(2))) func aKeyReboundInConfigRunsItsCommandAndHelpShowsIt() throws {
        let session = try TmuxSession(width: 100, height: 30) { data in
            let config = data.appendingPathComponent("config/chattui")
            try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
            try "[keys]\n\"ctrl-n\" = \"task\"\n".write(to: config.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        }
        _ = try session.waitFor("the built-ins on, the footer naming the new key") {
            $0.contains("2 connectors on") && !$0.contains("starting") && $0.contains("Ctrl-N new task")
        }
        try session.type("Buy milk")
        try session.send("C-n")
        _ = try session.waitFor("Ctrl-N: the task form, titled with the message") { $0.contains("New task · tasks") && $0.contains("Buy milk") }
        try session.send("Escape")
        _ = try session.waitFor("Esc cancels, the message kept") { !$0.contains("New task") && $0.contains("› Buy milk") }
        try session.send("C-u")
        try session.type("/help")
        try session.send("Enter")
        _ = try session.waitFor("/help lists the rebound key with its command") {
            $0.contains("/task [title]") && $0.contains("(Ctrl-N, Ctrl-T)")
        }
    }
}

/// `[keys]` as the keymap reads it: names from the registry, problems that say why.
@Suite struct KeymapSettingsTests {
    @Test func aReboundKeyRunsTheCommandAndTakesItsHint() {
        let (keymap, problems) = Keymap.standard.rebinding([.init(layer: "composer", key: "ctrl-n", command: "task")])
        #expect(problems.isEmpty)
        #expect(keymap.command(for: .ctrl("n"), in: .composer) == .task)
        #expect(keymap.command(for: .ctrl("t"), in: .composer) == .task)
        let hints = keymap.hints(for: .composer).filter { $0.command == .task }.map(\.key)
        #expect(hints == ["Ctrl-N"])
        #expect(CommandTable.menuCommands(keymap: keymap).first { $0.name == "task" }?.summary.hasSuffix("(Ctrl-N, Ctrl-T)") == true)
    }

    @Test func noneUnbindsAndALayerIsNamedAsInConfig() {
        let (keymap, problems) = Keymap.standard.rebinding([
            .init(layer: "composer", key: "ctrl-t", command: "none"),
            .init(layer: "connector-details", key: "shift-t", command: "trust"),
            .init(layer: "cards", key: "F2", command: "refresh-card"),
        ])
        #expect(problems.isEmpty)
        #expect(keymap.command(for: .ctrl("t"), in: .composer) == nil)
        #expect(keymap.command(for: .char("T"), in: .connectorDetails) == .trust)
        #expect(keymap.command(for: KeyEvent(.function(2)), in: .cards) == .refreshCard)
        #expect(CommandTable.menuCommands(keymap: keymap).first { $0.name == "task" }?.summary.contains("Ctrl-T") == false)
    }

    @Test func wrongNamesAreRefusedSayingWhy() {
        let (keymap, problems) = Keymap.standard.rebinding([
            .init(layer: "composer", key: "ctrl-t", command: "make-coffee"),
            .init(layer: "nowhere", key: "x", command: "task"),
            .init(layer: "composer", key: "hyper-x", command: "task"),
        ])
        #expect(problems.count == 3)
        #expect(problems[0].contains("no command named “make-coffee”"))
        #expect(problems[1].contains("no such layer"))
        #expect(problems[2].contains("not a key name"))
        // A refused entry changes nothing, not even the key it named.
        #expect(keymap.command(for: .ctrl("t"), in: .composer) == .task)
    }

    @Test func everyCommandHasANameItIsFoundBy() {
        for command in KeyCommand.allCases { #expect(KeyCommand.named(command.name) == command) }
        #expect(KeyCommand.newConversation.name == "new")
        #expect(KeyCommand.cycleUse.name == "cycle-use")
    }
}
