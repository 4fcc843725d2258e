import Foundation
import Testing
import TestSupport
@testable import MCPClient

@Suite struct ServerConfigurationTests {
    @Test func parsesTheStandardShape() throws {
        let json = """
            {"mcpServers": {
              "files": {"command": "npx", "args": ["-y", "server"], "env": {"KEY": "v"}},
              "linear": {"url": "https://mcp.linear.app/mcp", "headers": {"X-A": "b"}}
            }}
            """
        let servers = try ServerConfiguration.parse(json: Data(json.utf8))
        #expect(servers.map(\.name) == ["files", "linear"])
        #expect(servers[0].transport == .stdio(command: "npx", arguments: ["-y", "server"], environment: ["KEY": "v"], workingDirectory: nil))
        #expect(servers[1].transport == .http(url: URL(string: "https://mcp.linear.app/mcp")!, headers: ["X-A": "b"]))
    }

    /// A `${VAR}` is expanded to run the connector but shown as written, so a key never reaches a
    /// list, the details or the screen (a project file naming one cannot show it off).
    @Test func addressesShowVariablesAsWritten() throws {
        let json = """
            {"mcpServers": {
              "remote": {"url": "https://example.com/mcp?k=${OPENAI_API_KEY}"},
              "local": {"command": "run", "args": ["--token", "${OPENAI_API_KEY}"]}
            }}
            """
        let parsed = try ServerConfiguration.parse(json: Data(json.utf8), environment: ["OPENAI_API_KEY": "sk-secret"])
        let byName = Dictionary(uniqueKeysWithValues: parsed.map { ($0.name, $0) })
        #expect(byName["remote"]?.shownAddress == "https://example.com/mcp?k=${OPENAI_API_KEY}")
        #expect(byName["local"]?.shownAddress == "run --token ${OPENAI_API_KEY}")
        #expect(byName["remote"]?.address.contains("sk-secret") == true && byName["local"]?.address.contains("sk-secret") == true)
    }

    @Test func rejectsEntriesWithoutCommandOrURL() {
        #expect(throws: ServerConfigurationError.invalidEntry(name: "x", reason: "needs a \"command\" or a \"url\"")) {
            try ServerConfiguration.parse(json: Data(#"{"mcpServers": {"x": {}}}"#.utf8))
        }
        #expect(throws: ServerConfigurationError.self) {
            try ServerConfiguration.parse(json: Data(#"{"mcpServers": {"x": {"url": "ftp://a"}}}"#.utf8))
        }
    }
}

@Suite struct ConfigurationDetailsTests {
    @Test func typesTimeoutsAndVariables() throws {
        let json = """
            {"mcpServers": {
              "remote": {"type": "http", "url": "https://${HOST}/mcp", "headers": {"Authorization": "Bearer ${TOKEN:-none}"}},
              "legacy": {"type": "sse", "url": "http://127.0.0.1:9/sse", "timeout": 5000},
              "local": {"command": "${HOME}/bin/server", "args": ["--dir", "${DIR:-/tmp}"], "cwd": "${HOME}"}
            }}
            """
        let servers = try ServerConfiguration.parse(json: Data(json.utf8), environment: ["HOST": "mcp.example.com", "HOME": "/home/me"])
        #expect(servers[2].transport == .http(url: URL(string: "https://mcp.example.com/mcp")!, headers: ["Authorization": "Bearer none"]))
        #expect(servers[0].transport == .sse(url: URL(string: "http://127.0.0.1:9/sse")!, headers: [:]))
        #expect(servers[0].requestTimeout == .seconds(5))
        #expect(servers[1].transport == .stdio(command: "/home/me/bin/server", arguments: ["--dir", "/tmp"], environment: [:], workingDirectory: "/home/me"))
        #expect(servers[1].requestTimeout == .seconds(60))
    }

    /// A client ID metadata document is the client's identity: only an https URL with a path is taken, and an entry naming another fails alone.
    @Test func aClientMetadataDocumentMustBeAnHTTPSURLWithAPath() throws {
        let document = "https://example.com/chattui/oauth-client-metadata.json"
        let json = #"{"mcpServers": {"a": {"url": "https://a.example/mcp", "oauth": {"clientMetadataUrl": "\#(document)"}}}}"#
        #expect(try ServerConfiguration.parse(json: Data(json.utf8)).first?.oauth?.clientMetadataURL == document)
        for bad in ["http://example.com/client.json", "https://example.com/", "not a url"] {
            let entry = #"{"mcpServers": {"a": {"url": "https://a.example/mcp", "oauth": {"clientMetadataUrl": "\#(bad)"}}}}"#
            #expect(throws: ServerConfigurationError.invalidEntry(name: "a", reason: "oauth.clientMetadataUrl "
                + ServerConfiguration.OAuthClientSettings.problem(withClientMetadataURL: bad)!)) {
                try ServerConfiguration.parse(json: Data(entry.utf8))
            }
        }
    }

    @Test func missingVariablesAndBadValuesAreNamed() {
        #expect(throws: ServerConfigurationError.invalidEntry(name: "x", reason: "NOPE is not set")) {
            try ServerConfiguration.parse(json: Data(#"{"mcpServers": {"x": {"command": "${NOPE}"}}}"#.utf8), environment: [:])
        }
        #expect(throws: ServerConfigurationError.self) {
            try ServerConfiguration.parse(json: Data(#"{"mcpServers": {"x": {"url": "https://a", "type": "carrier-pigeon"}}}"#.utf8))
        }
        #expect(throws: ServerConfigurationError.self) { try ServerConfiguration.parse(json: Data("{not json".utf8)) }
    }

    @Test func editsKeepOtherKeysAndTheFileStaysPrivate() throws {
        let folder = TemporaryDirectory()
        let files = ConnectorConfigurationFiles(configDirectory: folder.url, workingDirectory: nil)
        try Data(#"{"theme": "kept", "mcpServers": {"a": {"command": "user-a"}, "b": {"command": "user-b"}}}"#.utf8).write(to: files.userFile)
        try files.add(name: "c", entry: ["type": "http", "url": "https://c.example/mcp"])
        #expect(try files.remove(name: "a"))
        #expect(try !files.remove(name: "missing"))
        try files.setField("trusted", to: true, of: "b")
        let text = try String(contentsOf: files.userFile, encoding: .utf8)
        #expect(text.contains("\"theme\" : \"kept\""))
        let read = files.read(environment: [:])
        #expect(read.person.map(\.name) == ["b", "c"])
        #expect(try read.person[0].configuration.get().isTrusted)
        let mode = try FileManager.default.attributesOfItem(atPath: files.userFile.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func aBrokenFileIsReportedAndTheOtherStillReads() throws {
        let folder = TemporaryDirectory()
        let files = ConnectorConfigurationFiles(configDirectory: folder.url, workingDirectory: folder.url)
        try Data("{broken".utf8).write(to: files.userFile)
        try Data(#"{"mcpServers": {"p": {"command": "p"}}}"#.utf8).write(to: folder.url.appendingPathComponent(".mcp.json"))
        let read = files.read(environment: [:])
        #expect(read.project?.entries.map(\.name) == ["p"])
        #expect(read.problems.first?.file == files.userFile.path)
    }
}
