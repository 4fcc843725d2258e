import CWidth
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Terminal column widths of grapheme clusters.
///
/// Widths come from the C library's `wcwidth`, the same table ncurses uses
/// when it places characters, so what we lay out is what the terminal draws.
/// Emoji sequences (VS16, ZWJ, flags) are two columns, as modern terminals draw them.
public enum DisplayWidth {
    /// `wcwidth` only knows wide characters under a UTF-8 locale; make sure one is set once.
    private static let localeReady: Bool = {
        let current = setlocale(LC_CTYPE, nil).map { String(cString: $0) } ?? "C"
        if !current.uppercased().contains("UTF-8") && !current.uppercased().contains("UTF8") {
            if setlocale(LC_CTYPE, "C.UTF-8") == nil { _ = setlocale(LC_CTYPE, "en_US.UTF-8") }
        }
        return true
    }()

    /// Columns one grapheme cluster occupies: 0, 1 or 2.
    public static func of(_ character: Character) -> Int {
        _ = localeReady
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.isASCII { return first.value < 0x20 || first.value == 0x7F ? 0 : 1 }
        if scalars.count > 1 {
            if scalars.contains(where: { $0.value == 0xFE0F }) && first.properties.isEmoji { return 2 }
            if (0x1F1E6...0x1F1FF).contains(first.value) { return 2 }
            if scalars.contains(where: { $0.value == 0x200D }) && first.properties.isEmoji { return 2 }
        }
        if first.properties.isEmojiPresentation { return 2 }
        let width = Int(wcwidth(wchar_t(bitPattern: first.value)))
        return max(0, min(width, 2))
    }

    /// Columns a whole string occupies (no line breaks expected).
    public static func of(_ text: some StringProtocol) -> Int {
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    /// The longest prefix of `text` that fits in `columns`.
    public static func prefix(_ text: String, fitting columns: Int) -> Substring {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let width = of(text[index])
            if used + width > columns { break }
            used += width
            end = text.index(after: index)
        }
        return text[text.startIndex..<end]
    }

    /// `text` cut to `columns`, ending in an ellipsis when it had to be cut.
    public static func truncate(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        if of(text) <= columns { return text }
        return String(prefix(text, fitting: columns - 1)) + "…"
    }

    /// As many of `phrases`, from the first, as fit in `columns`, joined by `separator`, so a hint
    /// ends at a whole phrase rather than mid-word; when not even the first fits, it is cut with "…".
    public static func wholePhrases(_ phrases: [String], separator: String, fitting columns: Int) -> String {
        var shown = ""
        for phrase in phrases {
            let next = shown.isEmpty ? phrase : shown + separator + phrase
            guard of(next) <= columns else { break }
            shown = next
        }
        return shown.isEmpty ? truncate(phrases.first ?? "", to: columns) : shown
    }
}
