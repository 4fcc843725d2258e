import ConversationModel
import Foundation

/// How one registry entry becomes a standard `mcpServers` entry: which remote or package, what to ask
/// the person (as a form), and the warnings to show first. A remote becomes `type: http` (or `sse`) with
/// its URL and headers; a package its command line (`npx -y id@version`, `uvx id==version`,
/// `docker run -i --rm image`, `dnx id@version --yes`). Secrets are written as `${NAME}` and handed back
/// apart, for `ConnectorSecrets`.
public struct RegistryInstallPlan: Sendable {
    public enum Choice: Sendable, Equatable {
        case remote(Int)
        case package(Int)
    }

    /// One value the person gives: a URL or header variable, a header, an environment variable, an argument.
    public struct Question: Sendable, Equatable {
        public var key: String
        public var title: String
        public var help: String?
        public var isSecret: Bool
        public var isRequired: Bool
        public var isFlag: Bool
        public var defaultValue: String?
        public var choices: [String]
    }

    public let entry: RegistryEntry
    public let choice: Choice
    public let questions: [Question]
    public let warnings: [String]
    /// The entry with `{key}` placeholders (remotes) or questions' slots (packages) still to fill.
    private let template: Template

    /// Plans the first installable way the entry offers (a streamable-http remote first), or `choice`.
    public init(_ entry: RegistryEntry, choice: Choice? = nil) throws(RegistryInstallError) {
        self.entry = entry
        let remotes = entry.server.remotes ?? []
        let packages = entry.server.packages ?? []
        let picked = choice
            ?? remotes.firstIndex { $0.type == "streamable-http" }.map(Choice.remote)
            ?? remotes.indices.first.map(Choice.remote)
            ?? packages.firstIndex { ($0.transport?.type ?? "stdio") == "stdio" && PackageCommand.supports($0.registryType) }.map(Choice.package)
        guard let picked else {
            throw .notInstallable(packages.isEmpty ? "it lists no remote endpoint and no package"
                                  : "its packages (\(Set(packages.map(\.registryType)).sorted().joined(separator: ", "))) cannot be run here yet")
        }
        self.choice = picked
        var builder = TemplateBuilder()
        var warnings = ["Registry entries are not verified: chattui and the registry vouch for nothing it does."]
        switch picked {
        case .remote(let index):
            guard remotes.indices.contains(index) else { throw .notInstallable("it has no remote \(index + 1)") }
            template = try builder.remote(remotes[index])
        case .package(let index):
            guard packages.indices.contains(index) else { throw .notInstallable("it has no package \(index + 1)") }
            let package = packages[index]
            template = try builder.package(package)
            warnings.append("Installing runs code from \(package.registryType) (\(package.identifier)) on this machine, with your files.")
        }
        questions = builder.questions
        self.warnings = warnings
    }

    /// A connector name from the registry name: `io.github.owner/server-name` → `server-name`, and
    /// `com.infobip/mcp` → `infobip` (a bare `mcp` or `server` says nothing).
    public var suggestedName: String {
        let parts = entry.name.split(separator: "/").map(String.init)
        var last = parts.last ?? entry.name
        if ["mcp", "server", "mcp-server"].contains(last.lowercased()), parts.count > 1 {
            last = parts[0].split(separator: ".").last.map(String.init) ?? last
        }
        let plain = last.lowercased().map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "-" }
        return String(plain).trimmingCharacters(in: CharacterSet(charactersIn: "-."))
    }

    /// The form to ask with: JSON Schema for ConnectorMenu's `ArgumentForm`. Secret fields carry
    /// `writeOnly: true` and `format: password`, so the form masks them.
    public var formSchema: JSONValue {
        var properties: [String: JSONValue] = [:]
        for (order, question) in questions.enumerated() {
            var property: [String: JSONValue] = ["type": .string(question.isFlag ? "boolean" : "string"), "title": .string(question.title),
                                                 "propertyOrder": .number(Double(order))]
            if let help = question.help { property["description"] = .string(help) }
            if let value = question.defaultValue { property["default"] = question.isFlag ? .bool(value == "true") : .string(value) }
            if !question.choices.isEmpty { property["enum"] = .array(question.choices.map(JSONValue.string)) }
            if question.isSecret { property["writeOnly"] = .bool(true); property["format"] = .string("password") }
            properties[question.key] = .object(property)
        }
        return .object(["type": .string("object"), "properties": .object(properties),
                        "required": .array(questions.filter(\.isRequired).map { .string($0.key) })])
    }

    /// What installing writes, said as the review says it (`Connects to:`, `Header:`, `Runs:`, `Environment:`),
    /// each value still to be given as `{key}` and a secret as the `${key}` written for it: the install
    /// form shows it, so the target is seen exactly as it will be written.
    public var target: [String] {
        let placeholders = Dictionary(questions.map { ($0.key, "{\($0.key)}") }, uniquingKeysWith: { $1 })
        let fill = Filler(values: placeholders, secretKeys: Set(questions.filter(\.isSecret).map(\.key)))
        return RegistryInstallReview(fields: template.fields(fill), secrets: [:]).lines
    }

    /// The `mcpServers` entry for `values` (by question key), and the secrets it reads as `${KEY}`.
    /// `keptSecret`: keys whose values are stored as secrets even where the entry does not say so
    /// (values taken from the person's environment).
    public func connector(values: [String: String], keptSecret: Set<String> = []) throws(RegistryInstallError) -> (fields: [String: Any], secrets: [String: String]) {
        var given: [String: String] = [:]
        for question in questions {
            let value = values[question.key].flatMap { $0.isEmpty ? nil : $0 } ?? question.defaultValue
            if let value { given[question.key] = value }
        }
        let missing = questions.filter { $0.isRequired && given[$0.key] == nil }.map(\.key)
        guard missing.isEmpty else { throw .missing(missing) }
        let secretKeys = Set(questions.filter(\.isSecret).map(\.key)).union(keptSecret)
        let fill = Filler(values: given, secretKeys: secretKeys)
        let secrets = given.filter { secretKeys.contains($0.key) }
        return (template.fields(fill), secrets)
    }
}

public enum RegistryInstallError: Error, Equatable, Sendable, CustomStringConvertible {
    case notInstallable(String)
    case missing([String])
    case exists(String)
    case refused(String)

    public var description: String {
        switch self {
        case .notInstallable(let why): return "This entry cannot be installed: \(why)."
        case .missing(let keys):
            return "Required and not given: \(keys.joined(separator: ", ")). Give each with --set KEY=VALUE, or --set-from-env KEY to take it from your environment variable KEY (kept as a secret)."
        case .exists(let name): return "A connector named \"\(name)\" exists already; choose another name or remove it first."
        case .refused(let why): return why
        }
    }
}

/// Puts the person's values into a template: `{key}` becomes the value, or `${key}` for a secret.
struct Filler {
    let values: [String: String]
    let secretKeys: Set<String>

    func callAsFunction(_ text: String) -> String {
        var output = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let key = String(rest[rest.index(after: open)..<close])
            output += rest[..<open]
            if secretKeys.contains(key) { output += "${\(key)}" } else { output += values[key] ?? "" }
            rest = rest[rest.index(after: close)...]
        }
        return output + rest
    }

    /// Whether every `{key}` in `text` has a value (an optional header or argument without one is left out).
    func isComplete(_ text: String) -> Bool {
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if values[String(rest[rest.index(after: open)..<close])] == nil { return false }
            rest = rest[rest.index(after: close)...]
        }
        return true
    }
}
