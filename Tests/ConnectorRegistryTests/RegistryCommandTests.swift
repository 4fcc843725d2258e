import Foundation
import Testing
import TestSupport

/// `chattui mcp search/show/install` and `doctor` against the replay, run as a person would.
@Suite(.serialized, .timeLimit(.minutes(3)), .enabled(if: ReplayRegistry.snapshot != nil, ReplayRegistry.missing))
struct RegistryCommandTests {
    let person = RegistryPerson()
    var folder: TemporaryDirectory { person.folder }

    private func chattui(_ arguments: [String], registry: URL, environment: [String: String] = [:]) throws -> Spawn.Result {
        try person.chattui(arguments, registry: registry, environment: environment)
    }

    @Test func searchShowInstallThenOffline() throws {
        let registry = try ReplayRegistry()
        let search = try chattui(["mcp", "search", "figma"], registry: registry.url)
        #expect(search.status == 0, "\(search.output)")
        #expect(search.output.contains("960 connectors from the registry at 127.0.0.1"), "\(search.output)")
        #expect(search.output.contains("io.github.GLips/Figma-Context-MCP 0.6.0 [npm]"))

        let show = try chattui(["mcp", "show", "com.infobip/mcp"], registry: registry.url)
        #expect(show.output.contains("Remote 1: streamable-http https://mcp.infobip.com/sms"))
        #expect(show.output.contains("header: Authorization (secret): Infobip API key"))

        let install = try chattui(["mcp", "install", "com.infobip/mcp", "--set-from-env", "INFOBIP_API_KEY", "--yes"], registry: registry.url,
                                  environment: ["INFOBIP_API_KEY": "sk-from-env"])
        #expect(install.status == 0, "\(install.output)")
        #expect(install.output.contains("warning: Registry entries are not verified"))
        #expect(install.output.contains("Installed infobip (http: https://mcp.infobip.com/sms)"))
        let get = try chattui(["mcp", "get", "infobip"], registry: registry.url)
        #expect(get.output.contains("Headers: Authorization: …") && !get.output.contains("sk-from-env"), "\(get.output)")

        registry.stop()
        // A day later, with the registry gone: the saved copy answers, saying so and from when.
        let cacheFile = try #require(FileManager.default.enumerator(atPath: folder.url.appendingPathComponent("cache/chattui/registry").path)?.nextObject() as? String)
        let path = folder.url.appendingPathComponent("cache/chattui/registry/\(cacheFile)").path
        var copy = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        copy["fetchedAt"] = "2025-12-01T09:00:00Z"
        try JSONSerialization.data(withJSONObject: copy).write(to: URL(fileURLWithPath: path))
        let offline = try chattui(["mcp", "search", "figma"], registry: registry.url)
        #expect(offline.status == 0)
        #expect(offline.output.contains("The registry cannot be reached: 127.0.0.1 refused the connection"), "\(offline.output)")
        #expect(offline.output.contains("Searching the copy saved 1 Dec 2025"), "\(offline.output)")
        #expect(offline.output.contains("Figma-Context-MCP"))
        let doctor = try chattui(["doctor"], registry: registry.url)
        #expect(doctor.output.contains("refused the connection (nothing is listening there) (searching the copy saved 1 Dec 2025"), "\(doctor.output)")
    }

    @Test func namesTheProxyAndTheMissingRegistry() throws {
        let closed = freeLocalPort()
        let registry = URL(string: "http://registry.example.test:8080")!
        let proxied = try chattui(["mcp", "search", "x"], registry: registry, environment: ["http_proxy": "http://127.0.0.1:\(closed)", "NO_PROXY": ""])
        #expect(proxied.status != 0)
        #expect(proxied.output.contains("the proxy failed: http://127.0.0.1:\(closed) refused the connection"), "\(proxied.output)")
        #expect(proxied.output.contains("HTTPS_PROXY"))

        let doctor = try chattui(["doctor"], registry: URL(string: "http://registry.invalid")!)
        #expect(doctor.output.contains("Registry"))
        #expect(doctor.output.contains("registry.invalid could not be found (DNS lookup failed)"), "\(doctor.output)")
    }
}
