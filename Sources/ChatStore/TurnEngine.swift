import ConversationModel
import Foundation
import TerminalText

/// Runs turns: the model streams, asks for tools, gets their results, until it
/// ends the turn. Every step is stored as it completes; a cancelled turn keeps
/// what had arrived, marked interrupted.
public struct TurnEngine: Sendable {
    let store: ConversationStore
    let provider: any ModelProvider
    let tools: any ToolHost
    let approvals: any ApprovalGate
    /// How many stored messages a request carries at most.
    static let historyLimit = 400

    public init(store: ConversationStore, provider: any ModelProvider, tools: any ToolHost, approvals: any ApprovalGate) {
        self.store = store
        self.provider = provider
        self.tools = tools
        self.approvals = approvals
    }

    /// Answers the conversation's last message. Cancel the calling task to stop the turn.
    public func run(in conversation: ConversationID, settings: TurnSettings,
                    events: @escaping @Sendable (TurnEvent) -> Void) async -> TurnOutcome {
        do {
            for _ in 0..<settings.stepLimit {
                let plan = try await toolPlan(conversation, settings)
                events(.toolsLoaded(upFront: plan.upFront.count, deferred: plan.deferred.count, tokens: plan.loadedCost))
                let history = TurnHistory.chatMessages(from: try store.messages(in: conversation, limit: Self.historyLimit))
                let request = ModelRequest(model: settings.model, system: settings.system, messages: history,
                                           tools: plan.definitions(nativeSearch: settings.nativeToolSearch),
                                           maxTokens: settings.maxTokens, nativeToolSearch: settings.nativeToolSearch && !plan.deferred.isEmpty)
                let answer = StreamingAnswer(store: store, conversation: conversation)
                let step = await stream(request, into: answer, events: events)
                let message = try commit(step, to: answer)
                if let message { events(.committed(message)) }
                if let failure = step.failure {
                    if Task.isCancelled { return .cancelled }
                    return .failed(failure.description)
                }
                guard !step.calls.isEmpty else { return .completed }
                let record = ToolStepRecord(store: store, conversation: conversation)
                let results = await runCalls(step.calls, plan: plan, record: record, conversation: conversation, settings: settings, events: events)
                let stored = try record.finish(results)
                events(.committed(stored))
                if Task.isCancelled { return .cancelled }
            }
            let notice = try store.appendMessage(to: conversation, role: .notice, blocks: [
                .notice("Stopped after \(counted(settings.stepLimit, "step")). Send a message to let the model go on."),
            ])
            events(.committed(notice))
            return .stepLimitReached(settings.stepLimit)
        } catch {
            return .failed("Could not save the conversation: \(error)")
        }
    }

    private func toolPlan(_ conversation: ConversationID, _ settings: TurnSettings) async throws -> ToolAccessPlan {
        let available = await tools.tools()
        let loaded = try store.tools(granted: .loaded, in: conversation)
        return ToolAccessPlan.make(tools: available, uses: settings.connectorUses, mode: settings.toolAccess,
                                   loaded: loaded, budget: settings.toolBudget)
    }

    /// One model response, as far as it got.
    struct Step {
        var text = ""
        var calls: [ToolCall] = []
        var providerBlocks: [JSONValue] = []
        var stop: StopReason?
        var failure: ModelError?
    }

    private func stream(_ request: ModelRequest, into answer: StreamingAnswer, events: @escaping @Sendable (TurnEvent) -> Void) async -> Step {
        var step = Step()
        do {
            for try await event in provider.stream(request) {
                switch event {
                case .text(let text):
                    step.text += text
                    answer.append(text)
                    events(.textDelta(text))
                case .toolCall(let call): step.calls.append(call)
                case .providerBlock(let block): step.providerBlocks.append(block)
                case .stop(let reason): step.stop = reason
                case .usage: break
                case .retrying(let attempt, let delay, let reason): events(.retrying(attempt: attempt, delay: delay, reason: reason))
                }
            }
            if Task.isCancelled { step.failure = .interrupted("cancelled") }
        } catch let error as ModelError {
            step.failure = error
        } catch is CancellationError {
            step.failure = .interrupted("cancelled")
        } catch {
            step.failure = Task.isCancelled ? .interrupted("cancelled") : .network("\(error)")
        }
        // Calls of an answer that did not finish are not run.
        if step.failure != nil { step.calls = [] }
        return step
    }

    /// Stores the model's answer (in place of what streamed): complete, or what arrived marked interrupted with why.
    private func commit(_ step: Step, to answer: StreamingAnswer) throws -> Message? {
        var blocks: [ContentBlock] = step.providerBlocks.map(TurnHistory.providerBlock)
        if !step.text.isEmpty { blocks.append(.text(step.text)) }
        blocks += step.calls.map(TurnHistory.callBlock)
        if let failure = step.failure, !Task.isCancelled {
            blocks.append(.notice(failure.description))
        }
        if step.stop == .maxTokens { blocks.append(.notice("The answer reached the model's length limit.")) }
        if step.stop == .refusal { blocks.append(.notice("The model declined to answer.")) }
        guard !blocks.isEmpty || step.failure != nil else { return nil }
        if blocks.isEmpty { blocks.append(.notice("The answer was interrupted before any text arrived.")) }
        return try answer.finish(blocks: blocks, status: step.failure == nil ? .complete : .interrupted)
    }

