import ConversationModel

extension AppReducer {
    /// Scrolls by `delta` lines; asks for older messages when the view nears the oldest loaded one.
    func scrollTranscript(_ state: inout AppState, by delta: Int) -> [Effect] {
        let height = ScreenGeometry(state: state).transcriptHeight
        let document = TranscriptDocument(state: state, layout: layout)
        state.transcript.scroll = document.scroll(by: delta, height: height)
        return loadEarlierIfNeeded(&state, all: false) + openLiveViewsInView(&state)
    }

    func scrollTranscriptPage(_ state: inout AppState, up: Bool) -> [Effect] {
        let height = ScreenGeometry(state: state).transcriptHeight
        return scrollTranscript(&state, by: (up ? -1 : 1) * max(1, height - 2))
    }

    func scrollTranscriptToTop(_ state: inout AppState) -> [Effect] {
        if state.transcript.hasEarlier { return loadEarlierIfNeeded(&state, all: true) }
        state.transcript.scroll = .anchored(LinePosition(item: 0, line: 0))
        return openLiveViewsInView(&state)
    }

    func scrollTranscriptToBottom(_ state: inout AppState) -> [Effect] {
        state.transcript.scroll = .following
        return openLiveViewsInView(&state)
    }

    private static let prefetchMargin = 30

    private func loadEarlierIfNeeded(_ state: inout AppState, all: Bool) -> [Effect] {
        guard state.transcript.hasEarlier, !state.transcript.isLoadingEarlier,
              let oldest = state.transcript.messages.first else { return [] }
        if !all {
            guard case .anchored(let position) = state.transcript.scroll, position.item < Self.prefetchMargin else { return [] }
        }
        state.transcript.isLoadingEarlier = true
        return [.loadEarlierMessages(state.conversation.id, before: oldest.id, all: all)]
    }
}
