import Foundation
import MCPClient

/// Writes a planned registry entry to the person's `connectors.json` as a custom connector: not trusted
/// (its calls ask until the person trusts it), its secrets in `ConnectorSecrets`, and subject to the
/// policy exactly as every other connector (read back through `ConnectorSet`; taken out again if blocked).
public struct RegistryInstaller {
    public let files: ConnectorConfigurationFiles
    /// The connectors as the files say now, the policy applied (the composition root's `connectorSet()`).
    public let connectorSet: () -> ConnectorSet

    public init(files: ConnectorConfigurationFiles, connectorSet: @escaping () -> ConnectorSet) {
        self.files = files
        self.connectorSet = connectorSet
    }

    /// Installs `plan` as `name` with the person's `values`; returns the connector as it will run.
    @discardableResult
    public func install(_ plan: RegistryInstallPlan, as name: String, values: [String: String],
                        keptSecret: Set<String> = []) throws(RegistryInstallError) -> ServerConfiguration {
        guard connectorSet()[name] == nil else { throw .exists(name) }
        var (fields, secrets) = try plan.connector(values: values, keptSecret: keptSecret)
        // Where it came from, for details and a later update; not a setting the client reads.
        fields["registry"] = ["name": plan.entry.name, "version": plan.entry.server.version]
        do {
            try files.add(name: name, entry: fields)
            if !secrets.isEmpty { try files.secrets.save(secrets, for: name) }
        } catch {
            _ = try? files.remove(name: name)
            throw .refused("Could not write \(files.userFile.path): \(error)")
        }
        let member = connectorSet()[name]
        guard let member, member.standing == .runs, let configuration = member.configuration else {
            _ = try? files.remove(name: name)
            throw .refused("\(name) was not added: \(member?.reason ?? "its configuration did not load").")
        }
        return configuration
    }
}
