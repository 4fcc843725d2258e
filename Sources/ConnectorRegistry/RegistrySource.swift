import Foundation
import MCPClient

/// Which registry to browse: the official one unless config.toml says `registry = "URL"` (a company's
/// own subregistry) or `registry = false`; the managed policy's `"registry"` pins or forbids it over both.
public enum RegistrySource {
    /// config.toml's `registry` setting.
    public enum Setting: Sendable, Equatable {
        case address(String)
        case off
    }

    /// The registry's base URL, or why there is none.
    public static func resolve(_ setting: Setting?, policy: ConnectorPolicy) -> Result<URL, RegistryError> {
        let from = policy.source.map { " (\($0))" } ?? ""
        let address: String
        switch (policy.registry, setting) {
        case (.forbidden?, _): return .failure(.off("the policy forbids browsing a registry\(from)"))
        case (.pinned(let pinned)?, _): address = pinned
        case (nil, .off?): return .failure(.off("`registry = false` in config.toml"))
        case (nil, .address(let configured)?): address = configured
        case (nil, nil): return .success(RegistryClient.official)
        }
        guard let url = URL(string: address), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
            return .failure(.other("the registry address “\(address)” is not an http(s) URL. Fix `registry` in config.toml."))
        }
        return .success(url)
    }
}
