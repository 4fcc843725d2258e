import ChatFeatures
import ConnectorMenu
import ConnectorRegistry
import ConversationModel
import Foundation
import MCPClient

/// What the directory shows before anything is installed: whether the policy would block an entry
/// (decided by `ConnectorPolicy.blockReason` on the configuration it would install, as for any
/// connector), and a registry entry's install form.
extension ChatSession {
    /// Why the policy would block this `mcpServers` entry, or nil.
    /// `values` stand in for the `${NAME}`s it reads (secrets), which must expand for it to parse.
    static func blockReason(name: String, fields: [String: Any], values: [String: String] = [:], isCustom: Bool, policy: ConnectorPolicy) -> String? {
        guard let data = try? JSONSerialization.data(withJSONObject: ["mcpServers": [name: fields]]),
              let configuration = try? ServerConfiguration.parseEach(json: data, environment: values).first?.configuration.get() else { return nil }
        return policy.blockReason(configuration, isCustom: isCustom)
    }

    /// A registry entry as it would install (a stand-in for each value the person has not given yet).
    static func blockReason(_ entry: RegistryEntry, policy: ConnectorPolicy) -> String? {
        guard let plan = try? RegistryInstallPlan(entry) else { return nil }
        let values = Dictionary(plan.questions.map { ($0.key, $0.defaultValue ?? $0.choices.first ?? "value") }) { first, _ in first }
        guard let fields = try? plan.connector(values: values).fields else { return nil }
        return blockReason(name: connectorName(plan), fields: fields, values: values, isCustom: true, policy: policy)
    }

    /// The curated entries the policy blocks, by name.
    static func blockedEntries(_ directory: ConnectorDirectory, policy: ConnectorPolicy) -> [String: String] {
        var blocked: [String: String] = [:]
        for entry in directory.entries {
            blocked[entry.name] = blockReason(name: entry.name, fields: fields(for: entry), isCustom: false, policy: policy)
        }
        return blocked
    }

    /// The plan's suggested name as a connector name may be spelled.
    static func connectorName(_ plan: RegistryInstallPlan) -> String { ConnectorNaming.name(from: plan.suggestedName) }

    /// The install form: the connector's name first, then what the entry asks for (secrets masked).
    static func installSchema(_ plan: RegistryInstallPlan) -> JSONValue {
        var schema = plan.formSchema.objectValue ?? [:]
        var properties = schema["properties"]?.objectValue ?? [:]
        properties[RegistryEntryDetails.nameField] = .object([
            "type": .string("string"), "title": .string("connector name"), "default": .string(connectorName(plan)),
            "description": .string("What chattui calls it: \(ConnectorNaming.nameRule)"), "propertyOrder": .number(-1),
        ])
        schema["properties"] = .object(properties)
        schema["required"] = .array([.string(RegistryEntryDetails.nameField)] + (schema["required"]?.arrayValue ?? []))
        return .object(schema)
    }
}
