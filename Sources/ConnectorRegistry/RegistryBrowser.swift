import Foundation

/// The registry as the directory browses it (the API the interface wires to): `open` loads the saved
/// copy or fetches one, `search` answers as the person types, `more` pages on as they scroll.
/// A search or page that arrives after a newer `search` began returns nil, so a stale answer never
/// overwrites a newer query. Debouncing keystrokes is the caller's (it owns the clock).
public actor RegistryBrowser {
    public struct Status: Sendable, Equatable {
        public var source: URL
        public var count: Int
        /// The date of the copy being searched.
        public var copyDate: Date
        /// Set when the registry could not be reached and the saved copy is searched instead.
        public var offline: RegistryError?
    }

    public struct Results: Sendable, Equatable {
        public var query: String
        public var entries: [RegistryEntry]
        /// Matches in all (nil when the registry searches and has not said).
        public var total: Int?
        public var hasMore: Bool
        public var problem: RegistryError?
    }

    public static let refreshAge: TimeInterval = 24 * 60 * 60
    public let pageSize: Int
    private let client: RegistryClient
    private let cache: RegistryCache
    private let now: @Sendable () -> Date
    private var index: RegistrySearchIndex?
    private var generation = 0
    private var query = ""
    /// The current query's position: an offset into local matches, or the registry's cursor.
    private var localMatches: [RegistryEntry] = []
    private var shown = 0
    private var cursor: String?

    public init(client: RegistryClient, cache: RegistryCache, pageSize: Int = 50, now: @escaping @Sendable () -> Date = Date.init) {
        self.client = client
        self.cache = cache
        self.pageSize = pageSize
        self.now = now
    }

    /// Loads the saved copy when it is less than a day old; otherwise brings it up to date (only what
    /// changed since, with `updated_since`) or fetches it whole. When the registry cannot be reached
    /// the saved copy is used, saying so; with no copy either, the reason is thrown.
    public func open() async throws(RegistryError) -> Status {
        let saved = cache.load(client.base)
        if let saved, now().timeIntervalSince(saved.fetchedAt) < Self.refreshAge {
            index = RegistrySearchIndex(entries: saved.entries)
            return Status(source: client.base, count: saved.entries.count, copyDate: saved.fetchedAt)
        }
        // Whole seconds: the copy's date is written as RFC 3339 without fractions, and must read back the same.
        let started = Date(timeIntervalSince1970: now().timeIntervalSince1970.rounded(.down))
        do {
            let copy: RegistryCopy
            if let saved {
                let changes = try await client.all(updatedSince: saved.fetchedAt.formatted(.iso8601))
                copy = saved.merging(changes, at: started)
            } else {
                copy = RegistryCopy(source: client.base.absoluteString, fetchedAt: started, entries: try await client.all().entries)
            }
            try? cache.save(copy, for: client.base)
            index = RegistrySearchIndex(entries: copy.entries)
            return Status(source: client.base, count: copy.entries.count, copyDate: copy.fetchedAt)
        } catch {
            guard let saved else { throw error }
            index = RegistrySearchIndex(entries: saved.entries)
            return Status(source: client.base, count: saved.entries.count, copyDate: saved.fetchedAt, offline: error)
        }
    }

    /// The first page of entries matching `text`: from the loaded copy at once, else from the registry's search.
    public func search(_ text: String) async -> Results? {
        generation += 1
        let mine = generation
        query = text
        cursor = nil
        if let index {
            localMatches = index.search(text)
            shown = min(pageSize, localMatches.count)
            return Results(query: text, entries: Array(localMatches.prefix(shown)), total: localMatches.count, hasMore: shown < localMatches.count)
        }
        return await remotePage(text, after: nil, generation: mine)
    }

    /// The next page of the current query (the local copy, or the registry's cursor).
    public func more() async -> Results? {
        if index != nil {
            let next = min(shown + pageSize, localMatches.count)
            defer { shown = next }
            return Results(query: query, entries: Array(localMatches[shown..<next]), total: localMatches.count, hasMore: next < localMatches.count)
        }
        guard let cursor else { return Results(query: query, entries: [], hasMore: false) }
        return await remotePage(query, after: cursor, generation: generation)
    }

    private func remotePage(_ text: String, after: String?, generation mine: Int) async -> Results? {
        do {
            let page = try await client.page(search: text, cursor: after, limit: pageSize)
            guard mine == generation else { return nil }
            cursor = page.nextCursor
            return Results(query: text, entries: page.entries, hasMore: page.nextCursor != nil)
        } catch {
            guard mine == generation else { return nil }
            return Results(query: text, entries: [], hasMore: false, problem: error)
        }
    }

    /// One server's latest entry: from the copy, else from the registry.
    public func details(_ name: String) async throws(RegistryError) -> RegistryEntry {
        if let found = index?.entry(named: name) { return found }
        return try await client.latest(name: name)
    }

    public var source: URL { client.base }

    /// Asks the registry itself for one entry, whatever copy is saved: nil when it answers, else why not.
    public func reach() async -> RegistryError? {
        do { _ = try await client.page(limit: 1); return nil } catch { return error }
    }

    /// Everything in the loaded copy (nil before `open` succeeded), for counting and benchmarks.
    public var loaded: RegistrySearchIndex? { index }
}
