import ArgumentParser
import ConnectorRegistry
import Foundation
import LiveSession
import MCPClient
import TerminalText

extension Composition {
    /// Opens the registry (its saved copy when it cannot be reached), saying where the entries are from.
    /// `quiet`: the count is left out (one entry is wanted, not a listing); the copy being offline is still said.
    func openRegistry(quiet: Bool = false) async throws -> (RegistryBrowser, RegistryBrowser.Status) {
        let browser = try registryBrowser().get()
        let status = try await browser.open()
        let credit = RegistryDetails.credit(status.source)
        let date = status.copyDate.formatted(date: .abbreviated, time: .shortened)
        if let offline = status.offline {
            CommandLineText.printError("The registry cannot be reached: \(offline)")
            CommandLineText.printError("Searching the copy saved \(date) (\(counted(status.count, "connector")), \(credit)).")
        } else if !quiet {
            CommandLineText.printError("\(counted(status.count, "connector")) \(credit) (copy of \(date)).")
        }
        return (browser, status)
    }
}

extension MCPCommand {
    /// `chattui mcp search TEXT`: the registry's entries matching every word.
    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Search the MCP registry (config.toml's `registry`; the official one by default).")
        @Option(help: "Show at most this many.") var limit = 20
        @Argument(help: "Words to look for in the name, title and description.") var words: [String] = []

        func run() async throws {
            let (browser, _) = try await Composition().openRegistry()
            guard let results = await browser.search(words.joined(separator: " ")) else { return }
            if let problem = results.problem { throw CommandFailure(problem.description) }
            for entry in results.entries.prefix(limit) { CommandLineText.print(RegistryDetails.summary(entry)) }
            let total = results.total ?? results.entries.count
            if total > limit { CommandLineText.print("… and \(total - limit) more (\(total) match).") }
            if total == 0 { CommandLineText.print("No registry entry matches.") }
        }
    }

    /// `chattui mcp show NAME`: one registry entry's details.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a registry entry: its remotes, packages, headers and variables.")
        @Argument(help: "The registry name, e.g. io.github.owner/server.") var name: String

