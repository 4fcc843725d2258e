import Testing
import ConversationModel
import TerminalText
@testable import ChatFeatures
@testable import TerminalUI

/// Focusing a card scrolls it into view, never past the end of the transcript: when what follows
/// the card's message fits on screen the view follows the end, with no "more below" marker.
@Suite struct CardScrollTests {
    /// A conversation whose last card is in the message before a short last one.
    static func harness(width: Int, height: Int) -> Harness {
        var harness = Harness(width: width, height: height, messages: Fixtures.conversation + [
            CardReducerTests.result(readOnly: false), Fixtures.message(11, .user, "Thanks, that is all."),
        ])
        _ = harness.takeEffects()
        return harness
    }

    @Test(arguments: [(100, 30), (50, 20)])
    func focusingTheLastCardKeepsTheEndInView(width: Int, height: Int) {
        var harness = Self.harness(width: width, height: height)
        harness.press(.tab)
        #expect(harness.state.cards.focused == CardAddress(message: 10, block: 0))
        let screen = harness.lines()
        #expect(screen.contains { $0.contains("tracker · Create issue") }, "the card in view:\n\(screen.joined(separator: "\n"))")
        Self.expectNoFalseMoreBelow(screen)
        // Moving off the card and back lands the same way.
        harness.press(.alt(.up))
        harness.press(.alt(.down))
        Self.expectNoFalseMoreBelow(harness.lines())
    }

    /// "More below" is never said with the transcript's last line (the no-model notice's end) in view:
    /// that is a view run past the end into blank rows. At 50×20 the notice truly goes on below the card.
    static func expectNoFalseMoreBelow(_ screen: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        let endInView = screen.contains { $0.trimmingCharacters(in: .whitespaces).hasSuffix("restart chattui.") || $0.trimmingCharacters(in: .whitespaces) == "chattui." }
        #expect(!(endInView && screen.contains { $0.contains("more below") }), "\"more below\" past the end:\n\(screen.joined(separator: "\n"))",
                sourceLocation: sourceLocation)
    }
}
