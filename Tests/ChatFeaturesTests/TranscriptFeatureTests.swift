import Testing
import ConversationModel
import TestSupport
@testable import ChatFeatures

/// `TranscriptFeature.reduce` on the transcript alone, over items of known line counts.
@Suite struct TranscriptFeatureTests {
    typealias Feature = TranscriptFeature

    /// Items of fixed heights: the messages, then a footer.
    struct Counts: TranscriptMeasure {
        var counts: [Int]
        var itemCount: Int { counts.count }
        func lineCount(_ item: Int) -> Int { counts[item] }
    }

    private func message(_ id: MessageID, _ role: Role = .assistant, in conversation: ConversationID = 1, _ text: String = "text") -> Message {
        Message(id: id, conversationID: conversation, role: role, status: .complete, createdAt: Fixtures.date, blocks: [.text(text)])
    }

    /// Ten messages of ten lines each and a two-line footer, in a view of 12 rows.
    private func context(_ counts: [Int] = Array(repeating: 10, count: 10) + [2], height: Int = 12) -> Feature.Context {
        Feature.Context(conversation: 1, height: height, measure: { Counts(counts: counts) })
    }

    private func state(messages: Int = 10, hasEarlier: Bool = false) -> Feature.State {
        Feature.State(messages: (0..<messages).map { message(MessageID(100 + $0)) }, hasEarlier: hasEarlier)
    }

    @Test func scrollingUpAnchorsTheViewAndScrollingBackToTheEndFollowsAgain() {
        var transcript = state()
        #expect(Feature.reduce(&transcript, .scroll(by: -5), context: context()) == [.scrolled])
        // 102 lines in all; following shows lines 90...101, so five up starts at line 85: message 8, line 5.
        #expect(transcript.scroll == .anchored(LinePosition(item: 8, line: 5)))
        _ = Feature.reduce(&transcript, .scroll(by: 5), context: context())
        #expect(transcript.scroll == .following)
    }

    @Test func aPageIsTheViewLessTwoLinesOfContext() {
        var transcript = state()
        _ = Feature.reduce(&transcript, .scrollPage(up: true), context: context())
        #expect(transcript.scroll == .anchored(LinePosition(item: 8, line: 0)))
    }

    @Test func nearingTheOldestLoadedMessageAsksForEarlierOnesOnce() {
        var transcript = state(hasEarlier: true)
        #expect(Feature.reduce(&transcript, .scroll(by: -40), context: context()) == [.loadEarlier(before: 100, all: false), .scrolled])
        #expect(transcript.isLoadingEarlier)
        #expect(Feature.reduce(&transcript, .scroll(by: -5), context: context()) == [.scrolled], "one request at a time")
        _ = Feature.reduce(&transcript, .loadFailed, context: context())
        #expect(!transcript.isLoadingEarlier)
    }

    @Test func theTopLoadsEverythingFirstWhenOlderMessagesAreInTheStore() {
        var more = state(hasEarlier: true)
        #expect(Feature.reduce(&more, .scrollToTop, context: context()) == [.loadEarlier(before: 100, all: true)])
        #expect(more.scroll == .following, "it scrolls once they are here")
        var all = state()
        #expect(Feature.reduce(&all, .scrollToTop, context: context()) == [.scrolled])
        #expect(all.scroll == .anchored(LinePosition(item: 0, line: 0)))
        #expect(Feature.reduce(&all, .scrollToBottom, context: context()) == [.scrolled])
        #expect(all.scroll == .following)
    }

    @Test func earlierMessagesKeepTheViewOnWhatWasBeingRead() {
        var transcript = state(hasEarlier: true)
        transcript.isLoadingEarlier = true
        transcript.scroll = .anchored(LinePosition(item: 2, line: 3))
        _ = Feature.reduce(&transcript, .earlierLoaded([message(98), message(99)], hasEarlier: false, scrollToTop: false), context: context())
        #expect(transcript.messages.first?.id == 98 && !transcript.hasEarlier && !transcript.isLoadingEarlier)
        #expect(transcript.scroll == .anchored(LinePosition(item: 4, line: 3)))
        _ = Feature.reduce(&transcript, .earlierLoaded([message(50, in: 2)], hasEarlier: false, scrollToTop: true), context: context())
        #expect(transcript.messages.count == 12, "another conversation's page is dropped")
    }

