import ConnectorRegistry
import ConversationModel
import Foundation
import MCPClient
import Testing
import TestSupport

/// Installing registry entries: the `mcpServers` entry written to `connectors.json`, the secrets kept
/// apart in 0600 files, the form that asks for them, and the policy deciding as for any connector.
@Suite(.serialized, .timeLimit(.minutes(2)), .enabled(if: ReplayRegistry.snapshot != nil, ReplayRegistry.missing))
struct RegistryInstallTests {
    let folder = TemporaryDirectory()
    var files: ConnectorConfigurationFiles { ConnectorConfigurationFiles(configDirectory: folder.url, workingDirectory: nil) }

    private func installer(policy: ConnectorPolicy = ConnectorPolicy()) -> RegistryInstaller {
        let files = files
        return RegistryInstaller(files: files) {
            ConnectorSet(contents: files.read(environment: ["HOME": "/home/someone"]), policy: policy, approvals: ProjectApprovals(configDirectory: files.userFile.deletingLastPathComponent()),
                         builtins: .init(names: [], resolve: { _ in nil }), catalogueAddresses: [])
        }
    }

    private func snapshotEntry(_ name: String) throws -> RegistryEntry {
        let data = try Data(contentsOf: try #require(ReplayRegistry.snapshot))
        let all = try JSONDecoder().decode([RegistryEntry].self, from: data)
        return try #require(all.first { $0.name == name && $0.isLatest })
    }

    private func written(_ name: String) throws -> [String: Any] {
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: files.userFile)) as? [String: Any]
        return try #require((root?["mcpServers"] as? [String: Any])?[name] as? [String: Any])
    }

    @Test func remoteWithASecretHeaderVariable() throws {
        let plan = try RegistryInstallPlan(try snapshotEntry("com.infobip/mcp"))
        #expect(plan.choice == .remote(0))
        #expect(plan.suggestedName == "infobip")
        #expect(plan.questions.map(\.key) == ["INFOBIP_API_KEY"])
        #expect(plan.questions[0].isSecret && plan.questions[0].isRequired)
        let schema = plan.formSchema
        #expect(schema["required"] == .array([.string("INFOBIP_API_KEY")]))
        #expect(schema["properties"]?["INFOBIP_API_KEY"]?["writeOnly"] == .bool(true), "the form masks it")
        #expect(plan.warnings.contains { $0.contains("not verified") })

        #expect(throws: RegistryInstallError.missing(["INFOBIP_API_KEY"])) { try installer().install(plan, as: "infobip", values: [:]) }
        let configuration = try installer().install(plan, as: "infobip", values: ["INFOBIP_API_KEY": "sk-secret-1"])

        let entry = try written("infobip")
        #expect(entry["type"] as? String == "http")
        #expect(entry["url"] as? String == "https://mcp.infobip.com/sms")
        #expect(entry["headers"] as? [String: String] == ["Authorization": "App ${INFOBIP_API_KEY}"])
        #expect(entry["trusted"] == nil, "a registry install is custom: its calls ask until the person trusts it")
        #expect(!(try String(contentsOf: files.userFile, encoding: .utf8)).contains("sk-secret-1"), "the secret is not in connectors.json")
        let secretsFile = files.secrets.directory.appendingPathComponent("infobip.json")
        #expect(try FileManager.default.attributesOfItem(atPath: secretsFile.path)[.posixPermissions] as? Int == 0o600)
        #expect(configuration.transport == .http(url: URL(string: "https://mcp.infobip.com/sms")!, headers: ["Authorization": "App sk-secret-1"]))
        #expect(!configuration.isTrusted)

        try files.remove(name: "infobip")
        #expect(!FileManager.default.fileExists(atPath: secretsFile.path), "removing the connector removes its secrets")
    }

    @Test func remoteWithURLVariablesAndHeaders() throws {
        let remote = RegistryServer.Remote(type: "sse", url: "https://{tenant}.example.com/mcp/{region}",
                                           headers: [.init(name: "X-Api-Key", isRequired: true, isSecret: true),
                                                     .init(name: "X-Trace", description: "optional")],
                                           variables: ["tenant": .init(description: "Your tenant", isRequired: true),
                                                       "region": .init(isRequired: true)])
        let entry = RegistryEntry(server: RegistryServer(name: "com.example/tenant-mcp", version: "1.2.0", remotes: [remote]))
        let plan = try RegistryInstallPlan(entry)
        #expect(Set(plan.questions.map(\.key)) == ["tenant", "region", "X-Api-Key", "X-Trace"])
        try installer().install(plan, as: "tenant", values: ["tenant": "acme", "region": "eu", "X-Api-Key": "k-123"])
        let written = try written("tenant")
        #expect(written["type"] as? String == "sse")
        #expect(written["url"] as? String == "https://acme.example.com/mcp/eu")
        #expect(written["headers"] as? [String: String] == ["X-Api-Key": "${X-Api-Key}"], "an optional header left empty is left out")
        #expect(files.secrets.load("tenant") == ["X-Api-Key": "k-123"])
    }

    @Test func npmPackageWithEnvironmentAndArguments() throws {
        let plan = try RegistryInstallPlan(try snapshotEntry("io.github.GLips/Figma-Context-MCP"))
        #expect(plan.choice == .package(0))
        #expect(plan.warnings.contains { $0.contains("runs code from npm (figma-developer-mcp)") })
        let configuration = try installer().install(plan, as: "figma", values: ["FIGMA_API_KEY": "figd_1"])
        let written = try written("figma")
        #expect(written["command"] as? String == "npx")
        #expect(written["args"] as? [String] == ["-y", "figma-developer-mcp@0.6.0", "--stdio"])
        #expect(written["env"] as? [String: String] == ["FIGMA_API_KEY": "${FIGMA_API_KEY}", "NODE_ENV": "cli"])
        guard case .stdio(_, _, let environment, _) = configuration.transport else { Issue.record("not stdio"); return }
        #expect(environment == ["FIGMA_API_KEY": "figd_1", "NODE_ENV": "cli"])
    }

    @Test func pypiAndOCIPackagesBecomeTheirCommandLines() throws {
        let pypi = RegistryServer.Package(registryType: "pypi", identifier: "reddit-research-mcp", version: "0.1.1")
        let oci = RegistryServer.Package(registryType: "oci", identifier: "docker.io/acme/mcp:1.0",
                                         environmentVariables: [.init(name: "ACME_TOKEN", isRequired: true, isSecret: true)])
        let entry = RegistryEntry(server: RegistryServer(name: "io.github.acme/both", version: "1.0.0", packages: [pypi, oci]))
        let (uvx, _) = try RegistryInstallPlan(entry, choice: .package(0)).connector(values: [:])
        #expect(uvx["command"] as? String == "uvx")
        #expect(uvx["args"] as? [String] == ["reddit-research-mcp==0.1.1"])
        let (docker, secrets) = try RegistryInstallPlan(entry, choice: .package(1)).connector(values: ["ACME_TOKEN": "t"])
        #expect(docker["command"] as? String == "docker")
        #expect(docker["args"] as? [String] == ["run", "-i", "--rm", "-e", "ACME_TOKEN", "docker.io/acme/mcp:1.0"])
        #expect(secrets == ["ACME_TOKEN": "t"])
    }

    @Test func aPolicyThatForbidsCustomConnectorsRefusesTheInstall() throws {
        let plan = try RegistryInstallPlan(try snapshotEntry("com.infobip/mcp"))
        let refused = #expect(throws: RegistryInstallError.self) {
            try installer(policy: ConnectorPolicy(allowCustomConnectors: false)).install(plan, as: "infobip", values: ["INFOBIP_API_KEY": "x"])
        }
        #expect(refused?.description.contains("custom connectors are not allowed") == true)
        #expect(!(try String(contentsOf: files.userFile, encoding: .utf8)).contains("infobip"), "taken out again")
        #expect(files.secrets.load("infobip").isEmpty)
    }

    @Test func anMCPBBundleIsNotInstallableAndSaysSo() throws {
        let bundle = RegistryServer.Package(registryType: "mcpb", identifier: "https://example.com/x.mcpb")
        let entry = RegistryEntry(server: RegistryServer(name: "io.github.acme/bundle", version: "1.0.0", packages: [bundle]))
        #expect(throws: RegistryInstallError.notInstallable("its packages (mcpb) cannot be run here yet")) { try RegistryInstallPlan(entry) }
    }
}
