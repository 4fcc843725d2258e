import LiveSession
import TerminalBackend
import ChatFeatures
import ArgumentParser
import ConnectorMenu
import ConnectorRegistry
import Foundation
import MCPClient
import ModelProviders
import TerminalUI
import TerminalText

/// `chattui doctor`: checks what chattui depends on and says how to fix each problem.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor", abstract: "Check the terminal, configuration, connectors, directory and model credentials.")

    @Flag(help: "Skip connecting to connectors and model providers.")
    var offline = false

    struct Report {
        var problems = 0
        var notes = 0
        mutating func ok(_ text: String) { CommandLineText.print("  ✓ " + text) }
        mutating func warn(_ text: String, fix: String) {
            problems += 1
            CommandLineText.print("  ✗ " + text)
            CommandLineText.print("    → " + fix)
        }
        /// Something optional that does not work here (the registry of an offline machine): said, not counted.
        mutating func note(_ text: String, fix: String) {
            notes += 1
            CommandLineText.print("  ! " + text)
            CommandLineText.print("    → " + fix)
        }

        /// The last line: never "All good." under a "!" line just printed.
        var summary: String {
            if problems > 0 { return "\n\(counted(problems, "problem")) found." }
            if notes == 0 { return "\nAll good." }
            return notes == 1 ? "\nNo problems; one optional part (marked !) does not work here."
                : "\nNo problems; \(notes) optional parts (marked !) do not work here."
        }
    }

    func run() async throws {
        var report = Report()
        let composition = Composition()
        let environment = composition.environment
        let paths = composition.paths

        CommandLineText.print("Terminal")
        if isatty(1) != 0, let size = TerminalBackend.windowSize() {
            if size.width >= AppState.minimumWidth && size.height >= AppState.minimumHeight {
                report.ok("\(size.width)×\(size.height)")
            } else {
                report.warn("\(size.width)×\(size.height) is smaller than \(AppState.minimumWidth)×\(AppState.minimumHeight)", fix: "Make the window larger.")
            }
        } else {
            report.ok("not a terminal (size not checked)")
        }
        let term = environment["TERM"] ?? ""
        if term.isEmpty || term == "dumb" {
            report.warn("TERM is \(term.isEmpty ? "not set" : "dumb")", fix: "Set TERM (xterm-256color suits most terminals; tmux-256color inside tmux).")
        } else {
            let colours = (environment["COLORTERM"].map { $0.contains("truecolor") || $0.contains("24bit") } ?? false) ? "24-bit colour" : term.contains("256") ? "256 colours" : "8 colours"
            report.ok("TERM=\(term), \(colours)" + ((environment["NO_COLOR"] ?? "").isEmpty ? "" : ", NO_COLOR set (monochrome)"))
        }
        let locale = environment["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["LC_CTYPE"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["LANG"] ?? ""
        if locale.uppercased().contains("UTF-8") || locale.uppercased().contains("UTF8") {
            report.ok("locale \(locale)")
        } else {
            report.warn("the locale (\(locale.isEmpty ? "unset" : locale)) is not UTF-8: wide characters and emoji will not show",
                        fix: "export LANG=C.UTF-8 (or your language's .UTF-8 locale).")
        }

        CommandLineText.print("Configuration (\(paths.config.path))")
        let connectors = composition.connectorSet()
        if connectors.problems.isEmpty { report.ok("connectors: \(counted(connectors.names.count, "connector")) configured") }
        for problem in connectors.problems {
            report.warn(problem, fix: problem.contains(".mcp.json") ? "Nothing to do for your own connectors: the project's entry is left out. Rename it in that file if you want both."
                                                                     : "Fix the file, or `chattui mcp remove NAME` and add it again.")
        }
        let setup = ModelSetup.load(configDirectory: paths.config, environment: environment)
        for problem in setup.problems { report.warn(problem, fix: "Fix config.toml at that line; README.md shows its settings.") }
        let themes = ThemeCatalog(directories: paths.builtinThemeDirectories + [paths.userThemeDirectory])
        for error in themes.errors { report.warn("theme \(error)", fix: "Fix the theme file; chattui uses the default theme meanwhile.") }
        if setup.problems.isEmpty && themes.errors.isEmpty { report.ok("config.toml and themes") }
        if let source = composition.policy.source { report.ok("policy from \(source)") }

        CommandLineText.print("Connectors")
        for name in connectors.names {
            guard let member = connectors[name], let reason = member.reason else { continue }
            switch member.standing {
            case .blocked: report.warn("\(name): \(reason)", fix: "Ask whoever manages the policy.")
            case .awaitingApproval: report.warn("\(name): \(reason)", fix: "Approve the folder in chattui's /connectors (Enter, t) if you trust it.")
            case .idle: report.ok("\(name): \(reason)")
            default: report.warn("\(name): \(reason)", fix: "Fix its entry in \(member.configuration?.source ?? composition.files.userFile.path).")
            }
        }
        let runnable = connectors.runnable
        if offline || runnable.isEmpty {
            report.ok(connectors.names.isEmpty ? "none configured (`chattui mcp add`, or /directory in chattui)" : runnable.isEmpty ? "none to start" : "not checked (--offline)")
        } else {
            let states = try await TerminationSignals.withConnectors(runnable, logDirectory: composition.logDirectory) { await $0.settled() }
            for connector in runnable {
                switch states[connector.name] {
                case .ready(let offer)?: report.ok("\(connector.name): ready, \(counted(offer.tools.count, "tool")), MCP \(offer.snapshot.era)")
                case .needsSignIn?: report.warn("\(connector.name): needs sign-in", fix: "Sign in: `chattui mcp login \(connector.name)`, or s in /connectors \(connector.name).")
                case .failed(let reason, let log)?: report.warn("\(connector.name): \(reason)", fix: "See \(log); check the command or URL with `chattui mcp get \(connector.name)`.")
                default: report.warn("\(connector.name): still connecting", fix: "It is slow to start; `chattui mcp list` waits for it.")
                }
            }
        }

        CommandLineText.print("Directory")
        switch await ChatSession.directory(from: setup.directory) {
        case .success(let directory): report.ok("\(counted(directory.entries.count, "connector")) in \(counted(directory.categories.count, "category", plural: "categories"))")
        case .failure(let error): report.warn("Could not load the connectors directory: \(error)", fix: "Unset or fix `directory` in config.toml.")
        }

        CommandLineText.print("Registry")
        switch composition.registryBrowser(setup) {
        case .failure(.off(let why)): report.ok("off: \(why)")
        case .failure(let problem): report.warn(problem.cause, fix: problem.remedy)
        case .success(let browser) where offline: report.ok("\(await browser.source.absoluteString) (not checked, --offline)")
        case .success(let browser):
            do {
                let status = try await browser.open()
                let date = status.copyDate.formatted(date: .abbreviated, time: .shortened)
                // A fresh copy is no proof the registry answers: ask it.
                let unreachable = status.offline == nil ? await browser.reach() : status.offline
                if let problem = unreachable {
                    report.note("\(status.source.absoluteString): \(problem.cause) (searching the copy saved \(date), \(counted(status.count, "connector")))", fix: problem.remedy)
                } else {
                    report.ok("\(status.source.absoluteString): \(counted(status.count, "connector")), copy of \(date)")
                }
            } catch {
                report.note("\(await browser.source.absoluteString): \(error.cause)", fix: error.remedy)
            }
        }

        CommandLineText.print("Models")
        for provider in setup.providers {
            if offline { report.ok("\(provider.name): \(provider.kind.rawValue) at \(provider.baseURL.absoluteString) (not checked)"); continue }
            do {
                let models = try await provider.makeProvider().listModels()
                report.ok("\(provider.name): reachable" + (models.isEmpty ? "" : ", \(counted(models.count, "model"))"))
            } catch {
                report.warn("\(provider.name): \(error)", fix: provider.kind == .anthropic ? "Check ANTHROPIC_API_KEY and ANTHROPIC_BASE_URL." : "Check OPENAI_BASE_URL (is the server running?) and OPENAI_API_KEY.")
            }
        }
        // The same resolver the interface and -p ask, so this names what every new message would use.
        let models = ModelResolver(setup: setup)
        if offline, !setup.providers.isEmpty, models.resolveFromConfiguration(nil) == nil {
            report.ok("default model: asked of the provider (not checked, --offline)")
        } else {
            switch await models.resolve(nil) {
            case .success(let model): report.ok("default model: messages use \(model.choice)")
            case .failure(let problem): report.warn(problem.description, fix: "README.md, Models, shows how to name a provider and a model.")
            }
        }

        CommandLineText.printLines(report.summary, toError: false)
        if report.problems > 0 { throw ExitCode(1) }
    }
}
