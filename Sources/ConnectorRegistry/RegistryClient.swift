import Foundation
import HTTPStreaming

/// The MCP Registry's read API over our libcurl layer: `GET /v0.1/servers?search=&limit=&cursor=&version=latest`
/// and `/v0.1/servers/{name}/versions/latest`, falling back to `/v0` for deployments that predate v0.1.
/// Entries whose status is not `active` (deprecated, deleted) are never handed on.
public struct RegistryClient: Sendable {
    public static let official = URL(string: "https://registry.modelcontextprotocol.io")!

    public let base: URL
    public var timeout: Duration
    let environment: [String: String]

    public init(base: URL, timeout: Duration = .seconds(15), environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.base = base
        self.timeout = timeout
        self.environment = environment
    }

    public struct Page: Sendable, Equatable {
        public var entries: [RegistryEntry]
        public var nextCursor: String?
        /// Servers listed with a status other than active (deprecated, deleted): not shown, dropped from a copy.
        public var retired: [String]
        /// Entries that could not be read (the rest still are).
        public var unreadable: Int
    }

    /// One page of the latest versions, matching `search` when given.
    public func page(search: String? = nil, cursor: String? = nil, limit: Int = 100, updatedSince: String? = nil) async throws(RegistryError) -> Page {
        var query = [URLQueryItem(name: "limit", value: String(limit)), URLQueryItem(name: "version", value: "latest")]
        if let search, !search.isEmpty { query.append(URLQueryItem(name: "search", value: search)) }
        if let cursor { query.append(URLQueryItem(name: "cursor", value: cursor)) }
        if let updatedSince { query.append(URLQueryItem(name: "updated_since", value: updatedSince)) }
        let (url, data) = try await get(path: "servers", query: query)
        return try Self.decodePage(data, url: url)
    }

    /// Every latest version (following the cursor), or those updated since a time (RFC 3339), as one page.
    public func all(updatedSince: String? = nil, maximumPages: Int = 500) async throws(RegistryError) -> Page {
        var all = Page(entries: [], retired: [], unreadable: 0)
        var cursor: String?
        for _ in 0..<maximumPages {
            let page = try await page(cursor: cursor, updatedSince: updatedSince)
            all.entries += page.entries
            all.retired += page.retired
            all.unreadable += page.unreadable
            guard let next = page.nextCursor, !next.isEmpty, next != cursor else { break }
            cursor = next
        }
        return all
    }

    /// The latest version of one server, by its registry name (`io.github.owner/repo`).
    public func latest(name: String) async throws(RegistryError) -> RegistryEntry {
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? name
        let url: URL, data: Data
        do {
            (url, data) = try await get(path: "servers/\(encoded)/versions/latest", query: [])
        } catch .status(404, _) {
            // The listing answers at the same base, so the registry is there and the name is not.
            _ = try await page(limit: 1)
            throw .noEntry(name)
        }
        let entry: RegistryEntry
        do { entry = try JSONDecoder().decode(RegistryEntry.self, from: data) } catch {
            throw .malformed(url: url.absoluteString, detail: Self.reason(error))
        }
        guard entry.isActive else { throw .other("\(name) is \(entry.status) in the registry") }
        return entry
    }

    /// GETs `path` under `/v0.1`, or under `/v0` when the deployment does not know v0.1 (404).
    private func get(path: String, query: [URLQueryItem]) async throws(RegistryError) -> (URL, Data) {
        do {
            return try await get(url(version: "v0.1", path: path, query: query))
        } catch .status(404, _) {
            return try await get(url(version: "v0", path: path, query: query))
        }
    }

    private func url(version: String, path: String, query: [URLQueryItem]) -> URL {
        var components = URLComponents(url: base, resolvingAgainstBaseURL: false)!
        let prefix = components.percentEncodedPath.hasSuffix("/") ? String(components.percentEncodedPath.dropLast()) : components.percentEncodedPath
        components.percentEncodedPath = "\(prefix)/\(version)/\(path)"
        components.queryItems = query.isEmpty ? nil : query
        return components.url!
    }

    private func get(_ url: URL) async throws(RegistryError) -> (URL, Data) {
        let response: HTTPResponse
        do {
            response = try await CurlRequest.fetch("GET", url, headers: ["accept": "application/json"], timeout: timeout, maximumBody: 16 * 1024 * 1024)
        } catch {
            throw RegistryError.transfer(error, url: url, environment: environment)
        }
        guard (200..<300).contains(response.status) else { throw .status(response.status, url: Self.shown(url)) }
        return (url, response.body)
    }

    /// The URL without its query, for messages.
    static func shown(_ url: URL) -> String {
        var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        components?.query = nil
        return components?.string ?? url.absoluteString
    }

    static func decodePage(_ data: Data, url: URL) throws(RegistryError) -> Page {
        struct Lenient: Decodable {
            let entry: RegistryEntry?
            init(from decoder: any Decoder) throws { entry = try? RegistryEntry(from: decoder) }
        }
        struct Listing: Decodable {
            struct Metadata: Decodable { var nextCursor: String? }
            var servers: [Lenient]
            var metadata: Metadata?
        }
        let listing: Listing
        do { listing = try JSONDecoder().decode(Listing.self, from: data) } catch {
            throw .malformed(url: shown(url), detail: reason(error))
        }
        let read = listing.servers.compactMap(\.entry)
        return Page(entries: read.filter(\.isActive), nextCursor: listing.metadata?.nextCursor,
                    retired: read.filter { !$0.isActive }.map(\.name), unreadable: listing.servers.count - read.count)
    }

    static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted: return "not JSON"
        case DecodingError.keyNotFound(let key, _): return "no “\(key.stringValue)”"
        case DecodingError.typeMismatch(_, let context): return "unexpected “\(context.codingPath.map(\.stringValue).joined(separator: "."))”"
        default: return "\(error)"
        }
    }
}
