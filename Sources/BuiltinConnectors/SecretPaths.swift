import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The paths Files refuses because they hold secrets: folders and files of credentials,
/// the person's own `deny` patterns less their `allow` exceptions, and chattui's own
/// folders (settings, conversations, sign-in tokens), which no exception opens.
///
/// A pattern is a shell glob (case-insensitive). One without `/` matches any component of a
/// path (`.ssh`, `*.pem`: the folder and everything in it); `a/b` matches those components in
/// a row; one starting with `/` or `~/` matches from the root or the home folder.
public struct SecretPaths: Sendable {
    struct Pattern: Sendable {
        let text: String
        let components: [String]
        let anchored: Bool
        /// A component matching this too is not a match (public keys beside private ones).
        var unless: String?
    }

    public static let credentialPatterns = [
        ".ssh", ".gnupg", ".aws", ".azure", ".config/gcloud", ".kube", ".docker/config.json", ".netrc", ".pgpass",
        ".npmrc", ".pypirc", ".git-credentials", ".env*", "*.env", "*.env.*", "*.pem", "*.key", "*.ppk", "id_*",
    ]

    let deny: [Pattern]
    let allow: [Pattern]
    let privateFolders: [String]

    /// `privateFolders` are refused with everything in them whatever `allow` says.
    public init(deny: [String] = [], allow: [String] = [], privateFolders: [URL], home: String) {
        func pattern(_ text: String) -> Pattern {
            let expanded = text.hasPrefix("~/") ? home + String(text.dropFirst(1)) : text
            return Pattern(text: text, components: expanded.split(separator: "/").map(String.init), anchored: expanded.hasPrefix("/"),
                           unless: text == "id_*" ? "*.pub" : nil)
        }
        self.deny = (Self.credentialPatterns + deny).map(pattern)
        self.allow = allow.map(pattern)
        self.privateFolders = privateFolders.map { $0.standardizedFileURL.resolvingSymlinksInPath().path }
    }

    /// Why Files must not read or name `path` (absolute), or nil when it may.
    public func refusal(for path: String) -> String? {
        if let folder = privateFolders.first(where: { path == $0 || path.hasPrefix($0 + "/") }) {
            return "\(path) is in chattui's own folder \(folder) (settings, conversations, sign-in tokens); Files never reads it."
        }
        let components = path.split(separator: "/").map(String.init)
        guard let (denied, depth) = deepestMatch(deny, in: components) else { return nil }
        if let (_, allowedDepth) = deepestMatch(allow, in: components), allowedDepth >= depth { return nil }
        return "\(path) may hold secrets (it matches “\(denied.text)”), so Files does not read it. "
            + "To let it, list it in `allow` under [files] in config.toml."
    }

    /// The pattern whose match ends deepest in `components`, and that depth: an exception
    /// (`allow`) opens only what is not refused further down.
    private func deepestMatch(_ patterns: [Pattern], in components: [String]) -> (Pattern, Int)? {
        var best: (Pattern, Int)?
        for pattern in patterns where !pattern.components.isEmpty {
            let starts = pattern.anchored ? [0] : Array(0..<components.count)
            for start in starts where start + pattern.components.count <= components.count {
                let matches = pattern.components.indices.allSatisfy { Self.glob(pattern.components[$0], components[start + $0]) }
                let last = start + pattern.components.count - 1
                if matches, pattern.unless.map({ !Self.glob($0, components[last]) }) ?? true, last >= (best?.1 ?? -1) {
                    best = (pattern, last)
                }
            }
        }
        return best
    }

    static func glob(_ pattern: String, _ name: String) -> Bool {
        fnmatch(pattern.lowercased(), name.lowercased(), 0) == 0
    }

    /// Why Files must not read `path` (absolute) holding `text`, or nil when it may: a secret in
    /// the text refuses it too, unless the person's `allow` names the file.
    public func refusal(for path: String, holding text: String) -> String? {
        guard let secret = SecretContent.secret(in: text) else { return nil }
        let components = path.split(separator: "/").map(String.init)
        if deepestMatch(allow, in: components) != nil { return nil }
        return "\(path) holds \(secret), so Files does not read it. To let it, list it in `allow` under [files] in config.toml."
    }
}
