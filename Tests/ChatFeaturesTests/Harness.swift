import Foundation
import Testing
import ConversationModel
import TerminalText
import TestSupport
@testable import ChatFeatures
@testable import TerminalUI

/// Drives the reducer like the run loop does, minus the terminal, and
/// remembers the effects it asked for.
struct Harness {
    var state: AppState
    let layout = TranscriptLayout(time: .utc)
    var reducer: AppReducer { AppReducer(layout: layout) }
    private(set) var effects: [Effect] = []

    init(width: Int = 60, height: Int = 16, messages: [Message] = [], draft: String = "", history: [String] = [],
         modelName: String? = nil, themeNames: [String] = ["dark", "high-contrast", "light"]) {
        let conversation = Conversation(id: 1, title: "Test conversation", titleIsCustom: false,
                                        createdAt: Fixtures.date, updatedAt: Fixtures.date, draft: draft)
        state = AppState(width: width, height: height, conversation: conversation, themeName: "dark", themeNames: themeNames)
        state.modelName = modelName
        state.defaultModel = modelName
        send(.conversationOpened(ConversationSnapshot(conversation: conversation, messages: messages, hasEarlier: false,
                                                     inputHistory: history, connectorUses: [:])))
        effects = []
    }

    mutating func send(_ action: Action) {
        let asked = reducer.reduce(&state, action)
        effects += asked
        // The live side answers a re-read of the files at once; here they add nothing.
        for case .openConnectors(let name) in asked { send(.connectorsReread(opening: name)) }
    }

    /// Plays the run loop for the first waiting question: drawn now, then its grace passes.
    mutating func drawQuestion() {
        let drawn = ContinuousClock.now
        send(.questionDrawn(at: drawn))
        send(.clockAdvanced(to: drawn + QuestionQueue.grace))
    }

    mutating func press(_ key: KeyEvent) { send(.input(.key(key))) }
    mutating func press(_ key: Key) { press(KeyEvent(key)) }

    mutating func type(_ text: String) {
        for character in text { press(.char(character)) }
    }

    /// Effects since the last call.
    mutating func takeEffects() -> [Effect] {
        defer { effects = [] }
        return effects
    }

    func screen(theme: Theme = .monochrome) -> CellBuffer {
        Screen(theme: theme, layout: layout, time: .utc).render(state)
    }

    func lines() -> [String] { screen().textLines() }

    /// Snapshots the screen as drawn in the default theme: its text and its style map, so a
    /// theme or highlight regression fails as a text change does.
    func expectSnapshot(named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let theme = ScreenSnapshotTheme.dark
        let screen = screen(theme: theme)
        TestSupport.expectSnapshot(screen.textLines(), named: name, styles: StyleMap.lines(of: screen, naming: theme.scopesDrawing),
                                   sourceLocation: sourceLocation)
    }
}

/// The checkout these tests run from: the shipped themes, catalogue and sources.
enum SourceTree {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

enum ThemeFiles {
    static let builtin = SourceTree.root.appendingPathComponent("themes")
    static let sources = SourceTree.root.appendingPathComponent("Sources")
}

enum ScreenSnapshotTheme {
    static let dark = ThemeCatalog(directories: [ThemeFiles.builtin]).theme(named: ThemeCatalog.defaultName)
}

extension Theme {
    /// The scopes this theme defines that draw exactly `style` (or, failing that, draw it with
    /// attributes added, as `scope+bold`): a style map's legend names them.
    func scopesDrawing(_ style: Style) -> String {
        let defined = Theme.scopesUsedInCode.filter { styles[$0] != nil }
        let exact = defined.filter { self.style($0) == style }
        if !exact.isEmpty { return exact.joined(separator: " ") }
        return defined.compactMap { scope -> String? in
            let drawn = self.style(scope)
            guard drawn.foreground == style.foreground, drawn.background == style.background,
                  style.attributes.isSuperset(of: drawn.attributes) else { return nil }
            return scope + StyleMap.describe(Style(attributes: style.attributes.subtracting(drawn.attributes)))
                .split(separator: " ").map { "+" + $0 }.joined()
        }.joined(separator: " ")
    }
}

enum Fixtures {
    static let date = Date(timeIntervalSince1970: 1_800_000_000)

    static func message(_ id: Int64, _ role: Role, _ text: String) -> Message {
        Message(id: id, conversationID: 1, role: role, status: .complete, createdAt: date.addingTimeInterval(Double(id) * 60), blocks: [.text(text)])
    }

    static let assistantMarkdown = """
        ## Reading a file

        Use **FileManager** or `String(contentsOfFile:)`. 日本語 works, and so does 🙂.

        ```swift
        let text = try String(contentsOfFile: path)
        ```

        | Way | Speed |
        |-----|------:|
        | String | fast |

        - one
        - two
        """

    static let conversation: [Message] = [
        message(1, .user, "How do I read a file? 日本語のファイル 🙂"),
        message(2, .assistant, assistantMarkdown),
        message(3, .user, "Thanks!"),
    ]

    static func many(_ count: Int) -> [Message] {
        (1...count).map { message(Int64($0), $0 % 2 == 1 ? .user : .assistant, "Message number \($0)") }
    }
}

