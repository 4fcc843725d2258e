import Testing
import ConversationModel
@testable import ChatFeatures
@testable import TerminalUI

/// `FindFeature.reduce` on the find bar alone: what typing, the store's answer and the keys ask of the app.
@Suite struct FindFeatureTests {
    typealias Feature = FindFeature

    private func press(_ key: KeyEvent, _ bar: inout Feature.State) -> [Feature.Delegate] {
        Feature.reduce(&bar, .key(key), keymap: .standard)
    }

    @Test func typingAsksTheStoreAgainAndForgetsTheOldMatches() {
        var bar = Feature.State(query: TextField("lo"), matches: [3], current: 0)
        #expect(press(.char("g"), &bar) == [.search("log")])
        #expect(bar.query.text == "log" && bar.matches == nil && bar.current == nil)
        var blank = Feature.State()
        #expect(press(.char(" "), &blank).isEmpty, "a blank query searches nothing")
        #expect(blank.query.text == " ")
    }

    /// ← and → move in the query (they did nothing: a cursor move alone was not kept), and searching waits for the text.
    @Test func theCursorMovesInTheQueryWithoutSearching() {
        var bar = Feature.State(query: TextField("log"), matches: [3], current: 0)
        #expect(press(KeyEvent(.left), &bar).isEmpty)
        #expect(bar.query.cursor == 2 && bar.matches == [3], "the matches stay while only the cursor moved")
        #expect(press(.char("x"), &bar) == [.search("loxg")])
    }

    @Test func aPasteIsOneLineOfTheQuery() {
        var bar = Feature.State()
        #expect(Feature.reduce(&bar, .paste("two\nwords"), keymap: .standard) == [.search("two words")])
    }

    @Test func theStoresAnswerShowsTheNewestMatchOnlyForTheQueryStillTyped() {
        var bar = Feature.State(query: TextField("log"))
        #expect(Feature.reduce(&bar, .searched(query: "lo", matches: [1]), keymap: .standard).isEmpty, "an older query's answer")
        #expect(bar.matches == nil)
        #expect(Feature.reduce(&bar, .searched(query: "log", matches: [1, 4, 9]), keymap: .standard) == [.showCurrentMatch])
        #expect(bar.currentMatch == 9)
    }

    @Test func nextAndPreviousGoRoundTheMatches() {
        var bar = Feature.State(query: TextField("log"), matches: [1, 4, 9], current: 2)
        #expect(press(KeyEvent(.enter), &bar) == [.showCurrentMatch])
        #expect(bar.currentMatch == 1, "after the last, the first")
        #expect(press(KeyEvent(.up), &bar) == [.showCurrentMatch])
        #expect(bar.currentMatch == 9)
        var none = Feature.State(query: TextField("zz"), matches: [])
        #expect(press(KeyEvent(.enter), &none).isEmpty)
    }

    @Test func pagesScrollTheTranscriptAndEscCloses() {
        var bar = Feature.State()
        #expect(press(KeyEvent(.pageUp), &bar) == [.scrollPage(up: true)])
        #expect(press(KeyEvent(.escape), &bar) == [.close])
    }
}
