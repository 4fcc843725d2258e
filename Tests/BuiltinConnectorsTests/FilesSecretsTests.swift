@testable import BuiltinConnectors
import Foundation
import MCP
import Testing
import TestSupport

/// Files refuses what may hold secrets, by name and by where a symlink leads, in every tool,
/// and still reads ordinary files. The folder stands in for a home folder served whole.
@Suite struct FilesSecretsTests {
    let folder = TemporaryDirectory()
    var home: URL { folder.url }

    static let secretFiles = [
        ".ssh/id_ed25519", ".ssh/config", ".gnupg/private-keys-v1.d/key", ".aws/credentials", ".azure/msal_token_cache.json",
        ".config/gcloud/credentials.db", ".kube/config", ".docker/config.json", ".netrc", ".pgpass", ".npmrc", ".pypirc",
        ".git-credentials", ".env", ".env.local", "project/.env.production", "certs/server.pem", "certs/tls.KEY", "project/id_rsa",
        "keys/id_deploy",
        // chattui's own folders: settings, conversations, sign-in tokens.
        ".config/chattui/config.toml", ".local/share/chattui/notes.txt", ".local/state/chattui/auth/linear.json",
    ]
    static let ordinaryFiles = ["notes.txt", "project/README.md", "project/id_rsa.pub", ".docker/daemon.json"]

    var chattuiFolders: [URL] {
        [".config/chattui", ".local/share/chattui", ".local/state/chattui"].map { home.appendingPathComponent($0) }
    }

    func write(_ path: String, _ text: String) throws {
        let file = home.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
    }

    func server(deny: [String] = [], allow: [String] = []) throws -> FilesServer {
        for path in Self.secretFiles { try write(path, "TOKEN-\(path) hunter2") }
        for path in Self.ordinaryFiles { try write(path, "ordinary \(path)") }
        try FileManager.default.createSymbolicLink(atPath: home.appendingPathComponent("innocent.txt").path,
                                                   withDestinationPath: home.appendingPathComponent(".ssh/id_ed25519").path)
        try FileManager.default.createSymbolicLink(atPath: home.appendingPathComponent("project/tokens").path,
                                                   withDestinationPath: home.appendingPathComponent(".local/state/chattui/auth").path)
        try write("project/backup.txt", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk hunter2\n-----END OPENSSH PRIVATE KEY-----\n")
        return try FilesServer(roots: [home.path], secrets: SecretPaths(deny: deny, allow: allow, privateFolders: chattuiFolders, home: home.path))
    }

    func text(_ result: CallTool.Result) -> String {
        result.content.compactMap { if case .text(let text, _, _) = $0 { return text } else { return nil } }.joined()
    }

    func refusal(_ server: FilesServer, _ tool: String, _ arguments: [String: Value]) -> String? {
        do {
            _ = try server.call(tool, arguments: ToolArguments(arguments))
            return nil
        } catch {
            return error.description
        }
    }

    @Test func readFileRefusesEverySecretPathAndReadsOrdinaryOnes() throws {
        let files = try server()
        for path in Self.secretFiles + ["innocent.txt", "project/tokens/linear.json", "project/backup.txt", ".ssh/../.ssh/id_ed25519"] {
            let refused = refusal(files, "read_file", ["path": .string(path)])
            #expect(refused != nil, "\(path) was read")
            #expect(refused.map { $0.contains("secrets") || $0.contains("chattui's own folder") || $0.contains("private key") } == true,
                    "\(path): \(refused ?? "")")
        }
        #expect(refusal(files, "read_file", ["path": .string(home.appendingPathComponent(".aws/credentials").path)])?.contains("“.aws”") == true)
        for path in Self.ordinaryFiles {
            #expect(text(try files.call("read_file", arguments: ToolArguments(["path": .string(path)]))) == "ordinary \(path)")
        }
    }

    @Test func listingAndSearchNeverNameOrQuoteThem() throws {
        let files = try server()
        let listed = text(try files.call("list_directory", arguments: ToolArguments(["path": "project"])))
        #expect(listed.contains("README.md") && listed.contains("id_rsa.pub"), "\(listed)")
        #expect(!listed.contains("id_rsa\n") && !listed.hasSuffix("id_rsa") && !listed.contains("tokens"), "\(listed)")
        #expect(!text(try files.call("list_directory", arguments: ToolArguments(["path": "certs"]))).contains("pem"))
        for folder in [".ssh", ".local/state/chattui/auth", "project/tokens"] {
            #expect(refusal(files, "list_directory", ["path": .string(folder)]) != nil, "\(folder) was listed")
        }
        for query in ["hunter2", "TOKEN", "id_", "pem", "key", "linear", "credentials"] {
            let result = try files.call("search_files", arguments: ToolArguments(["query": .string(query), "limit": 100]))
            guard case .object(let structured)? = result.structuredContent, case .array(let matches)? = structured["matches"] else {
                Issue.record("no structured matches"); continue
            }
            for case .object(let match) in matches {
                let path = match["path"]?.stringValue ?? "", line = match["line"]?.stringValue ?? ""
                #expect(!line.contains("hunter2") && !line.contains("TOKEN"), "\(query) quoted \(path): \(line)")
                #expect(!(Self.secretFiles + ["innocent.txt", "linear.json"]).contains { path.hasSuffix("/" + $0) }, "\(query) named \(path)")
            }
        }
        #expect(text(try files.call("search_files", arguments: ToolArguments(["query": "id_"]))).contains("id_rsa.pub"))
        #expect(text(try files.call("search_files", arguments: ToolArguments(["query": "ordinary"]))).contains("README.md: ordinary"))
    }

