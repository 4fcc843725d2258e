import Foundation
import TerminalText

/// The one answer to "which connectors exist, and which of them may run", built from the
/// person's file, a project's `.mcp.json` and the managed policy. Every entry point (the
/// interface, `-p`, `mcp`, `doctor`, the directory's install) starts only `runnable`.
public struct ConnectorSet: Sendable {
    public enum Origin: Sendable, Equatable {
        case builtin
        case person
        /// From the working directory's `.mcp.json`: a stranger's file until the person approves it.
        case project(file: String)
    }

    public enum Standing: Sendable, Equatable {
        case runs
        case blocked(String)
        /// Its entry cannot be used (`LINEAR_TOKEN is not set`, say); the others still load.
        case broken(String)
        /// From a project file the person has not approved: listed, never started.
        case awaitingApproval
        /// Fine, but with nothing to do here (Files started in the home folder): not started, not a failure.
        case idle(String)
    }

    public struct Member: Sendable {
        public let name: String
        /// Nil when its entry could not be read.
        public let configuration: ServerConfiguration?
        public let origin: Origin
        public let standing: Standing

        /// Why it does not run, in one line; nil when it runs.
        public var reason: String? {
            switch standing {
            case .runs: return nil
            case .blocked(let reason), .broken(let reason), .idle(let reason): return reason
            case .awaitingApproval: return "from this folder's .mcp.json, not approved"
            }
        }
    }

    public let members: [String: Member]
    /// The project file, when the working directory has one that parsed (what an approval is for).
    public let project: ConnectorConfigurationFiles.ProjectFile?
    /// Whole files that could not be read, and project entries refused outright.
    public let problems: [String]

    public var names: [String] { members.keys.sorted() }
    /// What may be started, by name.
    public var runnable: [ServerConfiguration] {
        names.compactMap { members[$0] }.filter { $0.standing == .runs }.compactMap(\.configuration)
    }
    public subscript(name: String) -> Member? { members[name] }

    /// What chattui itself ships and trusts.
    public struct Builtins: Sendable {
        /// The names they are known by; a project can never redefine them.
        public let names: Set<String>
        /// The configuration to start for a built-in entry, or nil when `configuration` is not one.
        public let resolve: @Sendable (ServerConfiguration) -> ServerConfiguration?
        /// Why a resolved built-in has nothing to do here (it stands idle), or nil when it runs.
        public let idleReason: @Sendable (ServerConfiguration) -> String?

        public init(names: Set<String>, idleReason: @escaping @Sendable (ServerConfiguration) -> String? = { _ in nil },
                    resolve: @escaping @Sendable (ServerConfiguration) -> ServerConfiguration?) {
            self.names = names
            self.idleReason = idleReason
            self.resolve = resolve
        }
    }

    /// `trustProject`: start an unapproved project file's connectors for this run (`--trust-project`).
    /// `catalogueAddresses`: URLs of the directory's entries (what is not among them is custom).
    public init(contents: ConnectorConfigurationFiles.Contents, policy: ConnectorPolicy, approvals: ProjectApprovals,
                builtins: Builtins, catalogueAddresses: Set<String>, trustProject: Bool = false) {
        var members: [String: Member] = [:]
        var problems = contents.problems.map(\.description)
        for entry in contents.person where Self.isShowable(entry.name, strict: false, problems: &problems) {
            members[entry.name] = Self.member(entry, origin: .person, policy: policy, builtins: builtins, catalogue: catalogueAddresses)
        }
        if let project = contents.project {
            let approval = approvals.approval(of: project)
            let approved = trustProject || approval.isApproved
            let trusted = approval.trusted
            for entry in project.entries where Self.isShowable(entry.name, strict: true, problems: &problems) {
                if members[entry.name] != nil || builtins.names.contains(entry.name) || policy.names.contains(entry.name) {
                    problems.append("\(project.path): “\(entry.name)” is already defined by you, chattui or the policy; the project's entry is ignored")
                    continue
                }
                var member = Self.member(entry, origin: .project(file: project.path), policy: policy, builtins: builtins, catalogue: catalogueAddresses)
                if member.standing == .runs && !approved { member = member.with(.awaitingApproval) }
                members[entry.name] = member.trusting(trusted.contains(entry.name))
            }
        }
        self.members = members
        self.project = contents.project
        self.problems = problems
    }

    /// Whether a name can be listed without passing for another: no control, format or space
    /// characters (a right-to-left mark or a zero-width space makes "tasks" of something else),
    /// and for a project's file, which chose its names itself, plain ASCII letters, digits, `-`, `_` and `.`.
    private static func isShowable(_ name: String, strict: Bool, problems: inout [String]) -> Bool {
        let plain = !name.isEmpty && name.unicodeScalars.allSatisfy { scalar in
            if strict { return scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_.".unicodeScalars.contains(scalar)) }
            return ![.control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .unassigned, .privateUse].contains(scalar.properties.generalCategory)
        }
        if !plain {
            problems.append("a connector named “\(Sanitizer.revealing(name))” is ignored: its name has characters that could make it pass for another")
        }
        return plain
    }

    private static func member(_ entry: ServerConfiguration.Entry, origin: Origin, policy: ConnectorPolicy,
                               builtins: Builtins, catalogue: Set<String>) -> Member {
        switch entry.configuration {
        case .failure(let error):
            let reason: String
            if case .invalidEntry(_, let why) = error { reason = why } else { reason = "\(error)" }
            return Member(name: entry.name, configuration: nil, origin: origin, standing: .broken(reason))
        case .success(var configuration):
            let fromProject = origin != .person
            var origin = origin
            // A project file cannot make its entries built-ins (or trusted) by naming chattui's command.
            if !fromProject, let builtin = builtins.resolve(configuration) {
                configuration = builtin
                configuration.isTrusted = true
                origin = .builtin
            }
            // A stranger's file may neither trust itself nor ask for the person's whole environment.
            if fromProject { configuration.isTrusted = false; configuration.inheritsEnvironment = false }
            let isCustom = origin != .builtin && !(configuration.remoteURL.map { catalogue.contains($0.absoluteString) } ?? false)
            let idle = origin == .builtin ? builtins.idleReason(configuration).map(Standing.idle) : nil
            let standing = policy.blockReason(configuration, isCustom: isCustom, fromProject: fromProject).map(Standing.blocked) ?? idle ?? .runs
            return Member(name: entry.name, configuration: configuration, origin: origin, standing: standing)
        }
    }
}

extension ConnectorSet.Member {
    func with(_ standing: ConnectorSet.Standing) -> Self {
        Self(name: name, configuration: configuration, origin: origin, standing: standing)
    }

    func trusting(_ trusted: Bool) -> Self {
        var configuration = configuration
        configuration?.isTrusted = trusted
        return Self(name: name, configuration: configuration, origin: origin, standing: standing)
    }
}

extension ConnectorPolicy {
    /// The plain names its allow list gives (no `*`): connectors the policy itself defines.
    var names: Set<String> { Set((allow ?? []).filter { !$0.contains("*") && !$0.contains("/") && !$0.contains(" ") }) }
}
