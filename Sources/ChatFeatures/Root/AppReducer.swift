import ConnectorMenu
import ConversationModel
import TerminalUI

/// The one place state changes: `reduce` takes an action, updates the state
/// and returns the effects to run. It does no I/O and reads no clock; the
/// layout it consults is a pure function of the state, memoised.
public struct AppReducer {
    let keymap: Keymap
    let layout: TranscriptLayout

    public init(keymap: Keymap = .standard, layout: TranscriptLayout) {
        self.keymap = keymap
        self.layout = layout
    }

    public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
        let shown = state.flash
        defer {
            if state.visibleQuestion == nil { state.questions.hidden() }
            // Every status message is kept, whoever set it, so `/status` can show what the line cut.
            if let flash = state.flash, flash != shown {
                state.statusLog.append(flash)
                if state.statusLog.count > Self.statusLogSize { state.statusLog.removeFirst() }
            }
        }
        return reduceAction(&state, action)
    }

    static let statusLogSize = 20

    private func reduceAction(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .input(let event):
            return reduce(&state, input: event)
        case .conversationOpened(let snapshot):
            open(snapshot, in: &state)
            return []
        case .conversationChanged(let conversation):
            if conversation.id == state.conversation.id {
                state.conversation.title = conversation.title
                state.conversation.titleIsCustom = conversation.titleIsCustom
            }
            return []
        case .earlierMessagesLoaded(let messages, let hasEarlier, let scrollToTop):
            let loaded = reduceTranscript(&state, .earlierLoaded(messages, hasEarlier: hasEarlier, scrollToTop: scrollToTop))
            // `/find` loads every older message to reach a match: show it once they are here.
            return loaded + (scrollToTop ? showCurrentMatch(&state) : [])
        case .messageAppended(let message):
            return reduceTranscript(&state, .appended(message))
        case .conversationsListed(let query, let results):
            guard case .conversations(let panel) = state.overlay else { return [] }
            return reduceConversations(&state, panel: panel, .listed(query: query, results: results))
        case .conversationSearched(let query, let matches):
            return conversationSearched(query: query, matches: matches, in: &state)
        case .quitRequested:
            state.isQuitting = true
            return []
        case .turn(let event):
            return reduceTurn(&state, .event(event))
        case .turnEnded(let outcome):
            return reduceTurn(&state, .ended(outcome))
        case .elicitationNeeded(let request):
            state.questions.append(.elicitation(.elicitation(request, keymap: keymap), from: request.connector))
            return []
        case .layoutReady:
            return []
        case .questionDrawn(let moment):
            state.questions.drawn(at: moment)
            return []
        case .clockAdvanced(let now):
            state.questions.clock(now)
            return reduceTurn(&state, .clock(now)) + takeTypedNumberIfDue(now, in: &state)
        case .approvalNeeded(let request):
            return approvalNeeded(request, in: &state)
        case .defaultModelResolved(let name):
            if state.conversation.model == nil { state.modelName = name }
            state.defaultModel = name
            return []
        case .modelChosen(let id, let name):
            guard id == state.conversation.id else { return [] }
            state.modelName = name
            state.conversation.model = name
            state.flash = Flash(text: "This conversation now uses \(name).", isError: false)
            return []
        case .modelsListed(let names, let whyNone):
            guard case .models(let picker) = state.overlay else { return [] }
            return reduceModels(&state, picker: picker, .listed(names, whyNone: whyNone))
        case .connectorChanged(let info):
            state.connectors[info.name] = info
            // One that appears while running (approved, say) is off here until turned on.
            if state.connectorUses[info.name] == nil { state.connectorUses[info.name] = .off }
            // Its prompts may have come or gone.
            let refreshed = reduceComposer(&state, .refreshMenu)
            let cancelled = info.health == .ready ? [] : cancelQuestions(in: &state, reason: "\(info.name) disconnected") { $0.connector == info.name }
            return refreshed + cancelled + signInIfWanted(info, in: &state)
        case .signInStarted, .signInFinished, .signInFailed:
            return signInEvent(action, in: &state)
        case .exportNeedsConfirmation(let path, let connectors):
            let question = "This conversation holds content that came from connectors (\(connectors.joined(separator: ", "))). Export it anyway? y exports, any other key cancels."
            state.push(.confirm(Confirmation(title: "Export", question: question,
                                             onYes: .run([.exportConversation(state.conversation.id, path: path, confirmed: true)]), declined: "Not exported.")))
            return []
        case .directoryLoaded(let result):
            directoryLoaded(result, in: &state)
            return []
        case .registry(let action):
            return reduceRegistry(action, in: &state)
        case .connectorsReread(let name):
            return showConnectors(&state, named: name)
        case .connectorRemoved(let name):
            connectorRemoved(name, in: &state)
            return cancelQuestions(in: &state, reason: "\(name) was removed") { $0.connector == name }
        case .connectorTrustChanged(let name, let trusted):
            state.connectors[name]?.isTrusted = trusted
            state.flash = Flash(text: trusted ? "\(name) is trusted: its read-only tools run without asking." : "\(name) is not trusted: every call asks.", isError: false)
            return []
        case .promptLoaded(let prompt, let text):
            return promptLoaded(prompt, text: text, in: &state)
        case .attachmentsRead(let conversation, _, let blocks, let answer):
            return attachmentsRead(conversation, blocks: blocks, answer: answer, in: &state)
        case .attachmentsFailed(let text, let attachments, let reason):
            return attachmentsFailed(text: text, attachments: attachments, reason: reason, in: &state)
        case .flash(let flash):
            state.flash = flash
            return []
        case .personCallProgress(let activity):
            return personCallProgress(activity, in: &state)
        case .personCallFinished(let message):
            return personCallFinished(message, in: &state)
        case .liveView(let event):
            return reduceLiveView(&state, event)
        case .failed(let message):
            state.flash = Flash(text: message, isError: true)
            return reduceTranscript(&state, .loadFailed)
        }
    }

    private func reduce(_ state: inout AppState, input event: InputEvent) -> [Effect] {
        switch event {
        case .resize(let width, let height):
            state.width = width
            state.height = height
            // Grown until the end is in view, a scrolled-up view follows it again (anchored that low, it
            // would say "more below" over its last line with nothing below).
            if case .anchored = state.transcript.scroll {
                let document = TranscriptDocument(state: state, layout: layout)
                let height = ScreenGeometry(state: state).transcriptHeight
                state.transcript.scroll = document.scroll(toTop: document.top(height: height, scroll: state.transcript.scroll), height: height)
            }
            return []
        case .wheel(let up):
            if let overlay = state.overlay, !overlay.leavesTranscriptInView { return [] }
            return scrollTranscript(&state, by: up ? -3 : 3)
        case .paste(let text):
            state.flash = nil
            state.quitArmed = false
            return paste(text, into: &state)
        case .key(let key):
            state.flash = nil
            let secondCtrlC = state.quitArmed && key == .ctrl("c")
            state.quitArmed = false
            if state.isTooSmall || secondCtrlC {
                if key == .ctrl("c") { state.isQuitting = true }
                return []
            }
            let wasAnswering = state.turn.map { !$0.isCancelling } ?? false
            let effects = route(key, in: &state)
            // A Ctrl-C that stopped an answer (from the composer or an approval card): another one quits.
            if key == .ctrl("c"), wasAnswering, state.turn?.isCancelling == true { state.quitArmed = true }
            return effects
        }
    }

    func route(_ key: KeyEvent, in state: inout AppState) -> [Effect] {
        switch state.keyTarget {
        case .question(let question): return reduceQuestion(&state, question, key: key)
        case .layer: return reduceOverlay(&state, key: key)
        case .card: return reduceCards(&state, key: key)
        case .composer: return reduceComposer(&state, key: key)
        }
    }

    private func open(_ snapshot: ConversationSnapshot, in state: inout AppState) {
        state.conversation = snapshot.conversation
        state.transcript = TranscriptState(messages: snapshot.messages, hasEarlier: snapshot.hasEarlier)
        state.composer = ComposerFeature.State(field: TextField(snapshot.conversation.draft), history: snapshot.inputHistory)
        state.connectorUses = snapshot.connectorUses
        state.cards.focused = nil
        // What the tools cost is told per request: none has been sent here yet.
        state.toolTokens = nil
        if let tool = snapshot.taskTool { state.cards.taskTools[snapshot.conversation.id] = tool }
        state.modelName = snapshot.conversation.model ?? state.defaultModel
        syncSlashMenu(&state)
    }
}
