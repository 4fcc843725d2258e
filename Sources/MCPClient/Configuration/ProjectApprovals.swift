import Foundation

/// The project folders whose `.mcp.json` the person approved, each by the file's path and
/// the digest of its bytes: a changed file asks again. Kept in the config folder
/// (`approved-projects.json`, mode 0600), like Claude Code's project-server approval.
public struct ProjectApprovals: Sendable {
    public let file: URL

    public init(configDirectory: URL) {
        file = configDirectory.appendingPathComponent("approved-projects.json")
    }

    private struct Approval: Codable {
        var digest: String
        /// Connectors of that file the person also trusts (their read-only hints are believed).
        var trusted: [String] = []
    }

    /// Whether the file as it is now was approved, and which of its connectors the person trusts
    /// (none unless it is approved). A file that cannot be read approves nothing.
    public func approval(of project: ConnectorConfigurationFiles.ProjectFile) -> (isApproved: Bool, trusted: Set<String>) {
        guard let approval = approvals()[project.path], approval.digest == project.digest else { return (false, []) }
        return (true, Set(approval.trusted))
    }

    public func approve(_ project: ConnectorConfigurationFiles.ProjectFile) throws {
        var all = approvals()
        if all[project.path]?.digest != project.digest { all[project.path] = Approval(digest: project.digest) }
        try write(all)
    }

    public func setTrusted(_ trusted: Bool, connector: String, in project: ConnectorConfigurationFiles.ProjectFile) throws {
        var all = approvals()
        var approval = all[project.path].flatMap { $0.digest == project.digest ? $0 : nil } ?? Approval(digest: project.digest)
        approval.trusted.removeAll { $0 == connector }
        if trusted { approval.trusted.append(connector) }
        all[project.path] = approval
        try write(all)
    }

    private func approvals() -> [String: Approval] {
        guard let data = FileManager.default.contents(atPath: file.path) else { return [:] }
        return (try? JSONDecoder().decode([String: Approval].self, from: data)) ?? [:]
    }

    private func write(_ approvals: [String: Approval]) throws {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(approvals).write(to: file, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
    }
}
