import LiveSession
import TerminalBackend
import ChatFeatures
import ChatStore
import ConversationModel
import Foundation
import MCPClient
import ModelProviders
import TerminalText

/// `chattui -p PROMPT` (`-p -` reads it from standard input): one turn without the
/// interface. The answer streams to stdout; tool calls and notes go to stderr. Calls
/// that need approval are denied unless `--allow` names the tool. Anything short of
/// an answer (no model, a named connector that did not start, the step limit) exits non-zero.
struct PrintMode {
    /// The prompt, or `-` for standard input.
    var prompt: String
    var connectors: [String]
    var model: String?
    var allowed: [String]
    var composition: Composition
    var paths: AppPaths { composition.paths }

    enum Failure: Error, CustomStringConvertible {
        case emptyPrompt, unknownConnector(String, known: [String]), unusableConnector(String, reason: String), connectorsNotReady([String]), turn(String)
        var description: String {
            switch self {
            case .emptyPrompt: return "The prompt is empty: give it after -p, or pipe it in with -p -."
            case .unknownConnector(let name, let known):
                return "No connector named \"\(name)\"." + (known.isEmpty ? " None are configured (chattui mcp add)." : " Configured: \(known.joined(separator: ", ")).")
            case .unusableConnector(let name, let reason): return "The connector \"\(name)\" cannot be used: \(reason)."
            case .connectorsNotReady(let reasons): return "Not answered: " + reasons.joined(separator: "; ")
            case .turn(let reason): return reason
            }
        }
    }

    func run() async throws {
        let prompt = self.prompt == "-" ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) : self.prompt
        guard !prompt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw Failure.emptyPrompt }
        let store = try ConversationStore(directory: paths.data)
        let setup = ModelSetup.load(configDirectory: paths.config, environment: ProcessInfo.processInfo.environment)
        setup.problems.forEach { CommandLineText.printError("warning: \($0)") }
        let resolved = try await ModelResolver(setup: setup).resolve(model).get()
        let set = composition.connectorSet()
        let chosen = try connectors.map { name in
            guard let member = set[name] else { throw Failure.unknownConnector(name, known: set.names) }
            guard member.standing == .runs, let configuration = member.configuration else {
                throw Failure.unusableConnector(name, reason: member.refusal)
            }
            return configuration
        }
        let outcome = try await TerminationSignals.withConnectors(chosen, logDirectory: composition.logDirectory) { manager in
            // A connector the person named is part of the question: without it the answer would mislead.
            let notReady = await manager.settled().filter { !$0.value.isReady }.sorted { $0.key < $1.key }.map { "connector \($0.key): \($0.value)" }
            guard notReady.isEmpty else { throw Failure.connectorsNotReady(notReady) }
            return try await answer(prompt, model: resolved, setup: setup, store: store, connectors: chosen, manager: manager)
        }
        CommandLineText.stream("\n")
        switch outcome {
        case .completed: return
        case .cancelled: throw Failure.turn("cancelled")
        case .stepLimitReached(let steps): throw Failure.turn("stopped after \(counted(steps, "step"))")
        case .failed(let reason): throw Failure.turn(reason)
        }
    }

    private func answer(_ prompt: String, model: ResolvedModel, setup: ModelSetup, store: ConversationStore,
                        connectors chosen: [ServerConfiguration], manager: ConnectorManager) async throws -> TurnOutcome {
        var conversation = try store.createConversation()
        conversation.model = model.choice.description
        try store.setModel(model.choice.description, in: conversation.id)
        try store.appendMessage(to: conversation.id, role: .user, blocks: [.text(prompt)])
        let uses = Dictionary(uniqueKeysWithValues: chosen.map { ($0.name, ConnectorUse.on) })
        let engine = TurnEngine(store: store, provider: model.provider.makeProvider(),
                                tools: ConnectorToolHost(manager: manager), approvals: AllowList(allowed: Set(allowed)))
        return await engine.run(in: conversation.id, settings: setup.settings(for: model, conversation: conversation, uses: uses)) { event in
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
        let bare = ToolID.parts(of: tool.id).tool
        if allowed.contains(tool.id) || allowed.contains(bare) || allowed.contains(tool.connector) {
            return .allowOnce(request.call.arguments)
        }
        CommandLineText.printError("denied \(TurnLines.displayName(tool.id)): needs approval (pass --allow \(tool.id))")
        return .deny(reason: "The person running this from the command line did not allow this tool.")
    }
}
