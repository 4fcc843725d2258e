import Foundation
import HTTPStreaming

/// Why a registry (or any directory URL) could not be loaded, named by its cause, with what to try.
public enum RegistryError: Error, Equatable, Sendable, CustomStringConvertible {
    case dns(host: String)
    case refused(host: String)
    case tls(host: String, detail: String)
    case proxy(detail: String)
    case timeout(host: String)
    case status(Int, url: String)
    case malformed(url: String, detail: String)
    /// `registry = false` in config.toml, or the managed policy forbids it.
    case off(String)
    /// The registry answered, and has no server of that name.
    case noEntry(String)
    case other(String)

    public var description: String { "\(cause). \(remedy)" }

    /// What failed, in one clause.
    public var cause: String {
        switch self {
        case .dns(let host): return "\(host) could not be found (DNS lookup failed)"
        case .refused(let host): return "\(host) refused the connection (nothing is listening there)"
        case .tls(let host, let detail): return "the secure connection to \(host) failed (TLS: \(detail))"
        case .proxy(let detail): return "the proxy failed: \(detail)"
        case .timeout(let host): return "\(host) did not answer in time"
        case .status(let code, let url): return "\(url) answered HTTP \(code)"
        case .malformed(let url, let detail): return "\(url) did not answer with a registry listing (\(detail))"
        case .off(let why): return "the registry is off: \(why)"
        case .noEntry(let name): return "the registry has no entry named \(name)"
        case .other(let detail): return detail
        }
    }

    /// What the person can try.
    public var remedy: String {
        switch self {
        case .dns: return "Check the address in `registry` (config.toml) and that this machine can resolve names (offline? VPN?)."
        case .refused: return "Check the address and port in `registry` (config.toml), or whether the server is running."
        case .tls: return "Check the machine's clock and CA certificates; a company proxy that inspects TLS needs its certificate installed (CURL_CA_BUNDLE)."
        case .proxy: return "Check HTTPS_PROXY / https_proxy and NO_PROXY; unset them if no proxy is needed."
        case .timeout: return "The registry may be slow or unreachable from here; try again, or check your connection and proxy."
        case .status(let code, _) where code == 404: return "Is `registry` (config.toml) the base URL of an MCP registry (it serves /v0.1/servers)?"
        case .status(let code, _) where code == 401 || code == 403: return "The registry refused access; a private registry may need you to be on its network."
        case .status: return "The registry is having trouble; try again later (chattui keeps using its saved copy meanwhile)."
        case .malformed: return "Is `registry` (config.toml) the base URL of an MCP registry? Its answer was not the registry's JSON."
        case .noEntry: return "Try `chattui mcp search WORDS` to find its name."
        case .off: return "Set `registry = \"URL\"` in config.toml to turn it on (unless your policy forbids it)."
        case .other: return "Try again; `chattui doctor` checks the registry."
        }
    }

    /// Names a transfer failure by its cause: libcurl's code, and whether a proxy was in the way.
    public static func transfer(_ error: any Error, url: URL, environment: [String: String]) -> RegistryError {
        let host = url.host ?? url.absoluteString
        guard let failure = error as? CurlRequest.Failure, let code = failure.code else {
            return error is CurlRequest.TooLarge ? .malformed(url: url.absoluteString, detail: "the answer is too large") : .other("\(host): \(error)")
        }
        let proxy = proxy(for: url, environment: environment)
        switch code {
        case 5: return .proxy(detail: "\(proxy ?? "the proxy") could not be found (DNS lookup failed)")
        case 6: return .dns(host: host)
        case 7 where proxy != nil: return .proxy(detail: "\(proxy!) refused the connection")
        case 7: return .refused(host: host)
        case 28: return .timeout(host: host)
        case 35, 51, 53, 54, 58, 59, 60, 64, 66, 77, 80, 82, 83, 90, 91, 98: return .tls(host: host, detail: failure.description)
        case 56 where failure.description.lowercased().contains("proxy") || proxy != nil:
            return .proxy(detail: failure.description)
        case 97: return .proxy(detail: failure.description)
        default: return .other("\(host): \(failure.description)")
        }
    }

    /// The proxy libcurl uses for `url` (it reads these variables itself), or nil when none applies.
    static func proxy(for url: URL, environment: [String: String]) -> String? {
        let scheme = url.scheme?.lowercased() ?? "https"
        let names = scheme == "https" ? ["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"] : ["http_proxy", "all_proxy", "ALL_PROXY"]
        guard let proxy = names.lazy.compactMap({ environment[$0] }).first(where: { !$0.isEmpty }) else { return nil }
        let host = url.host?.lowercased() ?? ""
        let exempt = (environment["no_proxy"] ?? environment["NO_PROXY"] ?? "").split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces).lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        if exempt.contains(where: { $0 == "*" || host == $0 || host.hasSuffix("." + $0) }) { return nil }
        return proxy
    }
}
