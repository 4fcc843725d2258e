import ConnectorRegistry
import Foundation
import Testing
import TestSupport

/// The browser's copy on disk: fetched once, reused for a day, refreshed with `updated_since`, searched
/// offline when the registry is gone; and a slow answer to an old query never replaces a newer one.
@Suite(.serialized, .timeLimit(.minutes(2)), .enabled(if: ReplayRegistry.snapshot != nil, ReplayRegistry.missing))
struct RegistryBrowserTests {
    let cacheFolder = TemporaryDirectory()

    private func browser(_ registry: ReplayRegistry, daysLater days: Double = 0) -> RegistryBrowser {
        RegistryBrowser(client: RegistryClient(base: registry.url, timeout: .seconds(5)), cache: RegistryCache(directory: cacheFolder.url),
                        now: { Date().addingTimeInterval(days * 86_400) })
    }

    @Test func savesACopyAndSearchesItOfflineWithItsDate() async throws {
        let registry = try ReplayRegistry()
        let first = try await browser(registry).open()
        #expect(first.count == 960 && first.offline == nil)
        let fetches = registry.requests.count

        let sameDay = try await browser(registry).open()
        #expect(registry.requests.count == fetches, "a copy less than a day old is used as it is")
        #expect(sameDay.copyDate == first.copyDate)

        registry.stop()
        let offline = browser(registry, daysLater: 2)
        let status = try await offline.open()
        #expect(status.offline == .refused(host: "127.0.0.1"))
        #expect(status.count == 960)
        #expect(status.copyDate == first.copyDate, "the copy's own date is shown")
        let results = try #require(await offline.search("infobip"))
        #expect(results.entries.first?.name == "com.infobip/mcp")
    }

    @Test func refreshesAnOldCopyWithWhatChangedSince() async throws {
        let registry = try ReplayRegistry()
        _ = try await browser(registry).open()
        let before = registry.requests.count
        let retiring = try ReplayRegistry("--retire", "com.infobip/mcp")
        let cache = RegistryCache(directory: cacheFolder.url)
        // The copy was taken from the first replay; the same registry later, at the second's address.
        let copy = try #require(cache.load(registry.url))
        try cache.save(RegistryCopy(source: copy.source, fetchedAt: Date(timeIntervalSince1970: 1_760_000_000), entries: copy.entries), for: retiring.url)
        let status = try await RegistryBrowser(client: RegistryClient(base: retiring.url), cache: cache).open()
        #expect(retiring.requests.allSatisfy { $0.contains("updated_since=2025-10-09T08") }, "\(retiring.requests)")
        #expect(registry.requests.count == before)
        #expect(status.count == 959, "the retired server leaves the copy")
        #expect(try #require(cache.load(retiring.url)).fetchedAt > Date(timeIntervalSince1970: 1_760_000_000))
    }

    @Test func noCopyAndNoRegistrySaysWhy() async throws {
        let registry = try ReplayRegistry("--mode", "error500")
        await #expect(throws: RegistryError.status(500, url: "\(registry.url.absoluteString)/v0.1/servers")) { try await browser(registry).open() }
    }

    @Test func aStaleAnswerNeverOverwritesANewerQuery() async throws {
        let registry = try ReplayRegistry("--slow-search", "git", "--delay", "2")
        let browser = browser(registry)  // not opened: searches go to the registry
        async let stale = browser.search("git")
        try await Task.sleep(for: .milliseconds(300))
        let newer = try #require(await browser.search("github"))
        #expect(newer.entries.allSatisfy { $0.name.lowercased().contains("github") } && !newer.entries.isEmpty)
        #expect(await stale == nil, "the slow answer to \"git\" came after \"github\" was asked")
        let more = try #require(await browser.more())
        #expect(more.query == "github")
        #expect(registry.requests.last?.contains("cursor=50") == true, "the next page of the newer query: \(registry.requests)")
    }

    @Test func pagesThroughLocalMatches() async throws {
        let registry = try ReplayRegistry()
        let browser = browser(registry)
        _ = try await browser.open()
        let first = try #require(await browser.search(""))
        #expect(first.entries.count == 50 && first.total == 960 && first.hasMore)
        var seen = first.entries.count
        while let page = await browser.more(), !page.entries.isEmpty { seen += page.entries.count }
        #expect(seen == 960)
    }
}
