import ConversationModel
import ToolCards
import TerminalUI

/// Cards whose MCP Apps view runs live: opening them, their keys, and what the view sends back.
extension AppReducer {
    /// A new result's live views start at once; the card shows the result until the first text arrives.
    func openLiveViews(in message: Message, state: inout AppState) -> [Effect] {
        message.blocks.indices.compactMap { block in
            openLiveView(CardAddress(message: message.id, block: block), in: &state)
        }
    }

    /// Starts the card's view unless it runs (or was tried) in this run: after a restart, on focus.
    func openLiveView(_ address: CardAddress, in state: inout AppState) -> Effect? {
        guard state.cards.live[address] == nil, let request = liveViewRequest(address, in: state) else { return nil }
        state.cards.live[address] = LiveCard()
        return .openLiveView(request)
    }

    /// Stored cards whose view is live start once they scroll into view, a few per scroll, so
    /// paging through a long conversation does not start every view in it at once.
    static let viewsStartedPerScroll = 2

    func openLiveViewsInView(_ state: inout AppState) -> [Effect] {
        let height = ScreenGeometry(state: state).transcriptHeight
        let messages = state.transcript.messages
        var seen = Set<Int>()
        let shown = TranscriptDocument(state: state, layout: layout).visibleRows(height: height).map(\.item)
            .filter { $0 < messages.count && seen.insert($0).inserted }
        var effects: [Effect] = []
        for item in shown {
            for block in messages[item].blocks.indices where effects.count < Self.viewsStartedPerScroll {
                if let effect = openLiveView(CardAddress(message: messages[item].id, block: block), in: &state) { effects.append(effect) }
            }
        }
        return effects
    }

    private func liveViewRequest(_ address: CardAddress, in state: AppState) -> LiveViewRequest? {
        guard let message = state.transcript.messages.first(where: { $0.id == address.message }),
              message.blocks.indices.contains(address.block), message.blocks[address.block].kind == .toolResult,
              let result = message.blocks[address.block].decoded(ToolResult.self), let presentation = result.presentation,
              let view = presentation.attachments.first(where: LiveViewKind.isLive), let uri = view.uri else { return nil }
        var callResult: [String: JSONValue] = ["content": .array([.object(["type": .string("text"), "text": .string(result.content)])]),
                                               "isError": .bool(result.isError)]
        if let structured = result.structured { callResult["structuredContent"] = structured }
        return LiveViewRequest(card: address, conversation: message.conversationID, connector: presentation.connector, uri: uri, arguments: presentation.arguments,
                               result: .object(callResult), widthCells: max(40, state.width - 4),
                               theme: state.themeName.lowercased().contains("light") ? "light" : "dark")
    }

    /// Keys on a live card: its own commands, then real keys and typing for the view. While the view
    /// starts, only the keys that do not need it work; the rest are refused and say why.
    func reduceLiveCard(_ state: inout AppState, address: CardAddress, key: KeyEvent) -> [Effect] {
        let command = keymap.command(for: key, in: .liveCard)
        if state.cards.live[address]?.isDrawn != true, !Self.keysWithoutTheView.contains(where: { $0 == command }) {
            state.flash = Flash(text: Self.viewStillStarting, isError: false)
            return []
        }
        if let digit = Self.typedDigit(key), !focusTakesText(address, in: state) { return typeDigit(digit, on: address, in: &state) }
        if state.cards.typedNumber != nil {
            if command == .close {
                state.cards.typedNumber = nil
            } else {
                // Any other key takes the number first; Enter only takes it, as in lynx.
                let taken = takeTypedNumber(in: &state)
                if key == KeyEvent(.enter) { return taken }
                return taken + reduceLiveCard(&state, address: address, key: key)
            }
        }
        let input: LiveViewInput
        switch command {
        case .nextControl: input = .nextControl
        case .previousControl: input = .previousControl
        case .reloadView: input = .reload
        case .nextCard, .previousCard:
            return moveCardFocus(from: address, forward: command == .nextCard, in: &state)
        case .scrollPageUp: return scrollTranscriptPage(&state, up: true)
        case .scrollPageDown: return scrollTranscriptPage(&state, up: false)
        case .close:
            if state.cards.running != nil { return [.cancelPersonCall] }
            let effects = reduceCards(&state, .unfocus) + reduceTranscript(&state, .follow)
            if state.cards.viewCalls[address] != nil, let stop = keymap.key(for: .cancelTurn, in: .composer) {
                state.flash = Flash(text: "The view's call still runs; \(stop) again stops it.", isError: false)
            }
            return effects
        case nil:
            // A link in the view opens as a card's links do, asking first; the view itself navigates nowhere.
            if key == KeyEvent(.enter), let url = focusedLink(address, in: state) {
                confirmOpening(url, in: &state)
                return []
            }
            guard let typed = Self.liveInput(for: key) else { return [] }
            input = typed
        case let command?:
            // The card's table binds it to something a live card does not do: the card's key, refused,
            // so it never types into the view's focused field.
            state.flash = Flash(text: "\(key.label) (“\(command.name)”) does nothing on a live card.", isError: false)
            return []
        }
        return [.liveViewInput(address, input)]
    }

