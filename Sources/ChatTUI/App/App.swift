import LiveSession
import TerminalBackend
import ChatFeatures
import Dispatch
import Foundation
import Glibc
import ChatStore
import ConversationModel
import MCPClient
import TerminalText
import TerminalUI

/// The run loop: input and posted events become actions, the reducer updates
/// the state, effects run, and the screen is redrawn. It sleeps in `poll`
/// until something happens.
final class App {
    private(set) var state: AppState
    private let reducer: AppReducer
    private let runner: EffectRunner
    private let session: ChatSession
    private let catalog: ThemeCatalog
    private let layout: TranscriptLayout
    private let backend: TerminalBackend
    private let inbox = EventInbox()
    private var screen: Screen
    private let signalSources: [DispatchSourceSignal]
    /// Held for the life of the interface: while it is, other instances open the data read-only.
    private let lock: DataFolderLock

    struct Options {
        var composition: Composition
        var themeOverride: String?
        var allowColor: Bool
    }

    /// Opens the store and the terminal; an error here is for the person, on stderr.
    init(options: Options) throws {
        let composition = options.composition
        lock = DataFolderLock(directory: composition.paths.data)
        let readOnlyReason = Self.readOnlyReason(lock.access)
        let store = try ConversationStore(directory: composition.paths.data, readOnly: readOnlyReason != nil)
        // Only the folder's one writer may call what it finds streaming unfinished: no live turn can own it.
        if readOnlyReason == nil { try store.markUnfinishedInterrupted() }
        let inbox = self.inbox
        var firstStartNote: Flash?
        do {
            try BuiltinConnectorSetup.configureMissing(files: composition.files, paths: composition.paths)
        } catch {
            firstStartNote = Flash(text: "Could not set up the built-in connectors: \(error)", isError: true)
        }
        let connectors = composition.connectorSet()
        let setup = ModelSetup.load(configDirectory: composition.paths.config, environment: composition.environment)
        session = ChatSession(store: store, setup: setup, composition: composition, connectors: connectors) { inbox.post(.action($0)) }
        runner = EffectRunner(store: store, session: session)
        catalog = ThemeCatalog(directories: composition.paths.builtinThemeDirectories + [composition.paths.userThemeDirectory])
        layout = TranscriptLayout(keymap: setup.keymap)
        layout.onLaidOut = { inbox.post(.action(.layoutReady)) }
        reducer = AppReducer(keymap: setup.keymap, layout: layout)
        let snapshot = try runner.snapshot(of: runner.initialConversation())
        let (themeName, themeNotes) = Self.chooseTheme(override: options.themeOverride, saved: try store.setting(Settings.theme), catalog: catalog)
        // Signals are routed to the inbox before ncurses starts, so it leaves SIGWINCH to us.
        signalSources = Self.routeSignals(to: inbox)
        let stderrCapture = StderrCapture(logFile: composition.paths.sessionLog)
        backend = try TerminalBackend(allowColor: options.allowColor, stderrCapture: stderrCapture)
        let size = backend.size
        state = AppState(width: size.width, height: size.height, conversation: snapshot.conversation,
                         themeName: themeName, themeNames: catalog.names)
        // A configured default is known now; one a local server must name arrives later.
        state.defaultModel = session.models.resolveFromConfiguration(nil)?.description
        // The connectors this conversation uses are starting: the header says so from the first frame.
        state.connectors = session.initialConnectors(in: snapshot.conversation.id)
        _ = reducer.reduce(&state, .conversationOpened(snapshot))
        let problems = connectors.problems + setup.problems
        let stderrNote = stderrCapture.problem.map { Flash(text: "Stray output is discarded: \($0)", isError: true) }
        state.readOnlyReason = readOnlyReason
        let notes = [readOnlyReason.map { Flash(text: "Read-only: \($0) Quit it and start again to write here.", isError: true) }]
            + themeNotes + [firstStartNote, stderrNote, Self.projectNote(connectors).map { Flash(text: $0, isError: false) }]
            + problems.map { Flash(text: $0, isError: true) }
        state.noteAtStart(notes.compactMap { $0 })
        screen = Screen(theme: catalog.theme(named: themeName), layout: layout, keymap: setup.keymap)
    }

    /// Why this window may not write, when another chattui holds the data folder. Read-only, not
    /// shared: two writers would interleave turns and overwrite each other's drafts and settings.
    private static func readOnlyReason(_ access: DataFolderLock.Access) -> String? {
        guard case .heldElsewhere(let pid) = access else { return nil }
        return "another chattui\(pid.map { " (process \($0))" } ?? "") is using this data folder, so nothing is saved here."
    }

