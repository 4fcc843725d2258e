import ConnectorMenu
import ConversationModel
import Foundation
import TestSupport
import Testing
@testable import ChatFeatures

@Suite struct OfferReducerTests {
    static let review = PromptEntry(connector: "notes", name: "review", title: "Review a topic", description: nil,
                                    arguments: [.init(name: "topic", description: "What to review", isRequired: true),
                                                .init(name: "tone", description: nil, isRequired: false)])
    static let today = ResourceEntry(connector: "notes", uri: "notes://today", name: "today", mimeType: "text/plain", description: nil)

    func harness(enabled: Set<String> = ["notes"]) -> Harness {
        var harness = Harness(width: 70, height: 20, modelName: "m/x")
        var notes = ConnectorInfo(name: "notes", transport: "stdio", address: "notes-server")
        notes.health = .ready
        notes.prompts = [Self.review]
        notes.resources = [Self.today]
        harness.send(.connectorChanged(notes))
        harness.state.connectorUses = Dictionary(uniqueKeysWithValues: enabled.map { ($0, .on) })
        return harness
    }

    @Test func promptsOfEnabledConnectorsAreSlashCommandsWithAForm() {
        var harness = harness()
        harness.type("/notes:re")
        #expect(harness.state.composer.slashMenu?.selected?.name == "notes:review")
        #expect(harness.state.composer.slashMenu?.selected?.argumentHint == "topic [tone]")
        harness.press(.enter)
        guard case .form(let form)? = harness.state.overlay else { Issue.record("no form"); return }
        #expect(form.fields.form.fields.map(\.name) == ["topic", "tone"])
        harness.press(.ctrl("s"))
        guard case .form(let blocked)? = harness.state.overlay else { Issue.record("the form closed"); return }
        #expect(blocked.fields.problem(at: 0) == "required", "shown beside the field")
        #expect(blocked.fields.focus == 0)
        _ = harness.takeEffects()
        harness.type("the plan")
        harness.press(.ctrl("s"))
        #expect(harness.state.overlay == nil)
        #expect(harness.takeEffects() == [.getPrompt(Self.review, arguments: ["topic": "the plan"])])
        harness.send(.promptLoaded(Self.review, "Please review the plan."))
        #expect(harness.state.composer.field.text == "Please review the plan.")
    }

    @Test func promptsOfConnectorsThatAreOffAreNotOffered() {
        var harness = harness(enabled: [])
        harness.type("/notes")
        #expect(harness.state.composer.slashMenu?.entries.isEmpty == true)
    }

    @Test func atOpensTheResourcePickerAndTheAttachmentIsReadBeforeSending() {
        var harness = harness()
        harness.type("see @")
        guard case .resources(let picker)? = harness.state.overlay else { Issue.record("no picker"); return }
        #expect(picker.matches == [Self.today])
        harness.type("tod")
        harness.press(.enter)
        #expect(harness.state.composer.attachments == [Self.today])
        #expect(harness.state.composer.field.text == "see ")
        _ = harness.takeEffects()
        harness.type("this")
        harness.press(.enter)
        #expect(harness.takeEffects().contains(.readAttachments(1, "see this", [Self.today], answer: true)))
        harness.send(.attachmentsFailed("see this", [Self.today], reason: "today: not found"))
        #expect(harness.state.composer.field.text == "see this")
        #expect(harness.state.composer.attachments == [Self.today])
        #expect(harness.state.turn == nil)
    }

    @Test func anAtInsideAWordIsJustAnAt() {
        var harness = harness()
        harness.type("me@example.com")
        #expect(harness.state.overlay == nil)
        #expect(harness.state.composer.field.text == "me@example.com")
    }

    @Test func backspaceInAnEmptyComposerRemovesTheLastAttachment() {
        var harness = harness()
        harness.type("@")
        harness.press(.enter)
        #expect(harness.state.composer.attachments.count == 1)
        harness.press(.backspace)
        #expect(harness.state.composer.attachments.isEmpty)
    }
}
