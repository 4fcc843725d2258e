import ChatStore
import ConversationModel
import Foundation
import Synchronization
import Testing
import TestSupport

/// A provider that answers each request with the next scripted response and keeps the requests.
final class ScriptedProvider: ModelProvider, Sendable {
    enum Response: Sendable {
        case events([ModelStreamEvent])
        /// Streams these, then waits until cancelled.
        case hang([ModelStreamEvent])
        case failure([ModelStreamEvent], ModelError)
    }

    private let script: Mutex<[Response]>
    private let seen = Mutex<[ModelRequest]>([])

    init(_ responses: [Response]) { script = Mutex(responses) }

    var requests: [ModelRequest] { seen.withLock { $0 } }

    func stream(_ request: ModelRequest) -> AsyncThrowingStream<ModelStreamEvent, any Error> {
        seen.withLock { $0.append(request) }
        let response = script.withLock { script in script.count > 1 ? script.removeFirst() : script[0] }
        return AsyncThrowingStream { continuation in
            let task = Task {
                switch response {
                case .events(let events):
                    events.forEach { continuation.yield($0) }
                    continuation.finish()
                case .hang(let events):
                    events.forEach { continuation.yield($0) }
                    while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(10)) }
                    continuation.finish(throwing: CancellationError())
                case .failure(let events, let error):
                    events.forEach { continuation.yield($0) }
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

/// Tools with fixed answers, counting how many calls run at once.
final class RecordingTools: ToolHost, Sendable {
    let catalog: [CatalogTool]
    private let state = Mutex<(calls: [ToolCall], running: Int, mostAtOnce: Int)>(([], 0, 0))
    let delay: Duration

    init(_ catalog: [CatalogTool], delay: Duration = .zero) {
        self.catalog = catalog
        self.delay = delay
    }

    var calls: [ToolCall] { state.withLock { $0.calls } }
    var mostAtOnce: Int { state.withLock { $0.mostAtOnce } }

    func tools() async -> [CatalogTool] { catalog }

    func call(_ call: ToolCall, progress: @escaping @Sendable (Double, Double?, String?) -> Void) async -> ToolResult {
        state.withLock { state in
            state.calls.append(call)
            state.running += 1
            state.mostAtOnce = max(state.mostAtOnce, state.running)
        }
        progress(1, 2, "half")
        if delay > .zero { try? await Task.sleep(for: delay) }
        state.withLock { $0.running -= 1 }
        return ToolResult(callID: call.id, content: "result of \(call.name) \(call.arguments.jsonText)", isError: false)
    }

    static func tool(_ connector: String, _ name: String, readOnly: Bool, description: String = "", cost: Int = 100,
                     verified: Bool = true) -> CatalogTool {
        CatalogTool(definition: ToolDefinition(name: "\(connector)__\(name)", description: description,
                                               inputSchema: .object(["type": .string("object")])),
                    connector: connector, title: name, isReadOnly: readOnly, isDestructive: !readOnly, tokenCost: cost, isVerified: verified)
    }
}

/// Answers approvals from a list, and keeps what it was asked.
final class ScriptedApprovals: ApprovalGate, Sendable {
    private let answers: Mutex<[ApprovalDecision]>
    private let asked = Mutex<[ApprovalRequest]>([])

    init(_ answers: [ApprovalDecision]) { self.answers = Mutex(answers) }

    var requests: [ApprovalRequest] { asked.withLock { $0 } }

    func decide(_ request: ApprovalRequest) async -> ApprovalDecision {
        asked.withLock { $0.append(request) }
        return answers.withLock { $0.isEmpty ? .deny(reason: nil) : $0.removeFirst() }
    }
}

@Suite(.timeLimit(.minutes(1))) struct TurnEngineTests {
    let folder = TemporaryDirectory()
    let store: ConversationStore
    let conversation: ConversationID

    init() throws {
        store = try ConversationStore(directory: folder.url)
        conversation = try store.createConversation().id
        try store.appendMessage(to: conversation, role: .user, blocks: [.text("What time is it?")])
    }

    static let clock = RecordingTools.tool("time", "now", readOnly: true, description: "Tells the current time")
    static let writer = RecordingTools.tool("tracker", "create_issue", readOnly: false, description: "Creates an issue in the tracker")

    func settings(_ uses: [String: ConnectorUse] = ["time": .on, "tracker": .on], access: ToolAccessMode = .always, stepLimit: Int = 10) -> TurnSettings {
        TurnSettings(model: "m", connectorUses: uses, toolAccess: access, toolBudget: 1000, stepLimit: stepLimit)
    }

    func call(_ id: String, _ name: String, _ arguments: JSONValue = .object([:])) -> ModelStreamEvent {
        .toolCall(ToolCall(id: id, name: name, arguments: arguments))
    }

    func run(_ provider: ScriptedProvider, tools: RecordingTools, approvals: ScriptedApprovals = ScriptedApprovals([]),
             settings: TurnSettings? = nil) async -> (TurnOutcome, [TurnEvent]) {
        let events = Mutex<[TurnEvent]>([])
        let engine = TurnEngine(store: store, provider: provider, tools: tools, approvals: approvals)
        let outcome = await engine.run(in: conversation, settings: settings ?? self.settings()) { event in events.withLock { $0.append(event) } }
        return (outcome, events.withLock { $0 })
    }

    @Test func aReadOnlyToolRunsWithoutAskingAndItsResultGoesBack() async throws {
        let provider = ScriptedProvider([
            .events([.text("Checking."), call("c1", "time__now"), .stop(.toolUse)]),
            .events([.text("It is noon."), .stop(.endTurn)]),
        ])
        let tools = RecordingTools([Self.clock, Self.writer])
        let approvals = ScriptedApprovals([])
        let (outcome, events) = await run(provider, tools: tools, approvals: approvals)
        #expect(outcome == .completed)
        #expect(approvals.requests.isEmpty)
        #expect(tools.calls.map(\.name) == ["time__now"])
        #expect(events.contains(.toolProgress(callID: "c1", done: 1, total: 2, message: "half")))
        let stored = try store.messages(in: conversation)
        #expect(stored.map(\.role) == [.user, .assistant, .tool, .assistant])
        try #require(stored.count == 4 && provider.requests.count == 2)
        #expect(stored[3].text == "It is noon.")
        let second = try #require(provider.requests.last)
        #expect(second.messages.last?.parts == [.toolResult(ToolResult(callID: "c1", content: "result of time__now {}", isError: false))])
        #expect(provider.requests[0].tools.map(\.name) == ["time__now", "tracker__create_issue"])
    }

    @Test func aReadOnlyHintFromAConnectorThePersonDoesNotTrustStillAsks() async throws {
        let lying = RecordingTools.tool("custom", "wipe", readOnly: true, verified: false)
        let provider = ScriptedProvider([
            .events([call("c1", "custom__wipe"), .stop(.toolUse)]),
            .events([.text("Done."), .stop(.endTurn)]),
        ])
        let tools = RecordingTools([lying])
        let approvals = ScriptedApprovals([.deny(reason: nil)])
        let (outcome, _) = await run(provider, tools: tools, approvals: approvals, settings: settings(["custom": .on]))
        #expect(outcome == .completed)
        #expect(approvals.requests.map(\.tool.id) == ["custom__wipe"])
        #expect(tools.calls.isEmpty)
    }

    @Test func independentCallsRunConcurrently() async throws {
        let provider = ScriptedProvider([
            .events([call("a", "time__now"), call("b", "time__now"), call("c", "time__now"), .stop(.toolUse)]),
            .events([.text("done"), .stop(.endTurn)]),
        ])
        let tools = RecordingTools([Self.clock], delay: .milliseconds(300))
        let (outcome, _) = await run(provider, tools: tools)
        #expect(outcome == .completed)
        #expect(tools.mostAtOnce == 3)
        let results = try store.messages(in: conversation)[2].blocks.compactMap { $0.decoded(ToolResult.self)?.callID }
        #expect(results == ["a", "b", "c"], "results keep the calls' order")
    }

    @Test func aDeniedCallTellsTheModelWhy() async throws {
        let provider = ScriptedProvider([
            .events([call("w", "tracker__create_issue", .object(["title": .string("x")])), .stop(.toolUse)]),
            .events([.text("Understood."), .stop(.endTurn)]),
        ])
        let tools = RecordingTools([Self.writer])
        let approvals = ScriptedApprovals([.deny(reason: "wrong project")])
        let (outcome, _) = await run(provider, tools: tools, approvals: approvals)
        #expect(outcome == .completed)
        #expect(tools.calls.isEmpty)
        #expect(approvals.requests.map(\.tool.id) == ["tracker__create_issue"])
        try #require(provider.requests.count >= 2, "the model heard the denial")
        guard case .toolResult(let denial)? = provider.requests[1].messages.last?.parts.first else {
            Issue.record("the denial is the call's result")
            return
        }
        #expect(denial.callID == "w" && denial.content == "The person denied this call: wrong project" && denial.isError)
        #expect(denial.presentation?.title == "create_issue", "the card still names the tool")
    }

    @Test func allowAlwaysRemembersTheToolInThisConversationAndEditedArgumentsAreUsed() async throws {
        let provider = ScriptedProvider([
            .events([call("w1", "tracker__create_issue", .object(["title": .string("typo")])), .stop(.toolUse)]),
            .events([call("w2", "tracker__create_issue", .object(["title": .string("second")])), .stop(.toolUse)]),
            .events([.text("Both filed."), .stop(.endTurn)]),
        ])
        let tools = RecordingTools([Self.writer])
        let approvals = ScriptedApprovals([.allowAlways(.object(["title": .string("fixed")]))])
        let (outcome, _) = await run(provider, tools: tools, approvals: approvals)
        #expect(outcome == .completed)
        #expect(approvals.requests.count == 1)
        #expect(tools.calls.map(\.arguments) == [.object(["title": .string("fixed")]), .object(["title": .string("second")])])
        try #require(provider.requests.count >= 2, "the model heard the edited call's result")
        guard case .toolResult(let edited)? = provider.requests[1].messages.last?.parts.first else { Issue.record("no result"); return }
        #expect(edited.content.hasPrefix("The person edited the arguments; the call ran with {\"title\":\"fixed\"}."))
        #expect(try store.tools(granted: .alwaysAllow, in: conversation) == ["tracker__create_issue"])
    }

    @Test func cancellingKeepsWhatArrivedMarkedInterrupted() async throws {
        let provider = ScriptedProvider([.hang([.text("Half of a")])])
        let engine = TurnEngine(store: store, provider: provider, tools: RecordingTools([]), approvals: ScriptedApprovals([]))
        let started = Mutex(false)
        let turn = Task { [conversation, settings = settings()] in
            await engine.run(in: conversation, settings: settings) { if case .textDelta = $0 { started.withLock { $0 = true } } }
        }
        while !started.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(5)) }
        turn.cancel()
        #expect(await turn.value == .cancelled)
        let last = try #require(try store.messages(in: conversation).last)
        #expect(last.role == .assistant)
        #expect(last.status == .interrupted)
        #expect(last.text == "Half of a")
    }

    @Test func aFailedStreamKeepsTextAndSaysWhy() async throws {
        let provider = ScriptedProvider([.failure([.text("Partial")], .interrupted("overloaded_error: Overloaded"))])
        let (outcome, _) = await run(provider, tools: RecordingTools([]))
        #expect(outcome == .failed("The answer was interrupted: overloaded_error: Overloaded"))
        let last = try #require(try store.messages(in: conversation).last)
        #expect(last.status == .interrupted)
        #expect(last.text == "Partial\n\nThe answer was interrupted: overloaded_error: Overloaded")
    }

    @Test func theStepLimitStopsALoopingModel() async throws {
        let provider = ScriptedProvider([.events([call("x", "time__now"), .stop(.toolUse)])])
        let (outcome, _) = await run(provider, tools: RecordingTools([Self.clock]), settings: settings(stepLimit: 3))
        #expect(outcome == .stepLimitReached(3))
        #expect(provider.requests.count == 3)
        #expect(try store.messages(in: conversation).last?.role == .notice)
    }

    @Test func onDemandToolsAreFoundBySearchThenCalled() async throws {
        let provider = ScriptedProvider([
            .events([call("early", "tracker__create_issue"), call("s", "search_tools", .object(["query": .string("create an issue")])), .stop(.toolUse)]),
            .events([call("w", "tracker__create_issue", .object(["title": .string("bug")])), .stop(.toolUse)]),
            .events([.text("Filed."), .stop(.endTurn)]),
        ])
        let tools = RecordingTools([Self.clock, Self.writer])
        let (outcome, _) = await run(provider, tools: tools, approvals: ScriptedApprovals([.allowOnce(.object(["title": .string("bug")]))]),
                                     settings: settings(["time": .on, "tracker": .onDemand]))
        #expect(outcome == .completed)
        try #require(provider.requests.count == 3, "the model was asked three times")
        #expect(provider.requests[0].tools.map(\.name) == ["time__now", "search_tools"])
        #expect(provider.requests[0].tools.last?.description.contains("tracker (1 tool)") == true)
        let firstResults = provider.requests[1].messages.last?.parts ?? []
        guard case .toolResult(let notLoaded) = firstResults.first, case .toolResult(let found) = firstResults.last else {
            Issue.record("expected two results, got \(firstResults)"); return
        }
        #expect(notLoaded.isError && notLoaded.content.contains("search_tools"))
        #expect(found.content.contains("tracker__create_issue"))
        #expect(provider.requests[1].tools.map(\.name) == ["time__now", "tracker__create_issue"])
        #expect(tools.calls.map(\.name) == ["tracker__create_issue"])
    }

    @Test func withNativeSearchDeferredToolsAreSentMarkedAndCallableAndServerBlocksGoBack() async throws {
        let search: JSONValue = .object(["type": .string("server_tool_use"), "id": .string("s1"), "name": .string("tool_search_tool_bm25"),
                                         "input": .object(["query": .string("issue")])])
        let provider = ScriptedProvider([
            .events([.providerBlock(search), call("w", "tracker__create_issue"), .stop(.toolUse)]),
            .events([.text("Filed."), .stop(.endTurn)]),
        ])
        let tools = RecordingTools([Self.clock, Self.writer])
        var native = settings(["time": .on, "tracker": .onDemand])
        native.nativeToolSearch = true
        let (outcome, _) = await run(provider, tools: tools, approvals: ScriptedApprovals([.allowOnce(.object([:]))]), settings: native)
        #expect(outcome == .completed)
        try #require(provider.requests.count >= 2)
        let first = provider.requests[0]
        #expect(first.nativeToolSearch)
        #expect(first.tools.map(\.name) == ["time__now", "tracker__create_issue"])
        #expect(first.tools.map(\.deferLoading) == [false, true])
        #expect(tools.calls.map(\.name) == ["tracker__create_issue"])
        #expect(provider.requests[1].messages[1].parts.first == .providerBlock(search))
    }

    @Test func autoGoesOnDemandWhenToolsExceedTheBudget() {
        let big = (0..<20).map { RecordingTools.tool("many", "tool\($0)", readOnly: true, cost: 100) }
        let plan = ToolAccessPlan.make(tools: big + [Self.clock], uses: ["many": .on, "time": .on], mode: .auto, loaded: [], budget: 1000)
        #expect(plan.upFront.isEmpty)
        #expect(plan.deferred.count == 21)
        let small = ToolAccessPlan.make(tools: [Self.clock], uses: ["time": .on, "off": .off], mode: .auto, loaded: [], budget: 1000)
        #expect(small.upFront == [Self.clock])
        #expect(small.searchTool == nil)
    }

    @Test func bm25RanksByNameTitleAndDescription() {
        let tools = [
            RecordingTools.tool("github", "create_issue", readOnly: false, description: "Open a new issue in a repository"),
            RecordingTools.tool("github", "list_pull_requests", readOnly: true, description: "List pull requests"),
            RecordingTools.tool("slack", "postMessage", readOnly: false, description: "Send a message to a channel"),
        ]
        let search = ToolSearch(tools: tools)
        #expect(search.search("new issue").first?.id == "github__create_issue")
        #expect(search.search("post a message").first?.id == "slack__postMessage")
        #expect(search.search("pull requests", limit: 1).map(\.id) == ["github__list_pull_requests"])
        #expect(search.search("weather").isEmpty)
    }

    @Test func historyAnswersCallsThatNeverRan() throws {
        let call = ToolCall(id: "c", name: "t", arguments: .object([:]))
        let messages = [
            Message(id: 1, conversationID: 1, role: .user, status: .complete, createdAt: Date(), blocks: [.text("go")]),
            Message(id: 2, conversationID: 1, role: .assistant, status: .interrupted, createdAt: Date(), blocks: [.text("ok"), TurnHistoryProbe.callBlock(call)]),
            Message(id: 3, conversationID: 1, role: .user, status: .complete, createdAt: Date(), blocks: [.text("again")]),
        ]
        let chat = TurnHistory.chatMessages(from: messages)
        #expect(chat.map(\.role) == [.user, .assistant, .user])
        guard case .toolResult(let result) = chat[2].parts.first else { Issue.record("no result for the call"); return }
        #expect(result.callID == "c" && result.isError)
        #expect(chat[2].parts.last == .text("again"))
    }
}

/// Builds a stored tool-call block the way the engine does.
enum TurnHistoryProbe {
    static func callBlock(_ call: ToolCall) -> ContentBlock {
        ContentBlock(kind: .toolCall, text: call.name, payload: try? JSONEncoder().encode(call))
    }
}

@Suite struct SamplingBrokerTests {
    static let request = SamplingRequest(connector: "notes", system: "Be brief.",
                                         messages: [ChatMessage(role: .user, parts: [.text("Summarise my notes")])], maxTokens: 100)

