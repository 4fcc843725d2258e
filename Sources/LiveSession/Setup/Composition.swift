import ChatFeatures
import ConnectorRegistry
import Foundation
import MCPClient

/// The composition root: what every entry point (the interface, `-p`, `mcp`, `doctor`) shares is
/// built here once, so no two of them can decide a fact differently: where things live, and which
/// connectors exist and may run (the person's file, the project's file and the policy, applied once).
public struct Composition: Sendable {
    public let paths: AppPaths
    public let environment: [String: String]
    public let files: ConnectorConfigurationFiles
    public let policy: ConnectorPolicy
    let approvals: ProjectApprovals
    /// `--trust-project`: start this folder's `.mcp.json` connectors for this run without approving the file.
    var trustProject: Bool

    public init(dataDirectory: String? = nil, trustProject: Bool = false,
         environment: [String: String] = ProcessInfo.processInfo.environment,
         workingDirectory: String = FileManager.default.currentDirectoryPath) {
        self.environment = environment
        paths = AppPaths.resolve(dataDirectory: dataDirectory, environment: environment)
        files = ConnectorConfigurationFiles(configDirectory: paths.config, workingDirectory: URL(fileURLWithPath: workingDirectory))
        policy = ConnectorPolicy.load(environment: environment)
        approvals = ProjectApprovals(configDirectory: paths.config)
        self.trustProject = trustProject
    }

    /// The connectors as the files say now, with the policy and the folder's approval applied.
    public func connectorSet() -> ConnectorSet {
        ConnectorSet(contents: files.read(environment: environment), policy: policy, approvals: approvals,
                     builtins: BuiltinConnectorSetup.builtins(paths: paths),
                     // Only a policy that forbids custom connectors needs the catalogue to tell which are custom.
                     catalogueAddresses: policy.allowCustomConnectors ? [] : ChatSession.catalogueAddresses(),
                     trustProject: trustProject)
    }

    public var logDirectory: URL { paths.state.appendingPathComponent("logs") }

    /// Who chattui is to connectors; `roots/list` names the Files built-in's folders beside the working directory.
    /// The MCP Apps extension is declared only with `viewEngine` (a browser to run views).
    public func client(_ connectors: ConnectorSet, viewEngine: Bool = false) -> ClientConfiguration {
        guard case .stdio(_, let arguments, _, _)? = connectors["files"].flatMap({ $0.origin == .builtin ? $0.configuration : nil })?.transport else {
            return ClientConfiguration(viewEngine: viewEngine)
        }
        let roots = zip(arguments, arguments.dropFirst()).filter { $0.0 == "--root" }.map { URL(fileURLWithPath: $0.1) }
        return ClientConfiguration(viewEngine: viewEngine, roots: roots)
    }
}

extension ConnectorSet.Member {
    /// Why it is not started, and what the person can do about it, for the command line.
    public var refusal: String {
        (reason ?? "it cannot run")
            + (standing == .awaitingApproval ? " (approve it in chattui's /connectors, or pass --trust-project)" : "")
    }
}

extension Composition {
    /// The registry browser for config.toml's `registry` (from `setup`, read once by the caller;
    /// read here when none is given) and the policy, or why there is none.
    public func registryBrowser(_ setup: ModelSetup? = nil) -> Result<RegistryBrowser, RegistryError> {
        let setting = (setup ?? ModelSetup.load(configDirectory: paths.config, environment: environment)).registry
        return RegistrySource.resolve(setting, policy: policy).map { base in
            RegistryBrowser(client: RegistryClient(base: base, environment: environment), cache: RegistryCache(environment: environment))
        }
    }
}
