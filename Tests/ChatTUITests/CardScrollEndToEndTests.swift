import Foundation
import Testing
import TestSupport

/// Focusing the last card, in the real binary: a conversation whose last card (a `/task` result from
/// the Tasks built-in) sits just above a short last message. Tab and Alt-↑/↓ bring the card into view
/// without scrolling past the end: no blank rows under it and no false "more below".
@Suite(.serialized) struct CardScrollEndToEndTests {
    @Test(.timeLimit(.minutes(2)), arguments: [TerminalSize.wide, .narrow])
    func focusingTheLastCardNeverScrollsPastTheEnd(_ size: TerminalSize) throws {
        let session = try TmuxSession(width: size.width, height: size.height)
        try session.waitFor("the built-ins ready") { $0.contains(" on") && !$0.contains("starting") && $0.contains("Type a message") }
        try WalkthroughTests.run(session, "/connectors tasks")
        try session.waitFor("Tasks ready") { $0.contains("Connectors › tasks") && $0.contains("ready ·") }
        try session.send("Escape")
        try session.waitFor("the list") { $0.contains("Connectors ·") }
        try session.send("Escape")
        try session.waitFor("the panel closed") { !$0.contains("Connectors ·") }
        for note in 1...4 { try WalkthroughTests.run(session, "Earlier note \(note) to fill the transcript above the card.") }
        try session.type("Check the scroll")
        try session.send("C-t")
        try session.waitFor("the task form") { $0.contains("New task") }
        try session.send("C-s")
        try session.waitFor("the task's card") { $0.contains("Inbox") && !$0.contains("New task") }
        try WalkthroughTests.run(session, "Thanks, that is all.")
        try session.waitFor("the last message") { $0.contains("Thanks, that is all.") }

        try session.send("Tab")
        let focused = try session.waitFor("the card focused") { !$0.contains("Enter send") }
        Self.expectNoFalseMoreBelow(focused)
        try session.send("M-Up")
        try session.send("M-Down")
        Thread.sleep(forTimeInterval: 0.3)
        Self.expectNoFalseMoreBelow(try session.screen())
    }

    /// "More below" is never said with the transcript's last line (the no-model notice's end) on
    /// screen: that is a view run past the end into blank rows. A card taller than the screen is truly more below.
    static func expectNoFalseMoreBelow(_ screen: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let endInView = rows.contains { $0.hasSuffix("restart chattui.") || $0 == "chattui." }
        #expect(!(endInView && screen.contains("more below")), "\"more below\" past the end:\n\(screen)", sourceLocation: sourceLocation)
    }
}
