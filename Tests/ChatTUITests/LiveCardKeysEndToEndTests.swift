import Foundation
import Testing
import TestSupport

/// A live card driven as a person drives it, in the real binary under tmux: numbers past 9 typed as
/// in lynx, one numbering for controls and links, and a select's options shown while it is open.
@Suite(.serialized) struct LiveCardKeysEndToEndTests {
    static func board(extraButtons: Int, folder: TemporaryDirectory) throws -> (TmuxSession, LocalServer) {
        let model = try TurnEndToEndTests.model(["anthropic_live_board_call", "anthropic_text"], folder: folder)
        let session = try TmuxSession(width: 100, height: 60, environment: ["ANTHROPIC_BASE_URL": "http://127.0.0.1:\(model.port)",
                                                                         "ANTHROPIC_API_KEY": "test"],
                                      prepare: { try LiveCardEndToEndTests.prepareLiveApps($0, extraButtons: extraButtons) })
        try LiveCardEndToEndTests.showBoard(session)
        return (session, model)
    }

    @Test(.timeLimit(.minutes(3))) func numbersPastNineAreTypedDigitByDigit() throws {
        let folder = TemporaryDirectory()
        let (session, model) = try Self.board(extraButtons: 3, folder: folder)
        try LiveCardEndToEndTests.waitForCard(session, "[ Extra 3 ]")
        try session.send("Tab")
        let screen = try session.waitFor("the card focused, saying how numbers past 9 are typed") { $0.contains("1–12 focus (1 2 is 12)") }
        #expect(LiveCardEndToEndTests.number(of: "Extra 3", in: screen) == 11, "\(screen)")
        #expect(LiveCardEndToEndTests.number(of: "Release notes", in: screen) == 12, "the link is numbered with the controls:\n\(screen)")

        // 1 then 1 at once is 11: its button, pressed with Space, writes the next message.
        try session.type("11")
        try session.send("Space")
        try LiveCardEndToEndTests.waitForCard(session, "Extra 3 pressed")

        // A lone 1 is taken after a short pause: the title box gets the focus, and the next 1 is text in it.
        try session.type("1")
        Thread.sleep(forTimeInterval: 2)
        try session.type("1")
        try LiveCardEndToEndTests.waitForCard(session, "Title: [1_")
        _ = model
    }

    /// prefab-ui's select (a script's listbox): open, its options show under it and take no number.
    @Test(.timeLimit(.minutes(3))) func aScriptsSelectShowsItsOptionsAndKeepsTheNumbers() throws {
        let folder = TemporaryDirectory()
        let (session, model) = try Self.board(extraButtons: 0, folder: folder)
        try LiveCardEndToEndTests.waitForCard(session, "[ File issue ]")
        try session.send("Tab")
        _ = try session.waitFor("the card focused with its live keys") { $0.contains("next control") }
        try session.type("2")
        try session.send("Space")
        let open = try LiveCardEndToEndTests.waitForCard(session, "(•) Website")
        #expect(LiveCardEndToEndTests.number(of: "Urgent", in: open) == 3, "opening the select renumbers nothing:\n\(open)")
        #expect(LiveCardEndToEndTests.number(of: "Mobile app", in: open) == nil, "the options carry no number of their own:\n\(open)")
        try session.send("Down")
        try LiveCardEndToEndTests.waitForCard(session, "› ( ) Mobile app")
        try session.send("Enter")
        try LiveCardEndToEndTests.waitForCard(session, "[Mobile app ▾]")
        _ = model
    }

    /// A link in the view, reached by its number, opens as a card's links do: Enter asks first.
    @Test(.timeLimit(.minutes(3))) func enterOnAViewsLinkAsksBeforeOpeningIt() throws {
        let folder = TemporaryDirectory()
        let (session, model) = try Self.board(extraButtons: 0, folder: folder)
        try LiveCardEndToEndTests.waitForCard(session, "Release notes")
        try session.send("Tab")
        let screen = try session.waitFor("the card focused with its live keys") { $0.contains("next control") }
        let link = try #require(LiveCardEndToEndTests.number(of: "Release notes", in: screen), "the link is numbered:\n\(screen)")
        try session.type(String(link))
        Thread.sleep(forTimeInterval: 1.5)
        try session.send("Enter")
        try LiveCardEndToEndTests.waitForCard(session, "Open a page on example.org?")
        try session.send("n")
        try LiveCardEndToEndTests.waitForCard(session, "Not opened.")
        _ = model
    }

    /// The card's own keys are reached with Alt while the view has the letters; the status line says so.
    @Test(.timeLimit(.minutes(3))) func altReachesTheCardsOwnKeys() throws {
        let folder = TemporaryDirectory()
        let (session, model) = try Self.board(extraButtons: 0, folder: folder)
        try LiveCardEndToEndTests.waitForCard(session, "[ File issue ]")
        try session.send("Tab")
        try session.waitFor("the card focused with its live keys") { $0.contains("next control") }
        try LiveCardEndToEndTests.waitForCard(session, "Alt-A actions")
        try session.send("M-a")
        try session.waitFor("the connector's actions") { $0.contains("Actions · live") }
        try session.send("Escape")
        try session.waitFor("the actions closed") { !$0.contains("Actions · live") }
        try session.send("M-m")
        try session.waitFor("the card's text in the message") { $0.contains("The card's text is in your message.") }
        _ = model
    }
}
