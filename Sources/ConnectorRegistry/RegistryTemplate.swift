import Foundation

/// An `mcpServers` entry with slots (`{key}`) for the person's values.
enum Template: Sendable {
    case remote(type: String, url: String, headers: [(name: String, value: String)])
    case package(command: [String], arguments: [Slot], environment: [(name: String, value: String)], passEnvironmentToDocker: Bool)

    /// Tokens of the command line; left out when a value they need was not given.
    struct Slot: Sendable {
        var tokens: [String]
        /// A yes/no flag: its tokens go in only when this question is answered `true`.
        var flagKey: String?
    }

    func fields(_ fill: Filler) -> [String: Any] {
        switch self {
        case .remote(let type, let url, let headers):
            var fields: [String: Any] = ["type": type == "sse" ? "sse" : "http", "url": fill(url)]
            let given = headers.filter { fill.isComplete($0.value) }
            if !given.isEmpty { fields["headers"] = Dictionary(given.map { ($0.name, fill($0.value)) }, uniquingKeysWith: { $1 }) }
            return fields
        case .package(let command, let arguments, let environment, let passEnvironmentToDocker):
            let environment = environment.filter { fill.isComplete($0.value) }
            var line = command
            for slot in arguments {
                if let key = slot.flagKey {
                    if fill.values[key] == "true" { line += slot.tokens }
                } else if slot.tokens.allSatisfy(fill.isComplete) {
                    line += slot.tokens.map { fill($0) }
                }
            }
            if passEnvironmentToDocker, let image = line.firstIndex(of: PackageCommand.imageMarker) {
                // docker passes on only what `-e NAME` names, before the image.
                line.replaceSubrange(image...image, with: environment.flatMap { ["-e", $0.name] })
            }
            line.removeAll { $0 == PackageCommand.imageMarker }
            var fields: [String: Any] = ["command": line[0], "args": Array(line.dropFirst())]
            if !environment.isEmpty { fields["env"] = Dictionary(environment.map { ($0.name, fill($0.value)) }, uniquingKeysWith: { $1 }) }
            return fields
        }
    }
}

/// The launcher for each package registry: `npx -y id@version`, `uvx id==version`, `docker run -i --rm image`.
enum PackageCommand {
    /// Where docker's `-e NAME` options go (just before the image).
    static let imageMarker = "\u{0}image"

    static func supports(_ registryType: String) -> Bool { ["npm", "pypi", "oci", "nuget"].contains(registryType) }

    /// The launcher, then runtime arguments go after it, then the package, then package arguments.
    static func parts(_ package: RegistryServer.Package) -> (launcher: [String], package: [String]) {
        let version = package.version.flatMap { $0.isEmpty || $0 == "latest" ? nil : $0 }
        switch package.registryType {
        case "npm": return (["npx", "-y"], [package.identifier + "@" + (version ?? "latest")])
        case "pypi": return (["uvx"], [package.identifier + (version.map { "==" + $0 } ?? "")])
        case "nuget": return (["dnx"], [package.identifier + (version.map { "@" + $0 } ?? ""), "--yes"])
        default: return (["docker", "run", "-i", "--rm"], [imageMarker, package.identifier])
        }
    }
}

/// Collects the questions a remote or package needs while building its template; a variable used in
/// several places is asked once.
struct TemplateBuilder {
    var questions: [RegistryInstallPlan.Question] = []

    mutating func remote(_ remote: RegistryServer.Remote) throws(RegistryInstallError) -> Template {
        guard let url = remote.url, !url.isEmpty else { throw .notInstallable("its remote has no URL") }
        let parent = RegistryServer.Input(variables: remote.variables)
        let urlTemplate = slots(in: url, of: parent, required: true)
        let headers = (remote.headers ?? []).compactMap { header -> (name: String, value: String)? in
            guard let name = header.name, !name.isEmpty else { return nil }
            return (name, value(of: header, key: name))
        }
        return .remote(type: remote.type, url: urlTemplate, headers: headers)
    }

    mutating func package(_ package: RegistryServer.Package) throws(RegistryInstallError) -> Template {
        let (launcher, identifier) = PackageCommand.parts(package)
        var arguments = (package.runtimeArguments ?? []).enumerated().map { argument(at: $0.offset, $0.element, prefix: "runtime") }
        arguments.append(Template.Slot(tokens: identifier))
        arguments += (package.packageArguments ?? []).enumerated().map { argument(at: $0.offset, $0.element, prefix: "argument") }
        let environment = (package.environmentVariables ?? []).compactMap { variable -> (name: String, value: String)? in
            guard let name = variable.name, !name.isEmpty else { return nil }
            return (name, value(of: variable, key: name))
        }
        return .package(command: launcher, arguments: arguments, environment: environment, passEnvironmentToDocker: package.registryType == "oci")
    }

    private mutating func argument(at index: Int, _ input: RegistryServer.Input, prefix: String) -> Template.Slot {
        let named = input.type == "named"
        let flag = input.name.map { $0.hasPrefix("-") ? $0 : "--" + $0 }
        let key = input.name.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "-")) } ?? input.valueHint ?? "\(prefix)\(index + 1)"
        if named, let flag, input.value == nil, input.format == "boolean" {
            ask(key: key, input, isFlag: true)
            return Template.Slot(tokens: [flag], flagKey: key)
        }
        let value = value(of: input, key: key)
        return Template.Slot(tokens: named && flag != nil ? [flag!, value] : [value])
    }

    /// The template of a header, variable or argument: its own value with its variables as slots, else one slot asked for.
    private mutating func value(of input: RegistryServer.Input, key: String) -> String {
        if let value = input.value { return slots(in: value, of: input, required: input.required) }
        ask(key: key, input, isFlag: false)
        return "{\(key)}"
    }

    /// Registers a question for each `{name}` in `text` (described by `parent.variables` when it says).
    private mutating func slots(in text: String, of parent: RegistryServer.Input, required: Bool) -> String {
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = String(rest[rest.index(after: open)..<close])
            var variable = parent.variables?[name] ?? RegistryServer.Input(isRequired: required)
            if parent.secret { variable.isSecret = true }
            if !name.isEmpty { ask(key: name, variable, isFlag: false) }
            rest = rest[rest.index(after: close)...]
        }
        return text
    }

    private mutating func ask(key: String, _ input: RegistryServer.Input, isFlag: Bool) {
        if let existing = questions.firstIndex(where: { $0.key == key }) {
            questions[existing].isSecret = questions[existing].isSecret || input.secret
            questions[existing].isRequired = questions[existing].isRequired || input.required
            return
        }
        questions.append(RegistryInstallPlan.Question(
            key: key, title: input.valueHint.map { "\(key) (\($0))" } ?? key, help: input.description ?? input.placeholder.map { "e.g. \($0)" },
            isSecret: input.secret, isRequired: input.required, isFlag: isFlag, defaultValue: input.default, choices: input.choices ?? []))
    }
}
