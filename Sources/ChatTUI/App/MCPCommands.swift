import LiveSession
import TerminalBackend
import ChatFeatures
import ConversationModel
import ArgumentParser
import Foundation
import MCP
import MCPClient

/// A refusal that is about the connectors, not about how the command was typed (so no usage text).
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// `chattui mcp ...`: manage connectors from the shell, the way `claude mcp` does.
struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Configure and check connectors (MCP servers).",
        discussion: """
            Connectors live in $XDG_CONFIG_HOME/chattui/connectors.json. A project's .mcp.json adds to them once you approve
            the folder in chattui's /connectors; --trust-project starts its connectors for one run without approving it.
            """,
        subcommands: [Add.self, List.self, Get.self, Remove.self, Inspect.self, Login.self, Logout.self, Search.self, Show.self, Install.self, BenchSearch.self])

    struct Context {
        let composition: Composition
        var files: ConnectorConfigurationFiles { composition.files }
        var logDirectory: URL { composition.logDirectory }
        /// Where sign-in tokens are kept (files of mode 0600).
        var authDirectory: URL { logDirectory.deletingLastPathComponent().appendingPathComponent("auth") }

        /// `--trust-project` is the root command's flag (it serves `-p` too), and the argument parser
        /// gives a flag the root declares to the root even after `mcp list`; so it is read here.
        init(trustProject: Bool = CommandLine.arguments.dropFirst().contains("--trust-project")) {
            composition = Composition(trustProject: trustProject)
        }

        /// The configured connectors, the policy and the folder's approval applied; problems go to stderr.
        func connectors() -> ConnectorSet {
            let set = composition.connectorSet()
            for problem in set.problems { CommandLineText.printError("warning: \(problem)") }
            return set
        }

        /// Connects `connectors`, hands `body` the manager once none is still
        /// connecting, and always stops the servers afterwards (on a signal too).
        func connecting<T>(_ connectors: [ServerConfiguration],
                           _ body: (ConnectorManager, [String: ConnectorState]) async throws -> T) async throws -> T {
            try await TerminationSignals.withConnectors(connectors, logDirectory: logDirectory) { manager in
                try await body(manager, await manager.settled())
            }
        }

        func member(named name: String) throws -> ConnectorSet.Member {
            guard let found = connectors()[name] else {
                throw CommandFailure("No connector named \"\(name)\". `chattui mcp list` shows them.")
            }
            return found
        }

        /// A connector that may be started, or why not.
        func runnable(named name: String) throws -> ServerConfiguration {
            let member = try member(named: name)
            guard member.standing == .runs, let configuration = member.configuration else {
                throw CommandFailure("\(name) is not started: \(member.refusal)")
            }
            return configuration
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a connector.",
            discussion: """
                chattui mcp add NAME -- COMMAND [ARGS...]
                chattui mcp add --transport http NAME URL [--header "Authorization: Bearer ..."]
                """)

        @Option(name: [.long, .short], help: "stdio, http or sse.") var transport = "stdio"
        @Option(name: [.customLong("env"), .customShort("e")], help: "KEY=VALUE for a stdio server (repeatable).") var environment: [String] = []
        @Option(name: [.customLong("header"), .customShort("H")], help: "\"Name: value\" for a remote server (repeatable).") var headers: [String] = []
        @Argument(help: "The connector's name.") var name: String
        @Argument(help: "The URL of a remote server.") var url: String?
        @Argument(parsing: .postTerminator, help: "After --: the command line of a stdio server.") var commandLine: [String] = []

        func run() async throws {
            let context = Context()
            if let problem = ConnectorNaming.nameProblem(name) { throw ValidationError("A connector's name: \(problem).") }
            if context.connectors()[name] != nil {
                throw CommandFailure("A connector named \"\(name)\" exists already; `chattui mcp remove \(name)` first.")
            }
            var entry: [String: Any]
            switch transport {
            case "stdio":
                guard let command = commandLine.first, url == nil else {
                    throw ValidationError("Give the command after --, e.g. chattui mcp add time -- uvx mcp-server-time")
                }
                entry = ["command": command, "args": Array(commandLine.dropFirst())]
                if !environment.isEmpty { entry["env"] = try Self.pairs(environment, separator: "=", what: "--env") }
            case "http", "sse":
                guard let url, commandLine.isEmpty, let parsed = URL(string: url) else {
                    throw ValidationError("Give one http(s) URL, e.g. chattui mcp add --transport http linear https://mcp.linear.app/mcp")
                }
                if let problem = ConnectorNaming.addressProblem(parsed) { throw ValidationError("\(url): \(problem).") }
                entry = ["type": transport, "url": url]
                if !headers.isEmpty { entry["headers"] = try Self.pairs(headers, separator: ":", what: "--header") }
            default:
                throw ValidationError("--transport is stdio, http or sse.")
            }
            try context.files.add(name: name, entry: entry)
            // The policy decides on the entry as written, in the one place it decides for every door.
            if case .blocked(let reason)? = context.composition.connectorSet()[name]?.standing {
                try context.files.remove(name: name)
                throw CommandFailure("\(name) cannot be added: \(reason).")
            }
            CommandLineText.print("Added \(name) to \(context.files.userFile.path)")
        }

        static func pairs(_ values: [String], separator: Character, what: String) throws -> [String: String] {
            try Dictionary(values.map { value in
                guard let index = value.firstIndex(of: separator) else { throw ValidationError("\(what) \"\(value)\" needs a \(separator)") }
                return (String(value[..<index]).trimmingCharacters(in: .whitespaces), String(value[value.index(after: index)...]).trimmingCharacters(in: .whitespaces))
            }, uniquingKeysWith: { $1 })
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Connect to every connector and show how each is doing.")

        func run() async throws {
            let context = Context()
            let set = context.connectors()
            guard !set.names.isEmpty else {
                CommandLineText.print("No connectors configured. Add one with `chattui mcp add`.")
                return
            }
            try await context.connecting(set.runnable) { _, states in
                for name in set.names {
                    guard let member = set[name] else { continue }
                    let address = member.configuration.map { "\($0.shownAddress) (\($0.transportName))" } ?? "(not readable)"
                    let status: String
                    if case .idle(let reason) = member.standing {
                        status = "– " + reason
                    } else if member.reason != nil {
                        status = "✗ " + member.refusal
                    } else {
                        status = (states[name]?.isReady == true ? "✓ " : "✗ ") + (states[name]?.description ?? "unknown")
                    }
                    CommandLineText.print("\(name): \(address) - \(status)")
                }
            }
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a connector's configuration and state.")
        @Argument var name: String
        func run() async throws {
            let context = Context()
            let member = try context.member(named: name)
            guard let connector = member.configuration else { throw CommandFailure("\(name): \(member.reason ?? "cannot be read")") }
            CommandLineText.print("\(connector.name):")
            CommandLineText.print("  Source: \(connector.source ?? "?")")
            CommandLineText.print("  Type: \(connector.transportName)")
            switch connector.transport {
            case .stdio(_, _, let environment, let workingDirectory):
                CommandLineText.print("  Command line: \(connector.shownAddress)")
                if !environment.isEmpty { CommandLineText.print("  Environment: \(environment.keys.sorted().map { "\($0)=…" }.joined(separator: ", "))") }
                if let workingDirectory { CommandLineText.print("  Working directory: \(workingDirectory)") }
            case .http(_, let headers), .sse(_, let headers):
                CommandLineText.print("  URL: \(connector.shownAddress)")
                if !headers.isEmpty { CommandLineText.print("  Headers: \(headers.keys.sorted().map { "\($0): …" }.joined(separator: ", "))") }
            }
            CommandLineText.print("  Request timeout: \(connector.requestTimeout.formatted())")
            if member.reason != nil {
                CommandLineText.print("  Status: not started: " + member.refusal)
                return
            }
            try await context.connecting([connector]) { manager, states in
                CommandLineText.print("  Status: \(states[connector.name]?.description ?? "unknown")")
                CommandLineText.print("  Log: \(await manager.logFile(of: connector.name).path)")
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a connector from your configuration.")
        @Argument var name: String

        func run() async throws {
            let context = Context()
            guard try context.files.remove(name: name) else {
                throw CommandFailure("No connector named \"\(name)\" in \(context.files.userFile.path).")
            }
            TokenStore(directory: context.authDirectory).delete(name)
            CommandLineText.print("Removed \(name).")
        }
    }

    struct Inspect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Connect and show everything a connector offers, and what the model would not see.")
        @Argument var name: String
        func run() async throws {
            let context = Context()
            let connector = try context.runnable(named: name)
            try await context.connecting([connector]) { manager, states in
                guard case .ready(let offer)? = states[name] else {
                    throw CommandFailure("\(name) \(states[name]?.description ?? "did not start")")
                }
                ConnectorReport(name: name, snapshot: offer.snapshot, tools: await manager.tools()).lines.forEach(CommandLineText.print)
            }
        }
    }
}
