import Foundation
import Testing
import TestSupport

/// The directory's Registry tab in the real binary, against the replay of the real registry snapshot:
/// search, details, install with a variable and a secret (masked, kept in a 0600 file, never drawn),
/// then the registry gone and the saved copy searched with its date.
@Suite(.serialized, .enabled(if: ReplayRegistry.snapshot != nil, ReplayRegistry.missing))
struct RegistryEndToEndTests {
    static let secret = "esa-token-0123456789"

    @Test(.timeLimit(.minutes(3))) func searchDetailsInstallThenOffline() throws {
        let registry = try ReplayRegistry()
        let cache = TemporaryDirectory()
        // No PATH: the installed package's `npx` is never found, so nothing is downloaded or run.
        let session = try TmuxSession(width: 100, height: 30, environment: [
            "PATH": "/nonexistent", "CHATTUI_POLICY_FILE": "/nonexistent/policy.json", "XDG_CACHE_HOME": cache.url.path,
        ]) { folder in
            try LayoutEndToEndTests.noConnectors(folder)
            try "registry = \"\(registry.url.absoluteString)\"\n".write(to: folder.appendingPathComponent("config/chattui/config.toml"), atomically: true, encoding: .utf8)
        }
        try session.waitFor("0 connectors on")
        try WalkthroughTests.run(session, "/directory")
        try session.waitFor("Connectors directory")
        try session.send("BTab")
        try session.waitFor("the registry opened, its count and where from") { $0.contains("960 connectors from the registry at 127.0.0.1") }
        try session.type("koki-develop/esa")
        try session.waitFor("the entry found") { $0.contains("io.github.koki-develop/esa") && $0.contains("0.3.2 [npm] A Model Context Protocol") && $0.contains("1 match") }
        try session.send("Enter")
        let details = try session.waitFor("its details") { $0.contains("Package 1") }
        #expect(details.contains("npm @koki-develop/esa-mcp-server 0.3.2"), "\(details)")
        #expect(details.contains("ESA_ACCESS_TOKEN (required, secret)"))
        #expect(details.contains("Installing runs code from npm"), "packages run code: the warning shows before installing")
        try session.send("i")
        let installForm = try session.waitFor("the install form") { $0.contains("Install io.github.koki-develop/esa-mcp-server") && $0.contains("ESA_TEAM*") }
        #expect(installForm.contains("Runs: npx -y @koki-develop/esa-mcp-server@0.3.2"), "the form says what it will write: \(installForm)")
        try session.send("Tab")
        try session.type("myteam")
        try session.send("Tab")
        try session.type(Self.secret)
        let form = try session.waitFor("the secret typed, masked") { $0.contains(String(repeating: "•", count: Self.secret.count)) }
        #expect(!form.contains(Self.secret))
        try session.send("C-s")
        try session.waitFor("installed, on here, not trusted") { $0.contains("Connectors › esa-mcp-server") && $0.contains("on in this conversation only") }

        let config = session.dataDirectory.appendingPathComponent("config/chattui")
        let secrets = config.appendingPathComponent("secrets/esa-mcp-server.json")
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: secrets.path), Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: config.appendingPathComponent("connectors.json"))) as? [String: Any]
        let entry = try #require((root?["mcpServers"] as? [String: Any])?["esa-mcp-server"] as? [String: Any])
        #expect(entry["command"] as? String == "npx")
        #expect(entry["args"] as? [String] == ["-y", "@koki-develop/esa-mcp-server@0.3.2"])
        #expect(entry["env"] as? [String: String] == ["ESA_TEAM": "myteam", "ESA_ACCESS_TOKEN": "${ESA_ACCESS_TOKEN}"])
        #expect(entry["trusted"] == nil, "a registry entry installs untrusted")
        #expect(try String(contentsOf: secrets, encoding: .utf8).contains(Self.secret))
        #expect(try FileManager.default.attributesOfItem(atPath: secrets.path)[.posixPermissions] as? Int == 0o600)
        #expect(!String(decoding: session.rawOutput(), as: UTF8.self).contains(Self.secret), "the secret never reached the terminal")

        // The registry goes away; a day later the saved copy answers, with its date.
        registry.stop()
        try Self.backdateCopy(in: cache.url)
        try session.restart()
        try session.waitFor("connector")
        try WalkthroughTests.run(session, "/directory")
        try session.waitFor("Connectors directory")
        try session.send("BTab")
        let offline = try session.waitFor("the copy searched, with its date") { $0.contains("Offline: the copy saved 1 Dec 2025") }
        #expect(offline.contains("127.0.0.1 refused the connection"), "\(offline)")
        try session.type("koki-develop/esa")
        try session.waitFor("found in the copy") { $0.contains("0.3.2 [npm] A Model Context Protocol") }
    }

    /// `i` on an entry whose URL holds control characters says why it cannot be installed and writes
    /// nothing; a plain one's form shows the exact URL it will write.
    @Test(.timeLimit(.minutes(2))) func theInstallFormShowsTheURLItWritesAndRefusesControlCharacters() throws {
        let folder = TemporaryDirectory()
        let snapshot = folder.url.appendingPathComponent("hostile.json")
        let meta = ["io.modelcontextprotocol.registry/official": ["status": "active", "isLatest": true, "updatedAt": "2025-12-01T00:00:00Z"]]
        let entries: [[String: Any]] = [
            ["server": ["name": "io.evil/walker", "version": "1.0.0", "description": "walks",
                        "remotes": [["type": "streamable-http", "url": "https://evil.example/mcp\u{1B}]0;URLT\u{07}"]]], "_meta": meta],
            ["server": ["name": "io.fine/tenant", "version": "1.0.0", "description": "fine",
                        "remotes": [["type": "streamable-http", "url": "https://{team}.fine.example/mcp"]]], "_meta": meta],
        ]
        try JSONSerialization.data(withJSONObject: entries).write(to: snapshot)
        let registry = try ReplayRegistry(snapshot: snapshot)
        let session = try TmuxSession(width: 100, height: 30, environment: [
            "CHATTUI_POLICY_FILE": "/nonexistent/policy.json", "XDG_CACHE_HOME": folder.url.appendingPathComponent("cache").path,
        ]) { folder in
            try LayoutEndToEndTests.noConnectors(folder)
            try "registry = \"\(registry.url.absoluteString)\"\n".write(to: folder.appendingPathComponent("config/chattui/config.toml"), atomically: true, encoding: .utf8)
        }
        try session.waitFor("0 connectors on")
        try WalkthroughTests.run(session, "/directory")
        try session.waitFor("Connectors directory")
        try session.send("BTab")
        try session.type("walker")
        try session.waitFor("the entry found") { $0.contains("io.evil/walker") && $0.contains("1 match") }
        try session.send("Enter")
        try session.waitFor("its details") { $0.contains("Remote 1") }
        try session.send("i")
        let refused = try session.waitFor("refused") { $0.contains("cannot be installed") }
        #expect(refused.contains("control characters") && !refused.contains("Install io.evil/walker"), "\(refused)")
        let connectors = session.dataDirectory.appendingPathComponent("config/chattui/connectors.json")
        #expect(try String(contentsOf: connectors, encoding: .utf8) == #"{"mcpServers": {}}"#)

        try session.send("Escape")
        try session.waitFor("back to the list") { !$0.contains("Remote 1") }
        for _ in "walker" { try session.send("BSpace") }
        try session.type("tenant")
        try session.waitFor("the fine entry") { $0.contains("io.fine/tenant") && $0.contains("1 match") }
        try session.send("Enter")
        try session.waitFor("its details") { $0.contains("Remote 1") }
        try session.send("i")
        let form = try session.waitFor("the install form") { $0.contains("Install io.fine/tenant") }
        #expect(form.contains("Connects to: https://{team}.fine.example/mcp (http)"), "\(form)")
    }

    /// Makes the saved copy a day old, so opening tries the registry first.
    private static func backdateCopy(in cache: URL) throws {
        let folder = cache.appendingPathComponent("chattui/registry")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first)
        let file = folder.appendingPathComponent(name)
        var copy = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        copy["fetchedAt"] = "2025-12-01T09:00:00Z"
        try JSONSerialization.data(withJSONObject: copy).write(to: file)
    }
}
