import Foundation

/// Where an encoded JSON-RPC message's parts sit in its bytes, found in one
/// pass without decoding it, so the stateless envelope can be spliced into the
/// bytes the SDK encoded instead of parsing and writing the message again.
/// Only what the envelope needs is read: the method, whether there is an id,
/// where `params` and `params._meta` open, and the string value of one params key.
struct MessageOutline {
    /// Where an object's members begin (just after its `{`), and whether it has none.
    struct Opening { var offset: Int; var isEmpty: Bool }

    private(set) var method: String?
    private(set) var hasID = false
    private(set) var message: Opening?
    private(set) var params: Opening?
    private(set) var meta: Opening?
    /// The string value of `params[namedBy]`, if asked for.
    private(set) var name: String?

    /// Nil when the bytes are not one JSON object.
    init?(_ data: Data, nameKey: (String) -> String? = { _ in nil }) {
        let found: MessageOutline? = data.withUnsafeBytes { bytes in
            var scanner = JSONScanner(bytes: bytes)
            var outline = MessageOutline(empty: ())
            var paramsAt: Int?
            // Each opening is kept in a local first: the closures write to `outline` meanwhile.
            let message = scanner.members { scanner, key in
                switch key {
                case "method": outline.method = scanner.stringValue(); return outline.method != nil
                case "id": outline.hasID = true; return scanner.skipValue()
                case "params": paramsAt = scanner.at; return scanner.skipValue()
                default: return scanner.skipValue()
                }
            }
            guard let message else { return nil }
            outline.message = message
            // `params` may come before `method`: read it once the method (and so the name key) is known.
            if let paramsAt {
                scanner.at = paramsAt
                let nameKey = outline.method.flatMap(nameKey)
                let params = scanner.members { scanner, key in
                    if key == "_meta" {
                        outline.meta = scanner.members { scanner, _ in scanner.skipValue() }
                        return outline.meta != nil
                    }
                    if key == nameKey { outline.name = scanner.stringValue(); return outline.name != nil }
                    return scanner.skipValue()
                }
                guard let params else { return nil }
                outline.params = params
            }
            return outline
        }
        guard let found else { return nil }
        self = found
    }

    private init(empty: Void) {}
}

/// A forward-only reader of JSON bytes: objects, strings, and skipping whatever else.
private struct JSONScanner {
    let bytes: UnsafeRawBufferPointer
    var at = 0

    private static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")

    private var current: UInt8? { at < bytes.count ? bytes[at] : nil }

    private mutating func skipSpace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { at += 1 }
    }

    private mutating func expect(_ character: Unicode.Scalar) -> Bool {
        skipSpace()
        guard current == UInt8(ascii: character) else { return false }
        at += 1
        return true
    }

    /// The raw contents of a string (between its quotes), escapes left as they are.
    private mutating func rawString() -> (range: Range<Int>, escaped: Bool)? {
        guard expect("\"") else { return nil }
        let start = at
        var escaped = false
        while let byte = current {
            if byte == Self.backslash { escaped = true; at += 2; continue }
            if byte == Self.quote { defer { at += 1 }; return (start..<at, escaped) }
            at += 1
        }
        return nil
    }

    /// A string value, unescaped; nil if the value is not a string.
    mutating func stringValue() -> String? {
        guard let (range, escaped) = rawString() else { return nil }
        let raw = UnsafeRawBufferPointer(rebasing: bytes[range])
        guard escaped else { return String(decoding: raw, as: UTF8.self) }
        // Rare (the SDK escapes `/`): let Foundation undo the escapes of this one string.
        let quoted = Data([Self.quote]) + Data(raw) + Data([Self.quote])
        return (try? JSONSerialization.jsonObject(with: quoted, options: .fragmentsAllowed)) as? String
    }

    /// Walks an object's members; `member` is called with the scanner at the
    /// value and must consume it. Returns where the members begin.
    mutating func members(_ member: (inout JSONScanner, String) -> Bool) -> MessageOutline.Opening? {
        guard expect("{") else { return nil }
        let opening = MessageOutline.Opening(offset: at, isEmpty: { var probe = self; return probe.expect("}") }())
        if opening.isEmpty { _ = expect("}"); return opening }
        repeat {
            guard let key = stringValue(), expect(":"), member(&self, key) else { return nil }
        } while expect(",")
        return expect("}") ? opening : nil
    }

    /// Skips one value of any kind.
    mutating func skipValue() -> Bool {
        skipSpace()
        switch current {
        case Self.quote: return rawString() != nil
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            while let byte = current {
                if byte == Self.quote { guard rawString() != nil else { return false }; continue }
                at += 1
                if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") { depth += 1 }
                if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") { depth -= 1; if depth == 0 { return true } }
            }
            return false
        case nil: return false
        default:
            let start = at
            while let byte = current, !(byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]")
                                       || byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D) { at += 1 }
            return at > start
        }
    }
}
