import CCrypto
import Foundation

/// SHA-256 from the system's OpenSSL: PKCE challenges and the digest of an approved project file.
enum Digest {
    static func sha256<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        let input = Array(bytes)
        _ = SHA256(input, input.count, &digest)
        return digest
    }

    static func sha256Hex(_ data: Data) -> String {
        sha256(data).map { String(format: "%02x", $0) }.joined()
    }
}
