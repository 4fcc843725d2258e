import ConversationModel
import Foundation
import MCPClient
import ModelProviders

/// `chattui -p PROMPT`: one turn without the interface. The answer streams to
/// stdout; tool calls and notes go to stderr. Calls that need approval are
/// denied unless `--allow` names the tool.
struct PrintMode {
    var prompt: String
    var connectors: [String]
    var model: String?
    var allowed: [String]
    var paths: AppPaths

    enum Failure: Error, CustomStringConvertible {
        case noModel, unknownConnector(String, known: [String]), badModel(String), turn(String)
        var description: String {
            switch self {
            case .noModel: return "No model is configured. Set ANTHROPIC_API_KEY, or OPENAI_BASE_URL for a local server, or name one with --model provider/model."
            case .unknownConnector(let name, let known):
                return "No connector named \"\(name)\"." + (known.isEmpty ? " None are configured (chattui mcp add)." : " Configured: \(known.joined(separator: ", ")).")
            case .badModel(let name): return "No provider for model \"\(name)\": name it as provider/model with a configured provider."
            case .turn(let reason): return reason
            }
        }
    }

    func run() async throws {
        let store = try ConversationStore(directory: paths.data)
        let setup = ModelSetup.load(configDirectory: paths.config, environment: ProcessInfo.processInfo.environment)
        setup.problems.forEach { CommandLineText.printError("warning: \($0)") }
        let choice: ModelChoice
        if let model {
            guard let parsed = ModelChoice(model), setup.provider(named: parsed.provider) != nil else { throw Failure.badModel(model) }
            choice = parsed
        } else {
            guard let resolved = await setup.resolvedDefault() else { throw Failure.noModel }
            choice = resolved
        }
        let files = ConnectorConfigurationFiles(configDirectory: paths.config, workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        let configured = files.load().connectors
        let chosen = try connectors.map { name in
            guard let found = configured.first(where: { $0.name == name }) else { throw Failure.unknownConnector(name, known: configured.map(\.name)) }
            return found
        }
        let manager = ConnectorManager(configurations: chosen, logDirectory: paths.state.appendingPathComponent("logs"))
        await manager.start()
        for (name, state) in await manager.settled() where !state.isReady { CommandLineText.printError("connector \(name): \(state)") }
        let outcome: TurnOutcome
        do {
            outcome = try await answer(choice: choice, setup: setup, store: store, connectors: chosen, manager: manager)
        } catch {
            await manager.shutdown()
            throw error
        }
        await manager.shutdown()
        CommandLineText.stream("\n")
        switch outcome {
        case .completed: return
        case .cancelled: throw Failure.turn("cancelled")
        case .stepLimitReached(let steps): throw Failure.turn("stopped after \(steps) steps")
        case .failed(let reason): throw Failure.turn(reason)
        }
    }

    private func answer(choice: ModelChoice, setup: ModelSetup, store: ConversationStore, connectors chosen: [ServerConfiguration],
                        manager: ConnectorManager) async throws -> TurnOutcome {
        var conversation = try store.createConversation()
        conversation.model = choice.description
        try store.setModel(choice.description, in: conversation.id)
        try store.appendMessage(to: conversation.id, role: .user, blocks: [.text(prompt)])
        let uses = Dictionary(uniqueKeysWithValues: chosen.map { ($0.name, ConnectorUse.on) })
        let engine = TurnEngine(store: store, provider: setup.provider(named: choice.provider)!.makeProvider(),
                                tools: ConnectorToolHost(manager: manager), approvals: AllowList(allowed: Set(allowed)))
        return await engine.run(in: conversation.id, settings: setup.settings(for: choice, conversation: conversation, uses: uses)) { event in
            switch event {
            case .textDelta(let text): CommandLineText.stream(text)
            case .toolStarted(let call): CommandLineText.printError("⚙ \(TurnLines.displayName(call.name)) \(call.arguments.jsonText)")
            case .toolFinished(let result) where result.isError: CommandLineText.printError("✗ \(result.content.prefix(300))")
            case .committed(let message) where message.role == .assistant && message.status == .complete && message.blocks.contains { $0.kind == .toolCall }:
                CommandLineText.stream("\n")
            case .retrying(let attempt, let delay, let reason): CommandLineText.printError("retrying in \(delay) (attempt \(attempt + 1)): \(reason)")
            default: break
            }
        }
    }
}

/// Approvals for the command line: the tools `--allow` names run, every other call that asks is denied.
struct AllowList: ApprovalGate {
    /// Tool ids (`connector__tool`), bare tool names, or `connector` for all of its tools.
    let allowed: Set<String>

    func decide(_ request: ApprovalRequest) async -> ApprovalDecision {
        let tool = request.tool
        let bare = ToolNamespace.parts(of: tool.id).tool
        if allowed.contains(tool.id) || allowed.contains(bare) || allowed.contains(tool.connector) {
            return .allowOnce(request.call.arguments)
        }
        CommandLineText.printError("denied \(TurnLines.displayName(tool.id)): needs approval (pass --allow \(tool.id))")
        return .deny(reason: "The person running this from the command line did not allow this tool.")
    }
}
