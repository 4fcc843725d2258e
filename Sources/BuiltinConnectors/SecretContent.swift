import Foundation

/// Text that carries a secret whatever the file is called: a private key, a URL with a password
/// in it (`.git/config` of a clone made with a token), an `Authorization:` header (the extraheader
/// CI checkouts leave in `.git/config`), npm and Docker registry credentials, an access key or token
/// in a shape the big services use, or a `NAME_TOKEN=value` line as `.env` copies and notes hold them.
enum SecretContent {
    private static let rules: [(what: String, pattern: NSRegularExpression)] = [
        ("a private key", #"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----|^PuTTY-User-Key-File-\d+:"#),
        ("a URL with a password", #"\b[a-z][a-z0-9+.-]*://[^\s/:@]+:[^\s/@]+@"#),
        ("a credential header", #"\bauthorization\s*:\s*(?:basic|bearer|token)\s+[A-Za-z0-9+/=._~-]{12,}"#),
        ("a registry credential", #"_auth(?:Token)?\s*=\s*\S{8,}|"auth"\s*:\s*"[A-Za-z0-9+/=]{12,}""#),
        ("an access token", #"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b|\b(?:ghp|gho|ghs|ghu|ghr)_[A-Za-z0-9]{30,}|\bgithub_pat_[A-Za-z0-9_]{40,}|\bglpat-[A-Za-z0-9_-]{20,}|\bnpm_[A-Za-z0-9]{36}\b|\bxox[abposr]-[A-Za-z0-9-]{10,}|\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{32,}|\bAIza[0-9A-Za-z_-]{35}\b"#),
        ("a secret setting", #"^\s*(?:export\s+)?[A-Za-z0-9_.-]*(?:secret|token|password|passwd|api_?key|access_?key|private_?key|credential)[A-Za-z0-9_.-]*\s*[=:]\s*["']?[A-Za-z0-9_\-/+=.~]{12,}["']?\s*$"#),
    ].map { ($0.0, try! NSRegularExpression(pattern: $0.1, options: [.anchorsMatchLines, .caseInsensitive])) }

    /// What secret `text` holds, or nil.
    static func secret(in text: String) -> String? {
        let range = NSRange(text.startIndex..., in: text)
        return rules.first { $0.pattern.firstMatch(in: text, range: range) != nil }?.what
    }
}