    @Test func aStoredMessageJoinsTheViewAndThePersonsOwnBringsItToTheEnd() {
        var transcript = state()
        transcript.scroll = .anchored(LinePosition(item: 1, line: 0))
        #expect(Feature.reduce(&transcript, .appended(message(7, .user, in: 2)), context: context()).isEmpty)
        #expect(transcript.messages.count == 10)
        #expect(Feature.reduce(&transcript, .appended(message(200)), context: context()).isEmpty)
        #expect(transcript.scroll == .anchored(LinePosition(item: 1, line: 0)), "an answer does not move what is being read")
        #expect(Feature.reduce(&transcript, .appended(message(201, .user, "again")), context: context()) == [.sentByPerson("again")])
        #expect(transcript.scroll == .following && transcript.messages.count == 12)
    }

    @Test func aStepStoredAgainReplacesItsCopy() {
        var transcript = state()
        _ = Feature.reduce(&transcript, .stored(message(105, .assistant, "longer now")), context: context())
        #expect(transcript.messages.count == 10 && transcript.messages[5].text == "longer now")
        _ = Feature.reduce(&transcript, .stored(message(300)), context: context())
        #expect(transcript.messages.last?.id == 300)
    }

    @Test func droppingAfterAMessageAsksTheStoreToDropTheSame() {
        var transcript = state(messages: 4)
        #expect(Feature.reduce(&transcript, .drop(after: 1), context: context()) == [.dropped(from: 102)])
        #expect(transcript.messages.map(\.id) == [100, 101])
        #expect(Feature.reduce(&transcript, .drop(after: 1), context: context()).isEmpty, "nothing after the last")
    }

    @Test func revealingAMessageStartsTheViewAtItOrFollowsTheNewest() {
        var transcript = state(messages: 4)
        _ = Feature.reduce(&transcript, .reveal(101), context: context())
        #expect(transcript.scroll == .anchored(LinePosition(item: 1, line: 0)))
        _ = Feature.reduce(&transcript, .reveal(103), context: context())
        #expect(transcript.scroll == .following)
        _ = Feature.reduce(&transcript, .reveal(101), context: context())
        #expect(Feature.reduce(&transcript, .follow, context: context()).isEmpty)
        #expect(transcript.scroll == .following)
    }

    @Test func aFindMatchAnchorsTheViewWhereItIsAskedAndStopsAtTheEnd() {
        var transcript = state()
        #expect(Feature.reduce(&transcript, .anchor(LinePosition(item: 3, line: 0)), context: context()).isEmpty)
        #expect(transcript.scroll == .anchored(LinePosition(item: 3, line: 0)))
        _ = Feature.reduce(&transcript, .anchor(LinePosition(item: 9, line: 3)), context: context())
        #expect(transcript.scroll == .following, "near the end, the view stops at the end instead of running into blank rows")
    }

    @Test func bringingAMessageIntoViewScrollsOnlyWhenSomeOfItIsOutOfView() {
        var transcript = state()
        _ = Feature.reduce(&transcript, .bringIntoView(item: 9), context: context())
        #expect(transcript.scroll == .following, "the newest message is already in view")
        _ = Feature.reduce(&transcript, .bringIntoView(item: 3), context: context())
        #expect(transcript.scroll == .anchored(LinePosition(item: 3, line: 0)))
        _ = Feature.reduce(&transcript, .bringIntoView(item: 3), context: context())
        #expect(transcript.scroll == .anchored(LinePosition(item: 3, line: 0)), "all of it shows: the view stays")
        _ = Feature.reduce(&transcript, .bringIntoView(item: 9), context: context())
        #expect(transcript.scroll == .following, "a message at the end follows again")
    }

    @Test func aMatchOlderThanTheWindowAsksForEverythingEarlierOnce() {
        var transcript = state(hasEarlier: true)
        #expect(Feature.reduce(&transcript, .loadAllEarlier, context: context()) == [.loadEarlier(before: 100, all: true)])
        #expect(Feature.reduce(&transcript, .loadAllEarlier, context: context()).isEmpty, "one request at a time")
        var complete = state()
        #expect(Feature.reduce(&complete, .loadAllEarlier, context: context()).isEmpty, "nothing older in the store")
    }
}