    /// Runs the calls of one answer at the same time; results come back in the calls' order.
    private func runCalls(_ calls: [ToolCall], plan: ToolAccessPlan, record: ToolStepRecord, conversation: ConversationID, settings: TurnSettings,
                          events: @escaping @Sendable (TurnEvent) -> Void) async -> [ToolResult] {
        let alwaysAllowed = (try? store.tools(granted: .alwaysAllow, in: conversation)) ?? []
        return await withTaskGroup(of: (Int, ToolResult).self) { group in
            for (index, call) in calls.enumerated() {
                group.addTask {
                    let result = await self.run(call, plan: plan, record: record, conversation: conversation, settings: settings,
                                                alwaysAllowed: alwaysAllowed, events: events)
                    events(.toolFinished(result))
                    return (index, result)
                }
            }
            var results = [ToolResult?](repeating: nil, count: calls.count)
            for await (index, result) in group { results[index] = result }
            return results.enumerated().map { index, result in
                result ?? ToolResult(callID: calls[index].id, content: "Cancelled.", isError: true)
            }
        }
    }

    private func run(_ call: ToolCall, plan: ToolAccessPlan, record: ToolStepRecord, conversation: ConversationID, settings: TurnSettings,
                     alwaysAllowed: Set<String>, events: @escaping @Sendable (TurnEvent) -> Void) async -> ToolResult {
        func presentation(_ tool: CatalogTool, _ arguments: JSONValue) -> ToolPresentation {
            ToolPresentation(tool: tool.id, connector: tool.connector, title: tool.title, arguments: arguments, isReadOnly: tool.runsUnasked)
        }
        func error(_ text: String, tool: CatalogTool? = nil) -> ToolResult {
            ToolResult(callID: call.id, content: text, isError: true, presentation: tool.map { presentation($0, call.arguments) })
        }
        if let problem = call.argumentsError { return error("The arguments were not valid JSON (\(problem)). Send them again as one JSON object.") }
        if call.name == ToolSearch.toolName { return search(call, plan: plan, conversation: conversation) }
        let callable = settings.nativeToolSearch ? plan.upFront + plan.deferred : plan.upFront
        guard let tool = callable.first(where: { $0.id == call.name }) else {
            if plan.deferred.contains(where: { $0.id == call.name }) {
                return error("The tool \(call.name) is not loaded yet. Call \(ToolSearch.toolName) to find and load it, then call it.")
            }
            return error("There is no tool named \(call.name) in this conversation.")
        }
        var arguments = call.arguments
        if (!tool.runsUnasked || settings.askForEveryCall) && !alwaysAllowed.contains(tool.id) {
            switch await approvals.decide(ApprovalRequest(call: call, tool: tool)) {
            case .allowOnce(let edited):
                arguments = edited
            case .allowAlways(let edited):
                arguments = edited
                try? store.grant(.alwaysAllow, tools: [tool.id], in: conversation)
            case .deny(let reason):
                if Task.isCancelled { return error("Cancelled by the person.", tool: tool) }
                let because = reason.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
                return error("The person denied this call" + (because.map { ": \($0)" } ?? "."), tool: tool)
            }
        }
        if Task.isCancelled { return error("Cancelled by the person.", tool: tool) }
        var approved = call
        approved.arguments = arguments
        // Recorded before it is sent: if chattui stops now, the model hears the outcome is unknown.
        do { try record.started(approved, presentation: presentation(tool, arguments)) } catch let failure {
            return error("Not sent: the call could not be recorded first (\(failure)).", tool: tool)
        }
        events(.toolStarted(approved))
        var result = await tools.call(approved) { done, total, message in
            events(.toolProgress(callID: call.id, done: done, total: total, message: message))
        }
        // The model must know its call ran with other arguments than it sent.
        if arguments != call.arguments {
            result.content = "The person edited the arguments; the call ran with \(arguments.jsonText).\n\n" + result.content
        }
        return result
    }

    /// `search_tools`: ranks the deferred tools and loads the matches for the rest of the conversation.
    private func search(_ call: ToolCall, plan: ToolAccessPlan, conversation: ConversationID) -> ToolResult {
        let query = call.arguments["query"]?.stringValue ?? ""
        let limit = call.arguments["limit"]?.numberValue.map { Int($0) } ?? 5
        let found = ToolSearch(tools: plan.deferred).search(query, limit: min(max(limit, 1), 20))
        guard !found.isEmpty else {
            return ToolResult(callID: call.id, content: "No tools match “\(query)”. Try other words.", isError: false)
        }
        try? store.grant(.loaded, tools: found.map(\.id), in: conversation)
        let lines = found.map { "- \($0.id): \($0.definition.description.split(separator: "\n").first.map(String.init) ?? $0.title)" }
        return ToolResult(callID: call.id, content: "Loaded these tools; you can call them from your next step:\n" + lines.joined(separator: "\n"), isError: false)
    }
}
