import Foundation
import TerminalText
import TerminalUI
import Testing
@testable import ChatFeatures

/// The sign-in card on its own: its state, the session's news and keys in, what it asks of the app out.
@Suite struct SignInFeatureTests {
    func send(_ action: SignInFeature.Action, _ card: inout SignInFeature.State, keymap: Keymap = .standard) -> [SignInFeature.Delegate] {
        SignInFeature.reduce(&card, action, keymap: keymap)
    }

    func type(_ text: String, _ card: inout SignInFeature.State) {
        for character in text { #expect(send(.key(.char(character)), &card).isEmpty) }
    }

    @Test func copyingAndPastingWaitForTheAddress() {
        var card = SignInFeature.State(connector: "linear")
        #expect(send(.key(.alt(.character("c"))), &card).isEmpty, "no address to copy yet")
        type("code-1", &card)
        #expect(send(.key(KeyEvent(.enter)), &card).isEmpty, "nothing to finish before the sign-in started")
        #expect(card.status == .starting)

        #expect(send(.started(url: "https://auth.example/authorize?x=1", port: 33418), &card).isEmpty)
        #expect(send(.key(.alt(.character("c"))), &card) == [.flash("Copied the sign-in URL.", isError: false), .copyLink("https://auth.example/authorize?x=1")])
        #expect(send(.key(KeyEvent(.enter)), &card) == [.finish(pasted: "code-1")])
        #expect(card.status == .finishing)
    }

    /// Over SSH the person pastes the address the browser landed on; Enter finishes with it.
    @Test func aPastedAddressFinishesTheSignIn() {
        var card = SignInFeature.State(connector: "linear")
        _ = send(.started(url: "https://auth.example/a", port: 1), &card)
        #expect(send(.paste("http://127.0.0.1:1/callback?code=abc\n"), &card).isEmpty)
        #expect(send(.key(KeyEvent(.enter)), &card) == [.finish(pasted: "http://127.0.0.1:1/callback?code=abc")])
    }

    @Test func anEmptyPasteFinishesNothing() {
        var card = SignInFeature.State(connector: "linear")
        _ = send(.started(url: "https://auth.example/a", port: 1), &card)
        type("   ", &card)
        #expect(send(.key(KeyEvent(.enter)), &card).isEmpty)
        #expect(card.status == .waiting(url: "https://auth.example/a", port: 1))
    }

    @Test func escClosesAndCancelsAndTheSessionsNewsIsSaid() {
        var card = SignInFeature.State(connector: "linear")
        #expect(send(.key(KeyEvent(.escape)), &card) == [.close, .cancel])
        #expect(send(.failed("no metadata"), &card).isEmpty)
        #expect(card.status == .failed("no metadata"))
        #expect(send(.finished, &card) == [.flash("Signed in to linear.", isError: false), .close])
        #expect(SignInFeature.offScreen(.failed("no metadata"), connector: "notion") == [.flash("notion: no metadata", isError: true)])
        #expect(SignInFeature.offScreen(.started(url: "https://a", port: 1), connector: "notion").isEmpty)
    }

    /// Its keys are its own table in the app's keymap, so `[keys.sign-in]` rebinds them and the card's hint follows.
    @Test func itsKeysAreItsOwnTableAndRebindable() {
        #expect(Keymap.standard.bindings[.signIn]?.map(\.command) == SignInFeature.bindings[.signIn]?.map(\.command))
        #expect(Keymap.common.bindings[.signIn] == nil)
        let (keymap, problems) = Keymap.standard.rebinding([.init(layer: "sign-in", key: "ctrl-q", command: "close")])
        #expect(problems.isEmpty)
        var card = SignInFeature.State(connector: "linear")
        #expect(send(.key(.ctrl("q")), &card, keymap: keymap) == [.close, .cancel])
        _ = send(.failed("no metadata"), &card, keymap: keymap)
        var buffer = CellBuffer(width: 80, height: 20)
        SignInFeature.draw(card, width: 80, height: 20, theme: .monochrome, keymap: keymap, into: &buffer)
        #expect(buffer.textLines().joined().contains("Ctrl-Q goes back"))
    }
}
