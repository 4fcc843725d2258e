import ConversationModel
import Foundation
import MCPClient
import TestSupport
import Testing
@testable import LiveSession

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

    /// `view_deadline` gives views longer; `CHATTUI_VIEW_DEADLINE` overrides it; out of range is said and the default kept.
    @Test func theViewDeadlineComesFromTheFileOrTheEnvironment() throws {
        let folder = TemporaryDirectory()
        let file = folder.url.appendingPathComponent("config.toml")
        #expect(ModelSetup.load(configDirectory: folder.url, environment: [:]).viewDeadline == 10)
        try "view_deadline = 30\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(ModelSetup.load(configDirectory: folder.url, environment: [:]).viewDeadline == 30)
        #expect(ModelSetup.load(configDirectory: folder.url, environment: ["CHATTUI_VIEW_DEADLINE": "45"]).viewDeadline == 45)
        let unset = ModelSetup.load(configDirectory: folder.url, environment: ["CHATTUI_VIEW_DEADLINE": "soon"])
        #expect(unset.viewDeadline == 30 && unset.problems == ["CHATTUI_VIEW_DEADLINE must be a number of seconds from 1 to 120 (30 is used)"])
        try "view_deadline = 0\n".write(to: file, atomically: true, encoding: .utf8)
        let zero = ModelSetup.load(configDirectory: folder.url, environment: [:])
        #expect(zero.viewDeadline == 10 && zero.problems.first?.hasSuffix("config.toml: view_deadline must be a number of seconds from 1 to 120 (10 is used)") == true)
    }
}