    /// Says that this folder's `.mcp.json` waits for approval, when it does.
    private static func projectNote(_ connectors: ConnectorSet) -> String? {
        let waiting = connectors.names.filter { connectors[$0]?.standing == .awaitingApproval }
        guard !waiting.isEmpty else { return nil }
        return "This folder's .mcp.json defines \(waiting.joined(separator: ", ")), not started: approve it in /connectors (Enter, t)."
    }

    /// The theme to start with, and a note for each file or name that was wrong.
    private static func chooseTheme(override: String?, saved: String?, catalog: ThemeCatalog) -> (String, [Flash?]) {
        var notes = catalog.errors.map { Flash(text: "Theme error: \($0). Using the default theme.", isError: true) }
        let wanted = override ?? saved ?? ThemeCatalog.defaultName
        if catalog.themes[wanted] != nil { return (wanted, notes) }
        if override != nil { notes.insert(Flash(text: "No theme named “\(wanted)”. Available: \(catalog.names.joined(separator: ", ")).", isError: true), at: 0) }
        return (catalog.themes[ThemeCatalog.defaultName] != nil ? ThemeCatalog.defaultName : Theme.monochrome.name, notes)
    }

    /// Termination signals become a quit (the draft is already saved; quitting stops the
    /// connectors); SIGWINCH a resize. Both are posted to the loop.
    private static func routeSignals(to inbox: EventInbox) -> [DispatchSourceSignal] {
        TerminationSignals.route(TerminationSignals.stopping) { _ in inbox.post(.action(.quitRequested)) }
            + TerminationSignals.route([SIGWINCH]) { _ in inbox.post(.terminalResized) }
    }

    /// At most one frame per this interval for output that streams in; keys draw at once.
    static let frameInterval: Duration = .milliseconds(16)

    /// Sees each turn event as it is dispatched (for `bench-stream`).
    var onTurnEvent: ((TurnEvent) -> Void)?
    /// Frames drawn so far (for `bench-stream`).
    private(set) var framesDrawn = 0

    /// Runs until the person quits, or until `stop` says so (benchmarks).
    func run(exitAfterFirstFrame: Bool = false, stop: ((AppState) -> Bool)? = nil) {
        defer { backend.stop() }
        renderFrame()
        if exitAfterFirstFrame { return }
        session.start()
        let clock = ContinuousClock()
        var lastFrame = clock.now
        var framePending = false
        while !state.isQuitting {
            let frameWait = framePending ? max(0, Self.milliseconds(Self.frameInterval - (clock.now - lastFrame))) : nil
            // A question's grace ending, or a turn's next spinner frame, wakes the loop; nothing else does.
            let clockWait = state.nextClockTick(now: clock.now).map { max(0, Self.milliseconds($0 - clock.now) + 1) }
            let wait = [frameWait, clockWait].compactMap { $0 }.min()
            backend.waitForInput(wakeDescriptor: inbox.descriptor, timeout: wait)
            var sawInput = false
            for event in inbox.drain() {
                switch event {
                case .action(let action): dispatch(action)
                case .terminalResized:
                    sawInput = true
                    dispatch(.input(backend.applyResize()))
                }
            }
            for event in backend.readEvents() {
                sawInput = true
                dispatch(.input(event))
            }
            // After the keys read above: a key typed within the grace never reaches the question.
            if let due = state.nextClockTick(now: clock.now), clock.now >= due {
                dispatch(.clockAdvanced(to: clock.now))
                sawInput = true
            }
            if state.isQuitting || stop?(state) == true { break }
            if sawInput || clock.now - lastFrame >= Self.frameInterval {
                renderFrame()
                lastFrame = clock.now
                framePending = false
                if state.visibleQuestion != nil { dispatch(.questionDrawn(at: clock.now)) }
            } else {
                framePending = true
            }
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }

    /// Stops the turn (keeping what arrived) and every connector's server.
    func shutdown() async {
        await session.shutdown()
    }

    /// Runs an action and every action its effects lead to.
    func dispatch(_ action: Action) {
        var queue = [action]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            if case .turn(let event) = next { onTurnEvent?(event) }
            for effect in reducer.reduce(&state, next) {
                // The terminal belongs to the backend, so this one effect is the loop's own.
                switch effect {
                case .suspendToShell: queue.append(.input(backend.suspend()))
                case .copyToClipboard(let text): backend.copyToClipboard(text)
                default: queue += runner.run(effect)
                }
            }
        }
    }

    func renderFrame() {
        let theme = backend.colorDepth == .none ? Theme.monochrome : catalog.theme(named: state.themeName)
        if screen.theme.name != theme.name { screen = Screen(theme: theme, layout: layout, keymap: screen.keymap) }
        backend.draw(screen.render(state))
        framesDrawn += 1
    }
}
