import Testing
import ConversationModel
import ToolCards
@testable import ChatFeatures
@testable import TerminalUI

/// `CardsFeature.reduce` on the cards' own state, with the cards and the focused card's model handed in.
@Suite struct CardsFeatureTests {
    typealias Feature = CardsFeature

    let first = CardAddress(message: 3, block: 1)
    let second = CardAddress(message: 5, block: 1)

    private func card(readOnly: Bool = true, structured: JSONValue? = .object(["id": .number(7)])) -> ToolCard {
        let presentation = ToolPresentation(tool: "tracker__get_issue", connector: "tracker", title: "Get issue",
                                            arguments: .object(["id": .number(7)]), isReadOnly: readOnly)
        return ToolCard(result: ToolResult(callID: "c1", content: "Login fails", isError: false, structured: structured, presentation: presentation),
                        fallbackTitle: "Get issue")
    }

    private func context(_ card: ToolCard? = nil) -> Feature.Context {
        Feature.Context(keymap: .standard, addresses: [first, second], focusedCard: card)
    }

    @Test func tabFocusesTheNewestCardAndAsksToStartItsViewAndShowIt() {
        var state = Feature.State()
        #expect(Feature.reduce(&state, .focusNewest, context: context()) == [.startView(second), .show(second)])
        #expect(state.focused == second)
        var none = Feature.State()
        #expect(Feature.reduce(&none, .focusNewest, context: Feature.Context(keymap: .standard, addresses: [], focusedCard: nil))
            == [.flash("No result cards in this conversation yet.")])
    }

    @Test func upAndDownMoveBetweenCardsAndStopAtTheEnds() {
        var state = Feature.State(focused: second)
        #expect(Feature.reduce(&state, .key(KeyEvent(.up)), context: context(card())) == [.startView(first), .show(first)])
        _ = Feature.reduce(&state, .key(KeyEvent(.up)), context: context(card()))
        #expect(state.focused == first)
        _ = Feature.reduce(&state, .key(KeyEvent(.down)), context: context(card()))
        #expect(state.focused == second)
    }

    @Test func enterOpensAndClosesTheCard() {
        var state = Feature.State(focused: first)
        #expect(Feature.reduce(&state, .key(KeyEvent(.enter)), context: context(card())).isEmpty)
        #expect(state.expanded == [first])
        _ = Feature.reduce(&state, .key(KeyEvent(.enter)), context: context(card()))
        #expect(state.expanded.isEmpty)
    }

    @Test func aCardGoneFromTheTranscriptLetsTheKeysGo() {
        var state = Feature.State(focused: first)
        #expect(Feature.reduce(&state, .key(KeyEvent(.enter)), context: context(nil)).isEmpty)
        #expect(state.focused == nil)
    }

    @Test func refreshCallsAReadOnlyToolAgainAndExplainsWhyAnotherIsNot() {
        var state = Feature.State(focused: first)
        #expect(Feature.reduce(&state, .key(.char("r")), context: context(card()))
            == [.call(PersonCall(tool: "tracker__get_issue", connector: "tracker", title: "Get issue", isReadOnly: true), arguments: .object(["id": .number(7)]))])
        let refused = Feature.reduce(&state, .key(.char("r")), context: context(card(readOnly: false)))
        #expect(refused == [.flash("Only read-only tools refresh: Get issue may change things. a lists its actions.")])
    }

    @Test func theTextGoesToTheComposerAndTheKeysWithIt() {
        var state = Feature.State(focused: first)
        let asked = Feature.reduce(&state, .key(.char("m")), context: context(card()))
        #expect(asked == [.toComposer(card().plainText), .flash("The card's text is in your message.")])
        #expect(state.focused == nil)
    }

    @Test func jsonIsCopiedOnlyWhenTheResultHasStructure() {
        var state = Feature.State(focused: first)
        #expect(Feature.reduce(&state, .key(.char("c")), context: context(card())).last == .copy(JSONValue.object(["id": .number(7)]).jsonText))
        #expect(Feature.reduce(&state, .key(.char("c")), context: context(card(structured: nil)))
            == [.flash("This card has no structured result; m puts its text in your message.")])
    }

    @Test func escCancelsARunningCallFirstThenGivesTheKeysBack() {
        var state = Feature.State(focused: first, running: ToolActivity(callID: "p1", name: "tracker__get_issue"))
        #expect(Feature.reduce(&state, .key(KeyEvent(.escape)), context: context(card())) == [.cancelPersonCall])
        #expect(state.focused == first)
        state.running = nil
        #expect(Feature.reduce(&state, .key(KeyEvent(.escape)), context: context(card())) == [.follow])
        #expect(state.focused == nil)
    }

    @Test func aDrawnViewTakesEveryKey() {
        var state = Feature.State(focused: first, live: [first: LiveCard(text: LiveViewText())])
        #expect(Feature.reduce(&state, .key(KeyEvent(.escape)), context: context(card())) == [.liveKey(first, KeyEvent(.escape))])
    }

    @Test func anotherLayerTakesTheKeysFromTheCard() {
        var state = Feature.State(focused: first, expanded: [first])
        #expect(Feature.reduce(&state, .unfocus, context: context(card())).isEmpty)
        #expect(state.focused == nil && state.expanded == [first], "the card stays open")
    }

    @Test func aLiveViewsFirstDrawingOpensItsCardWithoutTakingTheKeys() {
        var state = Feature.State(focused: second)
        #expect(Feature.reduce(&state, .expand(first), context: context()).isEmpty)
        #expect(state.expanded == [first] && state.focused == second)
    }
}