    /// A live card's keys that work before its view runs: leaving it and moving through the transcript.
    static let keysWithoutTheView: Set<KeyCommand> = [.close, .nextCard, .previousCard, .scrollPageUp, .scrollPageDown]

    static let viewStillStarting = "The view is still starting: key not sent."

    /// Where the view's focused control points, when it is a link.
    private func focusedLink(_ card: CardAddress, in state: AppState) -> String? {
        guard let text = state.cards.live[card]?.text, let focused = text.focusedControl, text.controls.indices.contains(focused - 1) else { return nil }
        let control = text.controls[focused - 1]
        return control.kind == .link ? control.url : nil
    }

    /// Characters go as typed (the session asks the view what has the focus); keys as keys.
    static func liveInput(for key: KeyEvent) -> LiveViewInput? {
        if let character = key.typedCharacter { return .typed(character) }
        guard !key.control, !key.alt else { return nil }
        let keys: [Key: LiveViewKey] = [.enter: .enter, .backspace: .backspace, .delete: .delete, .home: .home, .end: .end,
                                        .up: .up, .down: .down, .left: .left, .right: .right]
        return keys[key.key].map(LiveViewInput.key)
    }

    /// Esc from the composer with no turn running: the calls this conversation's views made stop.
    func stopViewCalls(_ state: inout AppState) -> [Effect] {
        let shown = Set(state.transcript.messages.map(\.id))
        let cards = state.cards.viewCalls.keys.filter { shown.contains($0.message) }.sorted { ($0.message, $0.block) < ($1.message, $1.block) }
        guard !cards.isEmpty else { return [] }
        state.flash = Flash(text: "Stopping the view's call.", isError: false)
        return cards.map(Effect.cancelViewCalls)
    }

