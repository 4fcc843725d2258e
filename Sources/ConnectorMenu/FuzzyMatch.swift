/// Subsequence matching with a score, the way command palettes filter:
/// every query character must appear in order; matches at the start, at word
/// starts and in runs score higher. Case-insensitive.
public struct FuzzyMatch: Equatable, Sendable {
    public let score: Int
    /// Offsets (in Characters) of the candidate that matched, for highlighting.
    public let positions: [Int]

    public static func match(_ query: String, in candidate: String) -> FuzzyMatch? {
        let needle = Array(query.lowercased())
        guard !needle.isEmpty else { return FuzzyMatch(score: 0, positions: []) }
        let haystack = Array(candidate.lowercased())
        var positions: [Int] = []
        var score = 0
        var searchFrom = 0
        var previous = -2
        for character in needle {
            guard let found = haystack[searchFrom...].firstIndex(of: character) else { return nil }
            positions.append(found)
            score += 1
            if found == 0 { score += 8 }
            if found == previous + 1 { score += 5 }
            if found > 0, !haystack[found - 1].isLetter, !haystack[found - 1].isNumber { score += 4 }
            score -= min(found - searchFrom, 3)
            previous = found
            searchFrom = found + 1
        }
        if haystack.count == needle.count { score += 10 }
        return FuzzyMatch(score: score, positions: positions)
    }
}
