import Foundation

/// What an entry's details show, as labelled lines (the command line prints them; the directory's
/// details panel lays them out). The text is the registry's: callers sanitise it where it is shown.
public struct RegistryDetails: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public var label: String
        public var text: String
    }

    public var lines: [Line] = []

    /// Shown beside every registry entry (its data is CC0; credit is still due).
    public static func credit(_ source: URL) -> String {
        source.host == RegistryClient.official.host ? "from the Official MCP Registry" : "from the registry at \(source.host ?? source.absoluteString)"
    }

    public init(_ entry: RegistryEntry) {
        let server = entry.server
        add("Name", server.name)
        if let title = server.title { add("Title", title) }
        if let description = server.description { add("Description", description) }
        add("Version", server.version)
        if let website = server.websiteUrl { add("Website", website) }
        if let repository = server.repository?.url { add("Repository", repository) }
        for (index, remote) in (server.remotes ?? []).enumerated() {
            add("Remote \(index + 1)", "\(remote.type) \(remote.url ?? "(no URL)")")
            for (name, variable) in (remote.variables ?? [:]).sorted(by: { $0.key < $1.key }) {
                add("  variable", Self.describe(name, variable))
            }
            for header in remote.headers ?? [] { add("  header", Self.describe(header.name ?? "?", header)) }
        }
        for (index, package) in (server.packages ?? []).enumerated() {
            let version = package.version.map { " \($0)" } ?? ""
            let runtime = package.runtimeHint.map { ", runs with \($0)" } ?? ""
            let transport = package.transport?.type ?? "stdio"
            add("Package \(index + 1)", "\(package.registryType) \(package.identifier)\(version) (\(transport)\(runtime))")
            for argument in (package.runtimeArguments ?? []) + (package.packageArguments ?? []) {
                add("  argument", Self.describe(argument.name ?? argument.valueHint ?? argument.value ?? "?", argument))
            }
            for variable in package.environmentVariables ?? [] { add("  environment", Self.describe(variable.name ?? "?", variable)) }
        }
    }

    private mutating func add(_ label: String, _ text: String) { lines.append(Line(label: label, text: text)) }

    /// `NAME (required, secret): description`; a secret's fixed value is never shown.
    static func describe(_ name: String, _ input: RegistryServer.Input) -> String {
        var marks: [String] = []
        if input.required { marks.append("required") }
        if input.secret { marks.append("secret") }
        var text = name + (marks.isEmpty ? "" : " (\(marks.joined(separator: ", ")))")
        if let value = input.value, !input.secret { text += " = \(value)" }
        if let description = input.description { text += ": \(description)" }
        return text
    }

    /// One line for a list: what it is and how it is reached.
    public static func summary(_ entry: RegistryEntry) -> String {
        let kinds = (entry.server.remotes ?? []).map(\.type) + (entry.server.packages ?? []).map(\.registryType)
        let about = (entry.server.title ?? entry.server.description ?? "").split(whereSeparator: \.isNewline).joined(separator: " ")
        let clipped = about.count > 120 ? about.prefix(119) + "…" : about
        let ways = kinds.isEmpty ? "no remote or package: cannot be installed" : Array(Set(kinds)).sorted().joined(separator: ", ")
        return "\(entry.name) \(entry.server.version) [\(ways)] \(clipped)"
    }
}