    func reduceLiveView(_ state: inout AppState, _ event: LiveViewEvent) -> [Effect] {
        // One question from the views at a time: the rest are refused, so one click cannot stack
        // seventy boxes (the view is told no; it may ask again once the person has answered).
        if state.layers.contains(where: \.isViewQuestion) {
            switch event {
            case .approvalNeeded(let request):
                state.flash = Flash(text: "A view asked again before you answered; refused.", isError: false)
                return [.decideApproval(callID: request.call.id, .deny(reason: nil))]
            case .message(_, let request), .openLink(_, let request):
                state.flash = Flash(text: "A view asked again before you answered; refused.", isError: false)
                return [.answerViewRequest(request, accepted: false)]
            default: break
            }
        }
        switch event {
        case .callStarted(let address):
            state.cards.viewCalls[address, default: 0] += 1
            return []
        case .callEnded(let address):
            let running = (state.cards.viewCalls[address] ?? 1) - 1
            state.cards.viewCalls[address] = running > 0 ? running : nil
            return []
        case .redrawn(let address, let text):
            guard state.cards.live[address]?.failure == nil else { return [] }
            // A live card shows whole: its controls are what the keys reach.
            let before = state.cards.live[address]?.text
            let opened = before == nil ? reduceCards(&state, .expand(address)) : []
            state.cards.live[address] = LiveCard(text: text)
            let stored = storeLiveView(address, outline: text.outline, note: nil, in: &state)
            // Measured once the message holds the new text, which is what the card draws.
            let moved = text.focusedControl != nil && text.focusedControl != before?.focusedControl ? keepFocusedControlInView(address, in: &state) : []
            return opened + stored + moved
        case .failed(let address, let reason):
            state.cards.live[address] = LiveCard(text: state.cards.live[address]?.text, failure: reason)
            return storeLiveView(address, outline: nil, note: "Live view: \(reason); showing the result.", in: &state)
        case .message(let text, let request):
            // Never mixed into a draft (it would ride along unseen with the person's own words): it asks to replace it.
            guard state.composer.field.text.isEmpty else {
                state.push(.confirm(Confirmation(
                    title: "The view wrote a message", question: "\(text)\n\n\(viewAllowKey) puts it in place of your draft; any other key keeps your draft.",
                    onYes: .writeMessage(text, request: request), declined: "Kept your draft; the view's message was dropped.",
                    onNo: [.answerViewRequest(request, accepted: false)], raisedByView: true)))
                return []
            }
            return writeViewMessage(text, in: &state) + [.answerViewRequest(request, accepted: true)]
        case .openLink(let url, let request):
            return confirmOpening(url, in: &state, forView: request)
        case .approvalNeeded(let request):
            // Outside a turn there is no approval card to show, so it asks as a card's own calls do.
            let call = request.call
            // The tool's own name first: a title is the server's to choose ("Look up (read-only)" on wipe_disk).
            let tool = request.tool
            let name = ToolID.parts(of: tool.id).tool
            let named = name + (tool.title == name ? "" : " (“\(tool.title)”)")
            state.push(.confirm(Confirmation(
                title: "A view's call", question: "The view asks to call \(tool.connector) · \(named)"
                    + " with \(call.arguments.jsonText). It may change things in \(tool.connector).\n\(viewAllowKey) allows it once, any other key refuses.",
                onYes: .run([.decideApproval(callID: call.id, .allowOnce(call.arguments))]), declined: "Refused the view's call.",
                onNo: [.decideApproval(callID: call.id, .deny(reason: nil))], raisedByView: true)))
            return []
        }
    }

    /// The focused card's focused control stays on screen: a tall card's controls may be below the fold.
    private func keepFocusedControlInView(_ address: CardAddress, in state: inout AppState) -> [Effect] {
        guard state.cards.focused == address, let item = state.transcript.messages.firstIndex(where: { $0.id == address.message }) else { return [] }
        let lines = TranscriptDocument(state: state, layout: layout).lines(item)
        guard let line = lines.firstIndex(where: { $0.spans.contains { $0.scope == HTMLOutline.focusedControlScope } }) else { return [] }
        return reduceTranscript(&state, .keepInView(LinePosition(item: item, line: line)))
    }

    /// The card's view attachment takes the latest text (or the reason it failed), kept with the message.
    private func storeLiveView(_ address: CardAddress, outline: HTMLOutline?, note: String?, in state: inout AppState) -> [Effect] {
        guard let index = state.transcript.messages.firstIndex(where: { $0.id == address.message }) else { return [] }
        var message = state.transcript.messages[index]
        guard message.blocks.indices.contains(address.block), var result = message.blocks[address.block].decoded(ToolResult.self),
              let view = result.presentation?.attachments.firstIndex(where: LiveViewKind.isLive) else { return [] }
        if let outline { result.presentation?.attachments[view].outline = outline.json }
        result.presentation?.attachments[view].note = note
        message.blocks[address.block] = TurnHistory.resultBlock(result)
        guard message != state.transcript.messages[index] else { return [] }
        return reduceTranscript(&state, .stored(message)) + [.updateMessage(message)]
    }

    /// A view's message becomes the composer's text, to read and send with Enter.
    func writeViewMessage(_ text: String, in state: inout AppState) -> [Effect] {
        let saved = reduceComposer(&state, .replace(with: text))
        state.flash = Flash(text: "The view wrote your next message; Enter sends it.", isError: false)
        return saved
    }

    /// The key that allows what a view asks (Ctrl-Y unless rebound): never a letter the person may be typing.
    var viewAllowKey: String { keymap.key(for: .allowViewRequest, in: .confirm) ?? "Ctrl-Y" }
}

extension Overlay {
    /// A question a live view raised, still waiting for the person.
    var isViewQuestion: Bool {
        if case .confirm(let confirmation) = self { return confirmation.raisedByView }
        return false
    }
}