    /// Secrets in files whose names say nothing: a clone's `.git/config` with a token in its URL,
    /// a PuTTY key, `.env` copies under other names, keys pasted into notes.
    static let secretContents = [
        "project/.git/config": "[remote \"origin\"]\n\turl = https://x-access-token:ghs_16C7e42F292c6912E7710c838347Ae178B4a@github.com/o/r.git\n",
        "keys/deploy.ppk": "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nPrivate-Lines: 1\nAAAAIHunter2\n",
        "config.env.local": "DEBUG=1\nSTRIPE_API_KEY=sk_live_51HhUnter2hUnter2hUnter2\n",
        "env.bak": "export GITHUB_TOKEN=\"hunter2hunter2hunter2\"\n",
        "aws.txt": "my keys\nAKIAIOSFODNN7EXAMPLE\nwJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY hunter2\n",
        "notes/slack.md": "bot: xoxb-2632481-hunter2hunter2\n",
        "ci/.git/config": "[http \"https://github.com/\"]\n\textraheader = AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46Z2hzX2h1bnRlcjI=\n",
        "npmrc.bak": "//registry.npmjs.org/:_authToken=npm_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789\n",
        "docker-config.json": "{\"auths\":{\"ghcr.io\":{\"auth\":\"dXNlcjpnaHBfaHVudGVyMmh1bnRlcjI=\"}}}\n",
    ]
    static let ordinaryContents = [
        "project/SETUP.md": "Set PASSWORD in your shell, then run make.\napi_key = os.environ[\"API_KEY\"]\ntoken: <paste yours here>\n",
        "project/clone.txt": "git clone https://github.com/o/r.git\n",
    ]

    @Test func filesWhoseTextHoldsASecretAreRefusedWhateverTheirName() throws {
        let files = try server(allow: ["notes/slack.md"])
        for (path, text) in Self.secretContents.merging(Self.ordinaryContents, uniquingKeysWith: { $1 }) { try write(path, text) }
        for path in Self.secretContents.keys where path != "notes/slack.md" {
            let refused = refusal(files, "read_file", ["path": .string(path)])
            #expect(refused?.contains("so Files does not read it") == true, "\(path) was read: \(refused ?? "")")
        }
        #expect(text(try files.call("read_file", arguments: ToolArguments(["path": "notes/slack.md"]))).contains("xoxb"),
                "the person's allow opens a file they named")
        for (path, expected) in Self.ordinaryContents {
            #expect(text(try files.call("read_file", arguments: ToolArguments(["path": .string(path)]))) == expected)
        }
        let values = ["hunter2", "IOSFODNN7", "16C7e42F", "sk_live", "npm_AbCd", "eC1hY2N", "dXNlcjpn"]
        for query in values + ["url", "PuTTY", "export", "extraheader", "authToken", "auths"] {
            let found = text(try files.call("search_files", arguments: ToolArguments(["query": .string(query), "limit": 100])))
            let quoted = found.split(separator: "\n").filter { $0.contains(": ") && !$0.contains("notes/slack.md") }
            #expect(quoted.allSatisfy { line in !values.contains { line.contains($0) } },
                    "\(query) quoted: \(found)")
        }
    }

    @Test func thePersonsPatternsAddRefusalsAndExceptionsButNeverOpenChattuisFolders() throws {
        let files = try server(deny: ["*.txt", "~/project/README.md"],
                               allow: [".env.local", "certs", "~/.config/chattui/config.toml", "project"])
        #expect(text(try files.call("read_file", arguments: ToolArguments(["path": ".env.local"]))).contains("TOKEN"))
        #expect(refusal(files, "read_file", ["path": "notes.txt"])?.contains("“*.txt”") == true)
        #expect(refusal(files, "read_file", ["path": "project/README.md"]) != nil, "an exception further up does not open a refusal below it")
        #expect(refusal(files, "read_file", ["path": "certs/server.pem"]) != nil, "an exception for a folder does not open the keys in it")
        #expect(refusal(files, "read_file", ["path": "project/.env.production"]) != nil)
        #expect(refusal(files, "read_file", ["path": ".config/chattui/config.toml"])?.contains("chattui's own folder") == true)
    }

    @Test func theDefaultRootIsNeverTheWholeHomeOrSlash() throws {
        let project = home.appendingPathComponent("project")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        #expect(try FilesServer.defaultRoot(workingDirectory: project.path, home: home.path) == project.path)
        for folder in [home.path, "/", home.deletingLastPathComponent().path, home.path + "/project/.."] {
            #expect(throws: FilesError.self, "\(folder)") { try FilesServer.defaultRoot(workingDirectory: folder, home: home.path) }
        }
    }
}
