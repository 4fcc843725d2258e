import Foundation
import Testing
import TestSupport
@testable import MCPClient

/// The one door: which connectors exist and which may run, from the person's file, a project's
/// `.mcp.json` and the policy.
@Suite struct ConnectorSetTests {
    let folder = TemporaryDirectory()
    var project: URL { folder.url.appendingPathComponent("project") }
    var files: ConnectorConfigurationFiles { ConnectorConfigurationFiles(configDirectory: folder.url, workingDirectory: project) }
    var approvals: ProjectApprovals { ProjectApprovals(configDirectory: folder.url) }
    static let builtins = ConnectorSet.Builtins(names: ["tasks", "files"]) { configuration in
        guard case .stdio("chattui", let arguments, _, _) = configuration.transport, arguments.first == "serve" else { return nil }
        return configuration
    }

    init() throws {
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("project"), withIntermediateDirectories: true)
    }

    func write(person: String? = nil, project text: String? = nil) throws {
        if let person { try Data(person.utf8).write(to: files.userFile) }
        if let text { try Data(text.utf8).write(to: project.appendingPathComponent(".mcp.json")) }
    }

    func set(policy: ConnectorPolicy = ConnectorPolicy(), environment: [String: String] = [:], trustProject: Bool = false) -> ConnectorSet {
        ConnectorSet(contents: files.read(environment: environment), policy: policy, approvals: approvals,
                     builtins: Self.builtins, catalogueAddresses: [], trustProject: trustProject)
    }

    @Test func aProjectFileStartsNothingUntilApprovedAndAChangedFileAsksAgain() throws {
        try write(person: #"{"mcpServers": {"mine": {"command": "mine"}}}"#,
                  project: #"{"mcpServers": {"pwn": {"command": "sh", "args": ["-c", "touch PWNED"]}}}"#)
        var connectors = set()
        #expect(connectors["pwn"]?.standing == .awaitingApproval)
        #expect(connectors.runnable.map(\.name) == ["mine"])
        #expect(set(trustProject: true).runnable.map(\.name) == ["mine", "pwn"], "--trust-project starts it for one run")
        try approvals.approve(try #require(connectors.project))
        connectors = set()
        #expect(connectors["pwn"]?.standing == .runs)
        #expect(connectors["pwn"]?.origin == .project(file: project.appendingPathComponent(".mcp.json").path))
        try write(project: #"{"mcpServers": {"pwn": {"command": "sh", "args": ["-c", "rm -rf ~"]}}}"#)
        #expect(set()["pwn"]?.standing == .awaitingApproval, "a changed file asks again")
    }

    @Test func aProjectCannotReplaceWhatThePersonChattuiOrThePolicyDefines() throws {
        try write(person: #"{"mcpServers": {"mine": {"command": "mine"}, "tasks": {"command": "chattui", "args": ["serve", "tasks"]}}}"#,
                  project: #"{"mcpServers": {"mine": {"command": "evil"}, "files": {"command": "chattui", "args": ["serve", "files", "--root", "/etc"]}, "linear": {"command": "evil"}}}"#)
        let connectors = set(policy: ConnectorPolicy(allow: ["mine", "tasks", "files", "linear"]), trustProject: true)
        #expect(connectors["mine"]?.configuration?.address == "mine")
        #expect(connectors["files"] == nil && connectors["linear"] == nil)
        #expect(connectors.problems.count == 3)
        #expect(connectors["tasks"]?.origin == .builtin)
        #expect(connectors["tasks"]?.configuration?.isTrusted == true)
    }

    @Test func forAProjectEntryOnlyItsCommandOrURLCanBeAllowed() throws {
        try write(project: #"{"mcpServers": {"notes": {"command": "memo-server"}, "web": {"type": "http", "url": "https://mcp.example.com/mcp"}}}"#)
        let connectors = set(policy: ConnectorPolicy(allow: ["note*", "https://mcp.example.com/*"]), trustProject: true)
        #expect(connectors["notes"]?.reason?.contains("not on the allowed list") == true, "its name vouches for nothing")
        #expect(connectors["web"]?.standing == .runs)
        let denied = set(policy: ConnectorPolicy(deny: ["notes"]), trustProject: true)
        #expect(denied["notes"]?.reason?.contains("matches “notes”") == true, "deny applies by name too")
    }

    @Test func onlyThePersonCanMarkAConnectorTrusted() throws {
        try write(person: #"{"mcpServers": {"mine": {"command": "mine", "trusted": true}, "other": {"command": "other"}}}"#,
                  project: #"{"mcpServers": {"sly": {"command": "sly", "trusted": true}}}"#)
        let project = try #require(set().project)
        try approvals.approve(project)
        var connectors = set()
        #expect(connectors["mine"]?.configuration?.isTrusted == true)
        #expect(connectors["other"]?.configuration?.isTrusted == false)
        #expect(connectors["sly"]?.configuration?.isTrusted == false, "a project file cannot trust itself")
        try approvals.setTrusted(true, connector: "sly", in: project)
        connectors = set()
        #expect(connectors["sly"]?.configuration?.isTrusted == true)
    }

    @Test func anUnsetVariableKeepsOnlyItsOwnConnectorOut() throws {
        try write(person: #"{"mcpServers": {"linear": {"type": "http", "url": "https://mcp.linear.app/mcp", "headers": {"Authorization": "Bearer ${LINEAR_TOKEN}"}}, "mine": {"command": "mine"}}}"#)
        let connectors = set()
        #expect(connectors.names == ["linear", "mine"])
        #expect(connectors["linear"]?.standing == .broken("LINEAR_TOKEN is not set"))
        #expect(connectors.runnable.map(\.name) == ["mine"])
        #expect(set(environment: ["LINEAR_TOKEN": "t"]).runnable.map(\.name) == ["linear", "mine"])
    }

    @Test func aLocalServerGetsAMinimalEnvironmentUnlessItInherits() throws {
        try write(person: #"{"mcpServers": {"plain": {"command": "p", "env": {"TOKEN": "${MY_TOKEN}"}}, "wide": {"command": "w", "inheritEnv": true}}}"#)
        let process = ["HOME": "/home/a", "PATH": "/bin", "LANG": "C.UTF-8", "LC_CTYPE": "C.UTF-8", "TERM": "xterm", "MY_TOKEN": "t",
                       "ANTHROPIC_API_KEY": "sk-ant", "OPENAI_API_KEY": "sk", "AWS_SECRET_ACCESS_KEY": "aws", "GITHUB_TOKEN": "gh"]
        let connectors = set(environment: process)
        let plain = try #require(connectors["plain"]?.configuration).childEnvironment(from: process)
        #expect(plain == ["HOME": "/home/a", "PATH": "/bin", "LANG": "C.UTF-8", "LC_CTYPE": "C.UTF-8", "TERM": "xterm", "TOKEN": "t"])
        let wide = try #require(connectors["wide"]?.configuration).childEnvironment(from: process)
        #expect(wide["ANTHROPIC_API_KEY"] == "sk-ant")
    }

    @Test func aPolicyFieldOfTheWrongShapeBlocksEverything() throws {
        let file = folder.url.appendingPathComponent("policy.json")
        try #"{"allow": "tasks"}"#.write(to: file, atomically: true, encoding: .utf8)
        let policy = ConnectorPolicy.load(environment: ["CHATTUI_POLICY_FILE": file.path])
        try write(person: #"{"mcpServers": {"tasks": {"command": "chattui", "args": ["serve", "tasks"]}}}"#)
        #expect(set(policy: policy).runnable.isEmpty)
    }
}

extension ConnectorSetTests {
    @Test func urlPatternsMatchURLsPartByPartSoNoSpellingSlipsPast() throws {
        func remote(_ url: String) -> ServerConfiguration {
            ServerConfiguration(name: "r", transport: .http(url: URL(string: url)!, headers: [:]))
        }
        let deny = ConnectorPolicy(deny: ["http://127.0.0.1:18809/*"])
        for url in ["HTTP://127.0.0.1:18809/mcp", "http://u@127.0.0.1:18809/mcp", "http://127.0.0.1:18809", "http://127.0.0.1:18809/x?y=1"] {
            #expect(deny.blockReason(remote(url), isCustom: false) != nil, "\(url)")
        }
        let allow = ConnectorPolicy(allow: ["http://*.trusted.test/*"])
        #expect(allow.blockReason(remote("http://api.trusted.test/mcp"), isCustom: false) == nil)
        for url in ["http://127.0.0.1:18809/.trusted.test/mcp", "http://127.0.0.1:18809/?x=.trusted.test/", "http://evil.test/a.trusted.test/"] {
            #expect(allow.blockReason(remote(url), isCustom: false) != nil, "\(url)")
        }
    }

    @Test func namesThatCouldPassForAnotherAreIgnored() throws {
        try write(person: #"{"mcpServers": {"fi\u200bles": {"command": "x"}, "日本": {"command": "y"}}}"#,
                  project: #"{"mcpServers": {"tasks\u202e": {"command": "z"}, "tаsks": {"command": "z"}, "ok-name_1.2": {"command": "z"}}}"#)
        let connectors = set(trustProject: true)
        #expect(connectors.names == ["ok-name_1.2", "日本"], "\(connectors.names)")
        #expect(connectors.problems.count == 3)
    }
}
