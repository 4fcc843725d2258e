import ConversationModel

/// The root's side of the transcript (`TranscriptFeature`): it hands it the transcript's measure
/// and height, and does what it asks (load from the store, start views that came into view).
extension AppReducer {
    func reduceTranscript(_ state: inout AppState, _ action: TranscriptFeature.Action) -> [Effect] {
        let shown = state
        let context = TranscriptFeature.Context(conversation: state.conversation.id, height: ScreenGeometry(state: state).transcriptHeight,
                                                measure: { TranscriptDocument(state: shown, layout: layout) })
        let delegates = TranscriptFeature.reduce(&state.transcript, action, context: context)
        return delegates.flatMap { transcriptAsked($0, in: &state) }
    }

    private func transcriptAsked(_ delegate: TranscriptFeature.Delegate, in state: inout AppState) -> [Effect] {
        switch delegate {
        case .loadEarlier(let before, let all): return [.loadEarlierMessages(state.conversation.id, before: before, all: all)]
        case .scrolled: return openLiveViewsInView(&state)
        case .sentByPerson(let text): return reduceComposer(&state, .remember(text))
        case .dropped(let first):
            return reduceCards(&state, .unfocus) + [.deleteMessages(state.conversation.id, from: first)]
        }
    }

    /// Scrolls by `delta` lines; asks for older messages when the view nears the oldest loaded one.
    func scrollTranscript(_ state: inout AppState, by delta: Int) -> [Effect] {
        reduceTranscript(&state, .scroll(by: delta))
    }

    func scrollTranscriptPage(_ state: inout AppState, up: Bool) -> [Effect] {
        reduceTranscript(&state, .scrollPage(up: up))
    }

    func scrollTranscriptToTop(_ state: inout AppState) -> [Effect] {
        reduceTranscript(&state, .scrollToTop)
    }

    func scrollTranscriptToBottom(_ state: inout AppState) -> [Effect] {
        reduceTranscript(&state, .scrollToBottom)
    }
}
