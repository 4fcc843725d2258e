import LiveSession
import TerminalBackend
import ChatFeatures
import ArgumentParser
import Foundation
import Glibc
import ConversationModel

@main
struct ChatTUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chattui",
        abstract: "Chat with a language model in the terminal, with connectors (MCP servers) one keystroke away.",
        discussion: """
            Conversations are stored in $XDG_DATA_HOME/chattui (or --data-dir, or CHATTUI_DATA_DIR).
            Your own themes go in $XDG_CONFIG_HOME/chattui/themes/*.toml. NO_COLOR turns colours off.
            """,
        version: "chattui 0.1.0",
        subcommands: [MCPCommand.self, ServeCommand.self, DoctorCommand.self, SeedCommand.self, BenchCommand.self, StreamBenchCommand.self, MCPBenchCommand.self, LayoutBenchCommand.self, ConformanceClientCommand.self])

    @Option(name: .customLong("data-dir"), help: "Folder for the conversation database.")
    var dataDirectory: String?

    @Option(help: "Colour theme for this run (dark, light, high-contrast, or one of yours).")
    var theme: String?

    @Flag(name: .customLong("exit-after-first-frame"), help: .hidden)
    var exitAfterFirstFrame = false

    @Option(name: [.customShort("p"), .customLong("print")], help: "Answer PROMPT without the interface and print the answer.")
    var prompt: String?

    @Option(name: .customLong("connector"), help: "With -p: a connector to turn on (repeatable).")
    var connectors: [String] = []

    @Option(help: "With -p: the model, as provider/model.")
    var model: String?

    @Flag(name: .customLong("trust-project"), help: "With -p or mcp: start this folder's .mcp.json connectors for this run, approved or not.")
    var trustProject = false

    @Option(name: .customLong("allow"), help: "With -p: a tool that may run without asking (connector__tool, the tool's name, or a connector's name; repeatable).")
    var allowed: [String] = []

    /// ArgumentParser's own `main`, except that messages (errors quote servers,
    /// models and files) are printed through `CommandLineText`.
    static func main() async {
        do {
            var command = try await asyncParseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand { try await asyncCommand.run() } else { try command.run() }
        } catch {
            let message = fullMessage(for: error)
            let code = exitCode(for: error)
            if !message.isEmpty { CommandLineText.printLines(message, toError: code != .success) }
            Glibc.exit(code.rawValue)
        }
    }

    /// The interface's loop blocks this task in `poll`; connector work runs on
    /// the cooperative pool and reaches it through the inbox.
    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        if let prompt {
            let mode = PrintMode(prompt: prompt, connectors: connectors, model: model, allowed: allowed,
                                 composition: Composition(dataDirectory: dataDirectory, trustProject: trustProject))
            do {
                try await mode.run()
                return
            } catch {
                CommandLineText.printError("chattui: \(error)")
                throw ExitCode(1)
            }
        }
        let options = App.Options(
            composition: Composition(dataDirectory: dataDirectory),
            themeOverride: theme,
            allowColor: (environment["NO_COLOR"] ?? "").isEmpty)
        let app: App
        do {
            app = try App(options: options)
        } catch let error as StoreError {
            CommandLineText.printError("chattui: \(error)")
            throw ExitCode(2)
        } catch let error as TerminalBackend.StartError {
            CommandLineText.printError("chattui: \(error)")
            throw ExitCode(3)
        }
        app.run(exitAfterFirstFrame: exitAfterFirstFrame)
        await app.shutdown()
    }
}
