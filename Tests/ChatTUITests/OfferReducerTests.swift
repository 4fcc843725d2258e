import ConversationModel
import Foundation
import MCPClient
import TestSupport
import Testing
@testable import ChatFeatures
@testable import ChatTUI
@testable import LiveSession
@testable import TerminalBackend

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
        #expect(harness.state.slashMenu?.selected?.name == "notes:review")
        #expect(harness.state.slashMenu?.selected?.argumentHint == "topic [tone]")
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
        #expect(harness.state.slashMenu?.entries.isEmpty == true)
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

@Suite struct ModelSetupTests {
    @Test(arguments: [("claude-sonnet-4-5", true), ("claude-opus-4-5-20251101", true), ("claude-sonnet-4-5-20250929", true),
                      ("claude-opus-4-1", false), ("claude-3-5-sonnet-latest", false), ("claude-haiku-4-5", false), ("claude-opus-5", true)])
    func toolSearchByModel(model: String, supported: Bool) {
        #expect(ModelSetup.supportsToolSearch(model) == supported)
    }

    /// `[oauth] client_metadata_url` is every connector's document unless the connector names its own; a bad one is a problem, not used.
    @Test func theGlobalClientMetadataDocumentIsTheDefault() throws {
        let folder = TemporaryDirectory()
        let global = "https://example.com/chattui/client.json"
        try "[oauth]\nclient_metadata_url = \"\(global)\"\n".write(to: folder.url.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        let setup = ModelSetup.load(configDirectory: folder.url, environment: [:])
        var connector = ServerConfiguration(name: "a", transport: .http(url: URL(string: "https://a.example/mcp")!, headers: [:]))
        #expect(setup.signInClient(for: connector).clientMetadataURL == global)
        connector.oauth = .init(clientMetadataURL: "https://example.com/own.json")
        #expect(setup.signInClient(for: connector).clientMetadataURL == "https://example.com/own.json")
        try "[oauth]\nclient_metadata_url = \"http://example.com/c.json\"\n".write(to: folder.url.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        let bad = ModelSetup.load(configDirectory: folder.url, environment: [:])
        #expect(bad.clientMetadataURL == nil && bad.problems.first?.contains("client_metadata_url must be an https URL") == true)
    }
}
