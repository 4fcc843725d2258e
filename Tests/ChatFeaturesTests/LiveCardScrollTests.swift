import ConversationModel
import Testing
import ToolCards
@testable import ChatFeatures

/// Stored cards whose view is live start again when they scroll into view, a few per scroll, and
/// never just because a conversation was opened.
@Suite struct LiveCardScrollTests {
    /// Thirty messages, three stored board cards (ids 100–102) together, then thirty more.
    static func conversation() -> [Message] {
        let boards = (100...102).map { id in
            var message = LiveCardReducerTests.boardResult()
            message.id = Int64(id)
            return message
        }
        let later = Fixtures.many(30).map { message in
            var message = message
            message.id += 200
            return message
        }
        return Fixtures.many(30) + boards + later
    }

    static func opened(_ effects: [Effect]) -> [CardAddress] {
        effects.compactMap { if case .openLiveView(let request) = $0 { request.card } else { nil } }
    }

    @Test func cardsScrolledIntoViewStartAFewAtATime() {
        var harness = Harness(width: 80, height: 30, messages: Self.conversation())
        #expect(Self.opened(harness.takeEffects()).isEmpty, "opening the conversation starts no view")

        var started: [[CardAddress]] = []
        for _ in 0..<12 {
            harness.press(.pageUp)
            started.append(Self.opened(harness.takeEffects()))
        }
        #expect(started.allSatisfy { $0.count <= AppReducer.viewsStartedPerScroll }, "at most a few per scroll: \(started)")
        #expect(Set(started.joined()) == Set((100...102).map { CardAddress(message: $0, block: 0) }),
                "each card that came into view started once: \(started)")
    }
}
