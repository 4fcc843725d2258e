import Foundation

/// Searches the registry's entries locally, as the person types: every word of the query must appear
/// in the entry's name, title or description (any case); matches in the server's own name (after the
/// namespace's `/`) or title rank first, then the namespace and description.
/// Text is lowercased once, when the index is built, so a keystroke costs a byte search per entry.
public struct RegistrySearchIndex: Sendable {
    public let entries: [RegistryEntry]
    /// Per entry: the short name and title, then the full name and description, lowercased UTF-8.
    private let heads: [[UInt8]]
    private let bodies: [[UInt8]]

    public init(entries: [RegistryEntry]) {
        self.entries = entries.sorted { $0.name < $1.name }
        heads = self.entries.map { entry in
            let shortName = entry.name.split(separator: "/").last.map(String.init) ?? entry.name
            return Array((shortName + " " + (entry.server.title ?? "")).lowercased().utf8)
        }
        bodies = self.entries.map { Array(($0.name + " " + ($0.server.description ?? "")).lowercased().utf8) }
    }

    public var count: Int { entries.count }

    /// The entries matching `query`, best first (all of them, by name, for an empty query).
    public func search(_ query: String) -> [RegistryEntry] {
        let words = query.lowercased().split(whereSeparator: \.isWhitespace).map { Array($0.utf8) }
        guard !words.isEmpty else { return entries }
        var ranked: [(score: Int, index: Int)] = []
        for index in entries.indices {
            var score = 0
            var matches = true
            for word in words {
                if Self.contains(heads[index], word) {
                    score += heads[index].starts(with: word) ? 3 : 2
                } else if Self.contains(bodies[index], word) {
                    score += 1
                } else {
                    matches = false
                    break
                }
            }
            if matches { ranked.append((score, index)) }
        }
        ranked.sort { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }
        return ranked.map { entries[$0.index] }
    }

    public func entry(named name: String) -> RegistryEntry? { entries.first { $0.name == name } }

    /// A plain byte search: the texts are short (a description is a sentence or two).
    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count else { return needle.isEmpty }
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { word in
                var start = 0
                let last = hay.count - word.count
                while start <= last {
                    if hay[start] == first {
                        var offset = 1
                        while offset < word.count && hay[start + offset] == word[offset] { offset += 1 }
                        if offset == word.count { return true }
                    }
                    start += 1
                }
                return false
            }
        }
    }
}
