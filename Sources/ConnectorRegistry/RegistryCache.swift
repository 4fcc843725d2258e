import Foundation

/// The registry's latest entries as last fetched, kept on disk under `$XDG_CACHE_HOME/chattui/registry/`
/// (one file per registry address), because the registry promises no uptime and asks clients to cache.
public struct RegistryCopy: Codable, Equatable, Sendable {
    /// The registry it came from.
    public var source: String
    /// When it was last brought up to date.
    public var fetchedAt: Date
    public var entries: [RegistryEntry]

    public init(source: String, fetchedAt: Date, entries: [RegistryEntry]) {
        self.source = source
        self.fetchedAt = fetchedAt
        self.entries = entries
    }

    /// The entries after applying changes fetched with `updated_since`: a changed server replaces its
    /// old version, one no longer active goes.
    func merging(_ changes: RegistryClient.Page, at date: Date) -> RegistryCopy {
        var byName = Dictionary(entries.map { ($0.name, $0) }, uniquingKeysWith: { $1 })
        for name in changes.retired { byName[name] = nil }
        for change in changes.entries { byName[change.name] = change }
        return RegistryCopy(source: source, fetchedAt: date, entries: byName.keys.sorted().map { byName[$0]! })
    }
}

public struct RegistryCache: Sendable {
    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    /// `$XDG_CACHE_HOME/chattui/registry` (`~/.cache` when unset).
    public init(environment: [String: String]) {
        let root = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".cache")
        directory = root.appendingPathComponent("chattui/registry")
    }

    /// The file for one registry: its host and path made into a file name, so two registries never share one.
    public func file(for source: URL) -> URL {
        let key = (source.host ?? "registry") + (source.port.map { "_\($0)" } ?? "") + source.path
        let safe = String(key.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" })
        return directory.appendingPathComponent(safe + ".json")
    }

    public func load(_ source: URL) -> RegistryCopy? {
        guard let data = FileManager.default.contents(atPath: file(for: source).path) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        // A damaged copy is as good as none: the next fetch replaces it.
        return try? decoder.decode(RegistryCopy.self, from: data)
    }

    public func save(_ copy: RegistryCopy, for source: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        try encoder.encode(copy).write(to: file(for: source), options: .atomic)
    }
}