    @Test func theCardShowsTheRequestAndAnEditIsWhatTheModelGets() async throws {
        let provider = ScriptedProvider([.events([.text("Short."), .stop(.endTurn)])])
        let approvals = ScriptedApprovals([.allowOnce(.object(["request": .string("Summarise only today's notes"), "system": .string(""), "max_tokens": .number(50)]))])
        let broker = SamplingBroker(provider: provider, model: "m", approvals: approvals)
        let answer = try await broker.answer(Self.request, alwaysAllowed: false)
        #expect(answer.text == "Short.")
        let card = try #require(approvals.requests.first)
        #expect(card.tool.id == "notes__sampling")
        #expect(card.call.arguments["request"] == .string("Summarise my notes"))
        let sent = try #require(provider.requests.first)
        #expect(sent.messages == [ChatMessage(role: .user, parts: [.text("Summarise only today's notes")])])
        #expect(sent.system == nil)
        #expect(sent.maxTokens == 50)
    }

    @Test func deniedRequestsNeverReachTheModel() async {
        let provider = ScriptedProvider([.events([.text("x")])])
        let broker = SamplingBroker(provider: provider, model: "m", approvals: ScriptedApprovals([.deny(reason: "private")]))
        await #expect(throws: SamplingRefusal.denied("private")) { _ = try await broker.answer(Self.request, alwaysAllowed: false) }
        #expect(provider.requests.isEmpty)
    }

    @Test func alwaysAllowedSkipsTheCard() async throws {
        let provider = ScriptedProvider([.events([.text("ok"), .stop(.maxTokens)])])
        let approvals = ScriptedApprovals([])
        let answer = try await SamplingBroker(provider: provider, model: "m", approvals: approvals).answer(Self.request, alwaysAllowed: true)
        #expect(answer.text == "ok" && answer.stop == .maxTokens)
        #expect(approvals.requests.isEmpty)
        #expect(provider.requests.first?.system == "Be brief.")
    }
}
