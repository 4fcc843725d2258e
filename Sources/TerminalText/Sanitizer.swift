/// Makes untrusted text safe to show in a terminal.
///
/// Everything a server, a model or a file sends passes through here before it
/// is laid out: escape sequences (CSI, OSC, DCS, ...) are removed whole, other
/// C0/C1 controls become visible control pictures, bidirectional overrides and
/// characters that hide text (tags, runs of variation selectors) are dropped,
/// and invalid UTF-8 becomes U+FFFD. Nothing here can fail.
public enum Sanitizer {
    /// Decodes bytes as UTF-8, replacing invalid sequences, then sanitises.
    public static func text(fromBytes bytes: some Collection<UInt8>, keepNewlines: Bool = true) -> String {
        clean(String(decoding: Array(bytes), as: UTF8.self), keepNewlines: keepNewlines)
    }

    /// Untrusted text for one line: controls and line breaks neutralised.
    public static func line(_ text: String) -> String { clean(text, keepNewlines: false) }

    /// A value the person is about to approve or send, on one line with nothing hidden: where
    /// `line` drops an escape sequence whole (and the text inside it), this shows every control
    /// and invisible formatting character as a visible mark, so no payload hides in a field.
    public static func revealing(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x00..<0x20: output.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case 0x7F: output.append(Unicode.Scalar(0x2421)!)
            case 0x80..<0xA0, 0x2028, 0x2029, _ where isDropped(scalar.value):
                output.append(contentsOf: "⟨U+\(String(scalar.value, radix: 16, uppercase: true))⟩".unicodeScalars)
            default: output.append(scalar)
            }
        }
        return String(output)
    }

    /// Sanitises a string. With `keepNewlines`, `\n` survives (tabs become spaces);
    /// without, line breaks become spaces too (for titles and one-line fields).
    public static func clean(_ text: String, keepNewlines: Bool = true) -> String {
        if isAlreadyClean(text, keepNewlines: keepNewlines) { return text }
        var output = String.UnicodeScalarView()
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            switch scalar.value {
            case 0x0A:
                output.append(contentsOf: keepNewlines ? "\n".unicodeScalars : " ".unicodeScalars)
            case 0x0D:
                if scalars.first?.value != 0x0A { output.append(contentsOf: keepNewlines ? "\n".unicodeScalars : " ".unicodeScalars) }
            case 0x09:
                output.append(contentsOf: "    ".unicodeScalars)
            case 0x1B:
                skipEscapeSequence(&scalars)
            case 0x9B:
                skipControlSequenceBody(&scalars)
            case 0x90, 0x9D, 0x9E, 0x9F, 0x98:
                skipStringBody(&scalars)
            case 0x00..<0x20:
                output.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case 0x7F:
                output.append(Unicode.Scalar(0x2421)!)
            case 0x80..<0xA0:
                output.append(Unicode.Scalar(0xFFFD)!)
            case 0x2028, 0x2029:
                output.append(contentsOf: keepNewlines ? "\n".unicodeScalars : " ".unicodeScalars)
            case _ where isDropped(scalar.value):
                continue
            case _ where isVariationSelector(scalar.value):
                if let previous = output.last, !isVariationSelector(previous.value) { output.append(scalar) }
            default:
                output.append(scalar)
            }
        }
        return String(output)
    }

    private static func isAlreadyClean(_ text: String, keepNewlines: Bool) -> Bool {
        var afterSelector = true  // a selector with nothing before it selects nothing
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x20 && !(keepNewlines && value == 0x0A) { return false }
            if value >= 0x7F && value < 0xA0 { return false }
            if (0x2028...0x2029).contains(value) || isDropped(value) { return false }
            let selector = isVariationSelector(value)
            if selector && afterSelector { return false }
            afterSelector = selector
        }
        return true
    }

    /// Invisible format characters that reorder or hide text: bidi overrides,
    /// isolates and marks; tag characters, which spell ASCII no one sees but a
    /// model reads (a subdivision flag loses its tags and shows as 🏴); and
    /// interlinear annotation marks; zero-width spaces, word joiners, invisible operators, the
    /// byte-order mark, soft hyphens and the Mongolian vowel separator, which split or hide a word
    /// (`pay\u{200B}pal`) and which terminals draw in a cell of their own, pushing a card's border
    /// out of line. Joiners (ZWJ, ZWNJ) stay: emoji
    /// sequences and scripts such as Persian need them, and they hide no text.
    private static func isDropped(_ value: UInt32) -> Bool {
        switch value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C, 0xE0000...0xE007F, 0xFFF9...0xFFFB,
             0x200B, 0x2060...0x2064, 0xFEFF, 0x00AD, 0x180E: return true
        default: return false
        }
    }

    /// One selector after a character picks its emoji or CJK form; a run of
    /// them (or one with nothing before it) can only carry hidden bytes, so
    /// only the first after a character is kept.
    private static func isVariationSelector(_ value: UInt32) -> Bool {
        (0xFE00...0xFE0F).contains(value) || (0xE0100...0xE01EF).contains(value)
    }

    /// After ESC: drops the rest of the sequence it starts.
    private static func skipEscapeSequence(_ scalars: inout ArraySlice<Unicode.Scalar>) {
        guard let next = scalars.popFirst() else { return }
        switch next {
        case "[": skipControlSequenceBody(&scalars)
        case "]", "P", "X", "^", "_": skipStringBody(&scalars)
        default:
            // Two- or three-character sequences: intermediates 0x20–0x2F, then a final byte.
            if (0x20...0x2F).contains(next.value) {
                while let scalar = scalars.first, (0x20...0x2F).contains(scalar.value) { scalars.removeFirst() }
                if !scalars.isEmpty { scalars.removeFirst() }
            }
        }
    }

    /// CSI parameters and intermediates up to and including the final byte (0x40–0x7E).
    private static func skipControlSequenceBody(_ scalars: inout ArraySlice<Unicode.Scalar>) {
        while let scalar = scalars.popFirst() {
            if (0x40...0x7E).contains(scalar.value) { return }
            if !(0x20...0x3F).contains(scalar.value) { return }
        }
    }

    /// OSC/DCS/APC/PM/SOS bodies up to BEL or ST (ESC \ or 0x9C), capped so a
    /// missing terminator cannot swallow a whole document.
    private static func skipStringBody(_ scalars: inout ArraySlice<Unicode.Scalar>) {
        var consumed = 0
        while let scalar = scalars.first, consumed < 4096 {
            scalars.removeFirst()
            consumed += 1
            if scalar.value == 0x07 || scalar.value == 0x9C { return }
            if scalar.value == 0x1B {
                if scalars.first == "\\" { scalars.removeFirst() }
                return
            }
        }
    }
}
