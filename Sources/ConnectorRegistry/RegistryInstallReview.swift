import Foundation
import ConversationModel

/// What an installed registry entry will run or connect to and pass on, said before it is written:
/// the full command line and environment (or URL and headers), secrets as references, and the
/// settings that let the entry run more than its package (flagged as risky).
public struct RegistryInstallReview: Sendable, Equatable {
    /// `Runs:`, `Environment:`, `Connects to:`, `Header:` lines, registry text as is (callers sanitise).
    public var lines: [String] = []
    /// Settings that change what runs or what it can reach.
    public var risks: [String] = []
    /// The program it starts (nil for a remote).
    public var launcher: String?

    /// `fields` and `secrets` as `RegistryInstallPlan.connector(values:)` returns them.
    public init(fields: [String: Any], secrets: [String: String]) {
        let shown = { (text: String) in Self.masked(text, secrets: secrets) }
        if let url = fields["url"] as? String {
            lines.append("Connects to: \(shown(url)) (\(fields["type"] as? String ?? "http"))")
            for (name, value) in (fields["headers"] as? [String: String] ?? [:]).sorted(by: { $0.key < $1.key }) {
                lines.append("Header: \(name): \(shown(value))")
            }
            return
        }
        let command = fields["command"] as? String ?? ""
        let arguments = fields["args"] as? [String] ?? []
        launcher = command
        lines.append("Runs: " + ([command] + arguments).map { Self.quoted(shown($0)) }.joined(separator: " "))
        let environment = (fields["env"] as? [String: String] ?? [:]).sorted(by: { $0.key < $1.key })
        for (name, value) in environment { lines.append("Environment: \(name)=\(shown(value))") }
        risks = Self.risks(command: command, arguments: arguments, environment: environment.map(\.key))
    }

    /// `${KEY}` of a stored secret shows as `<secret KEY, stored>`; nothing else is hidden (it is the person's or the entry's).
    static func masked(_ text: String, secrets: [String: String]) -> String {
        secrets.keys.reduce(text) { $0.replacingOccurrences(of: "${\($1)}", with: "<secret \($1), stored>") }
    }

    static func quoted(_ token: String) -> String {
        token.isEmpty || token.contains(where: { $0.isWhitespace || "'\"\\".contains($0) }) ? "'" + token.replacingOccurrences(of: "'", with: "'\\''") + "'" : token
    }

    /// Environment that loads code into the program, and launcher options that widen what it reaches.
    static func risks(command: String, arguments: [String], environment: [String]) -> [String] {
        var risks: [String] = []
        for name in environment where CodeLoadingVariables.loadsCode(name) {
            risks.append("environment \(name) changes what code the program loads")
        }
        for (index, argument) in arguments.enumerated() {
            // `--flag value` and `--flag=value` alike.
            let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
            let (flag, value) = parts.count == 2 ? (parts[0], parts[1]) : (argument, index + 1 < arguments.count ? arguments[index + 1] : "")
            let shown = parts.count == 2 ? argument : "\(flag) \(value)"
            if flag == "--privileged" {
                risks.append("--privileged gives the container the machine's devices and powers")
            } else if ["-v", "--volume", "--mount"].contains(flag), value == "/" || value.hasPrefix("/:") || value.contains("source=/,") {
                risks.append("\(shown) shares your whole disk with the container")
            } else if ["--network", "--net", "--pid", "--ipc", "--uts", "--userns"].contains(flag), value == "host" {
                risks.append("\(shown) shares this machine's \(flag.dropFirst(2)) with the container")
            } else if flag == "--cap-add" || flag == "--device" || flag == "--security-opt" {
                risks.append("\(shown) loosens the container")
            } else if ["--from", "--with"].contains(flag), value.hasPrefix("git+") || value.contains("://") {
                risks.append("\(shown) runs code straight from that address, not a published package")
            }
        }
        return risks
    }

    /// Whether `program` is found on `PATH` (or is a path that can run).
    public static func isOnPath(_ program: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        if program.contains("/") { return FileManager.default.isExecutableFile(atPath: program) }
        return (environment["PATH"] ?? "").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(program)")
        }
    }
}
