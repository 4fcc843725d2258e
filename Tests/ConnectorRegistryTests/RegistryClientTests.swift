import ConnectorRegistry
import Foundation
import MCPClient
import Testing
import TestSupport

/// The registry client against the replay of a real snapshot, and against registries that fail each way.
@Suite(.serialized, .timeLimit(.minutes(2)), .enabled(if: ReplayRegistry.snapshot != nil, ReplayRegistry.missing))
struct RegistryClientTests {
    @Test func followsTheCursorToEveryLatestServer() async throws {
        let registry = try ReplayRegistry()
        let all = try await RegistryClient(base: registry.url).all()
        #expect(all.entries.count == 960, "the snapshot's 960 servers, one latest version each")
        #expect(Set(all.entries.map(\.name)).count == 960)
        #expect(all.unreadable == 0, "every real entry decodes")
        #expect(registry.requests.count == 10, "pages of 100: \(registry.requests)")
        #expect(registry.requests.allSatisfy { $0.hasPrefix("/v0.1/servers?") && $0.contains("version=latest") })
        #expect(all.entries.filter { !($0.server.remotes ?? []).isEmpty }.count == 449)
    }

    @Test func hidesServersThatAreNotActive() async throws {
        let registry = try ReplayRegistry("--retire", "com.infobip/mcp")
        let page = try await RegistryClient(base: registry.url).page(search: "infobip")
        #expect(!page.entries.contains { $0.name == "com.infobip/mcp" })
        #expect(page.retired == ["com.infobip/mcp"])
    }

    @Test func fallsBackToV0() async throws {
        let registry = try ReplayRegistry("--mode", "v0only")
        let entry = try await RegistryClient(base: registry.url).latest(name: "com.infobip/mcp")
        #expect(entry.server.version == "2.0.0")
        #expect(registry.requests.map { String($0.prefix(6)) } == ["/v0.1/", "/v0/se"])
    }

    @Test func namesAnHTTPStatus() async throws {
        let registry = try ReplayRegistry("--mode", "error500")
        let error = await #expect(throws: RegistryError.self) { try await RegistryClient(base: registry.url).page() }
        #expect(error == .status(500, url: "\(registry.url.absoluteString)/v0.1/servers"))
        #expect(error?.description.contains("try again later") == true)
    }

    @Test func namesAMalformedAnswer() async throws {
        let registry = try ReplayRegistry("--mode", "malformed")
        let error = await #expect(throws: RegistryError.self) { try await RegistryClient(base: registry.url).page() }
        guard case .malformed(_, let detail)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(detail == "not JSON")
    }

    @Test func namesATimeout() async throws {
        let registry = try ReplayRegistry("--mode", "slow", "--delay", "10")
        let error = await #expect(throws: RegistryError.self) { try await RegistryClient(base: registry.url, timeout: .seconds(1)).page() }
        #expect(error == .timeout(host: "127.0.0.1"))
    }

    @Test func namesARefusedConnection() async throws {
        let registry = try ReplayRegistry()
        registry.stop()
        let error = await #expect(throws: RegistryError.self) { try await RegistryClient(base: registry.url).page() }
        #expect(error == .refused(host: "127.0.0.1"))
    }

    @Test func namesAFailedLookup() async throws {
        let error = await #expect(throws: RegistryError.self) { try await RegistryClient(base: URL(string: "http://registry.invalid")!).page() }
        #expect(error == .dns(host: "registry.invalid"))
        #expect(error?.remedy.contains("resolve") == true)
    }

    @Test func policyPinsOrForbidsTheRegistry() throws {
        var policy = ConnectorPolicy()
        #expect(try RegistrySource.resolve(nil, policy: policy).get() == RegistryClient.official)
        #expect(try RegistrySource.resolve(.address("https://mcp.example.com/registry"), policy: policy).get().host == "mcp.example.com")
        #expect(throws: RegistryError.self) { try RegistrySource.resolve(.off, policy: policy).get() }
        policy.registry = .pinned("https://registry.corp.example")
        #expect(try RegistrySource.resolve(.address("https://elsewhere.example"), policy: policy).get().host == "registry.corp.example")
        policy.registry = .forbidden
        #expect(throws: RegistryError.self) { try RegistrySource.resolve(.address("https://elsewhere.example"), policy: policy).get() }
    }
}
