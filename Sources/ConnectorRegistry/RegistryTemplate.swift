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
        let urlTemplate = try slots(in: Self.literal(url), of: parent, required: true)
        var headers: [(name: String, value: String)] = []
        for header in remote.headers ?? [] {
            guard let name = header.name, !name.isEmpty else { continue }
            headers.append((try Self.literal(name), try value(of: header, key: name)))
        }
        return .remote(type: remote.type, url: urlTemplate, headers: headers)
    }

    mutating func package(_ package: RegistryServer.Package) throws(RegistryInstallError) -> Template {
        let (launcher, identifier) = PackageCommand.parts(package)
        var arguments: [Template.Slot] = []
        for (index, input) in (package.runtimeArguments ?? []).enumerated() { arguments.append(try argument(at: index, input, prefix: "runtime")) }
        // The image marker is the launcher's own, not registry text.
        for token in identifier where token != PackageCommand.imageMarker { _ = try Self.literal(token) }
        arguments.append(Template.Slot(tokens: identifier))
        for (index, input) in (package.packageArguments ?? []).enumerated() { arguments.append(try argument(at: index, input, prefix: "argument")) }
        var environment: [(name: String, value: String)] = []
        for variable in package.environmentVariables ?? [] {
            guard let name = variable.name, !name.isEmpty else { continue }
            environment.append((try Self.literal(name), try value(of: variable, key: name)))
        }
        return .package(command: launcher, arguments: arguments, environment: environment, passEnvironmentToDocker: package.registryType == "oci")
    }

    private mutating func argument(at index: Int, _ input: RegistryServer.Input, prefix: String) throws(RegistryInstallError) -> Template.Slot {
        let named = input.type == "named"
        var flag: String?
        if let name = input.name { flag = try Self.literal(name.hasPrefix("-") ? name : "--" + name) }
        let key = input.name.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "-")) } ?? input.valueHint ?? "\(prefix)\(index + 1)"
        if named, let flag, input.value == nil, input.format == "boolean" {
            try ask(key: key, input, isFlag: true)
            return Template.Slot(tokens: [flag], flagKey: key)
        }
        let value = try value(of: input, key: key)
        return Template.Slot(tokens: named && flag != nil ? [flag!, value] : [value])
    }

    /// The template of a header, variable or argument: its own value with its variables as slots, else one slot asked for.
    private mutating func value(of input: RegistryServer.Input, key: String) throws(RegistryInstallError) -> String {
        if let value = input.value { return try slots(in: Self.literal(value), of: input, required: input.required) }
        try ask(key: key, input, isFlag: false)
        return "{\(key)}"
    }

    /// Registry text as it will be written: refused when it holds control characters, as every preview
    /// shows it cleaned and so not as written, or a `$`, which chattui's own `${VAR}` expansion at
    /// connect time would read from the person's environment (there is no escape for it).
    static func literal(_ text: String) throws(RegistryInstallError) -> String {
        guard !text.holdsControlCharacters else {
            throw .notInstallable("it would write text holding control characters, which no preview can show as written")
        }
        guard !text.contains("$") else {
            throw .notInstallable("it asks for \"\(text.prefix(80))\", and a `$` there would read your environment when it connects")
        }
        return text
    }

    /// Registers a question for each `{name}` in `text` (described by `parent.variables` when it says).
    private mutating func slots(in text: String, of parent: RegistryServer.Input, required: Bool) throws(RegistryInstallError) -> String {
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = String(rest[rest.index(after: open)..<close])
            var variable = parent.variables?[name] ?? RegistryServer.Input(isRequired: required)
            if parent.secret { variable.isSecret = true }
            if !name.isEmpty { try ask(key: name, variable, isFlag: false) }
            rest = rest[rest.index(after: close)...]
        }
        return text
    }

    /// A key is written as `${key}` for a secret, so it is a plain name; a default is written as given.
    private mutating func ask(key: String, _ input: RegistryServer.Input, isFlag: Bool) throws(RegistryInstallError) {
        guard !key.contains(where: { "${}:".contains($0) || $0.isWhitespace || $0.isNewline }) else {
            throw .notInstallable("it asks for a value named \"\(key.prefix(80))\", which is not a plain name")
        }
        for text in [input.default].compactMap({ $0 }) + (input.choices ?? []) { _ = try Self.literal(text) }
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