        func run() async throws {
            let (browser, status) = try await Composition().openRegistry(quiet: true)
            let entry = try await browser.details(name)
            for line in RegistryDetails(entry).lines { CommandLineText.print("\(line.label): \(line.text)") }
            CommandLineText.print("(\(RegistryDetails.credit(status.source)); not verified)")
        }
    }

    /// `chattui mcp install NAME`: adds a registry entry as a custom connector, after showing what it will run.
    struct Install: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Install a registry entry as a connector (not trusted until you trust it).",
            discussion: """
                Values the entry asks for come only from you: --set KEY=VALUE, or --set-from-env KEY (or KEY=VARIABLE) to \
                take one from your environment, which keeps it out of your shell history and stores it as a secret. \
                Secrets are kept in a file of mode 0600, never in connectors.json. Before anything is written, the \
                command line, environment, URL and headers are shown, with risky settings flagged; on a terminal you \
                are asked to confirm, otherwise --yes is needed.
                """)
        @Argument(help: "The registry name, e.g. io.github.owner/server.") var name: String
        @Option(name: .customLong("as"), help: "The connector's name (default: the last part of the registry name).") var connectorName: String?
        @Option(name: .customLong("set"), help: "KEY=VALUE for a variable, header or argument the entry asks for (repeatable).") var values: [String] = []
        @Option(name: .customLong("set-from-env"), help: "KEY, or KEY=VARIABLE: take KEY from your environment variable (repeatable; kept as a secret).")
        var fromEnvironment: [String] = []
        @Option(help: "Install this remote (1, 2, …) instead of the first.") var remote: Int?
        @Option(help: "Install this package (1, 2, …) instead of a remote.") var package: Int?
        @Flag(help: "Install without asking (needed when stdin is not a terminal).") var yes = false

        func run() async throws {
            let composition = Composition()
            let (browser, _) = try await composition.openRegistry(quiet: true)
            let entry = try await browser.details(name)
            let choice = remote.map { RegistryInstallPlan.Choice.remote($0 - 1) } ?? package.map { .package($0 - 1) }
            let plan = try RegistryInstallPlan(entry, choice: choice)
            for warning in plan.warnings { CommandLineText.printError("warning: \(warning)") }
            var answers = try Add.pairs(values, separator: "=", what: "--set")
            var fromEnvironmentKeys: Set<String> = []
            for item in fromEnvironment {
                let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
                let (key, variable) = (parts[0], parts.count > 1 ? parts[1] : parts[0])
                guard let value = composition.environment[variable], !value.isEmpty else {
                    throw CommandFailure("--set-from-env \(item): the environment variable \(variable) is not set.")
                }
                answers[key] = value
                fromEnvironmentKeys.insert(key)
            }
            let connector = connectorName ?? plan.suggestedName
            let (fields, secrets) = try plan.connector(values: answers, keptSecret: fromEnvironmentKeys)
            let review = RegistryInstallReview(fields: fields, secrets: secrets)
            CommandLineText.print("\(connector) will be added to \(composition.files.userFile.path):")
            for line in review.lines { CommandLineText.print("  \(line)") }
            for risk in review.risks { CommandLineText.printError("warning: risky setting: \(risk)") }
            if let launcher = review.launcher, !RegistryInstallReview.isOnPath(launcher, environment: composition.environment) {
                CommandLineText.printError("warning: \(launcher) is not on your PATH: the connector will not start until it is installed.")
            }
            try confirm()
            let installed = try RegistryInstaller(files: composition.files, connectorSet: composition.connectorSet)
                .install(plan, as: connector, values: answers, keptSecret: fromEnvironmentKeys)
            CommandLineText.print("Installed \(installed.name) (\(installed.transportName): \(installed.remoteURL?.absoluteString ?? installed.address.split(separator: " ").prefix(4).joined(separator: " "))) in \(composition.files.userFile.path).")
            CommandLineText.print("It is not verified: every call it makes asks until you trust it (`t` in /connectors).")
        }

        /// y/N on a terminal; without one, only --yes installs.
        private func confirm() throws {
            if yes { return }
            guard isatty(STDIN_FILENO) != 0 else { throw CommandFailure("Not installed: stdin is not a terminal; read the above and add --yes to install.") }
            CommandLineText.printError("Install it? [y/N] ")
            guard let answer = readLine(), ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw CommandFailure("Not installed.")
            }
        }
    }
}

extension MCPCommand {
    /// `make bench`: how many connectors the registry reaches, and the local search's time per keystroke
    /// (each query typed a character at a time, every prefix searched over the whole copy).
    struct BenchSearch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "bench-search", shouldDisplay: false)
        @Argument var queries: [String] = ["github issues", "postgres database", "figma design", "slack", "weather forecast api"]

        func run() async throws {
            let (browser, status) = try await Composition().openRegistry()
            guard let index = await browser.loaded else { throw CommandFailure("no copy loaded") }
            var times: [Double] = []
            var matched = 0
            for query in queries {
                for end in query.indices.dropFirst() + [query.endIndex] {
                    let start = DispatchTime.now().uptimeNanoseconds
                    matched = index.search(String(query[..<end])).count
                    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
                }
            }
            times.sort()
            let percentile = { (p: Double) in times[min(times.count - 1, Int(Double(times.count) * p))] }
            CommandLineText.print("registry_connectors_reached=\(status.count) (\(RegistryDetails.credit(status.source)))")
            CommandLineText.print(String(format: "registry_search_per_keystroke_ms p50=%.3f p99=%.3f max=%.3f (%d keystrokes over %d entries; last query matched %d)",
                                         percentile(0.5), percentile(0.99), times.last ?? 0, times.count, index.count, matched))
        }
    }
}
