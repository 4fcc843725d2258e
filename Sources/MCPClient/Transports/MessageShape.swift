import Foundation

/// The check every transport makes on what arrives before handing it to the SDK.
enum MessageShape {
    /// A JSON-RPC message is an object, or an array for a batch (judged by its
    /// first and last bytes: a full parse would double the SDK's own).
    static func looksLikeJSON(_ data: Data) -> Bool {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        guard let first = data.first(where: { !isSpace($0) }), let last = data.last(where: { !isSpace($0) }) else { return false }
        return (first == UInt8(ascii: "{") && last == UInt8(ascii: "}")) || (first == UInt8(ascii: "[") && last == UInt8(ascii: "]"))
    }
}
