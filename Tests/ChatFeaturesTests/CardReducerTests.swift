import ConnectorMenu
import ConversationModel
import TerminalText
import TestSupport
import Testing
@testable import ChatFeatures

/// Result cards driven by keys, `/task`, and the answers to a connector's question.
@Suite struct CardReducerTests {
    static let issueSchema = JSONValue.parse("""
    {"type": "object", "required": ["title"], "properties": {
      "title": {"type": "string"}, "priority": {"type": "string", "enum": ["low", "high"]}}}
    """)!
    static let updateSchema = JSONValue.parse("""
    {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer"}, "status": {"type": "string", "enum": ["todo", "done"]}}}
    """)!

    static func tool(_ id: String, _ title: String, _ effect: ConnectorInfo.ToolSummary.Effect, app: Bool = true, schema: JSONValue = issueSchema) -> ConnectorInfo.ToolSummary {
        ConnectorInfo.ToolSummary(id: id, name: String(id.split(separator: "_").last ?? ""), title: title, effect: effect, tokens: 10,
                                  hiddenFromModel: false, callableFromCards: app, inputSchema: schema)
    }

    static func tracker(_ name: String = "tracker") -> ConnectorInfo {
        var info = ConnectorInfo(name: name, transport: "stdio", address: "tracker")
        info.health = .ready
        info.tools = [
            tool("\(name)__create_issue", "Create issue", .writes),
            tool("\(name)__update_issue", "Update issue", .writes, schema: updateSchema),
            tool("\(name)__get_issue", "Get issue", .reads),
            tool("\(name)__secret", "Model only", .reads, app: false),
        ]
        return info
    }

    static func result(readOnly: Bool) -> Message {
        let presentation = ToolPresentation(tool: readOnly ? "tracker__get_issue" : "tracker__create_issue", connector: "tracker",
                                            title: readOnly ? "Get issue" : "Create issue", arguments: .object(["title": .string("Login")]),
                                            isReadOnly: readOnly, attachments: [ResultAttachment(kind: .link, uri: "https://tracker.example/i/7", name: "#7")])
        let result = ToolResult(callID: "c", content: "Created #7", isError: false,
                                structured: .object(["issue": .object(["id": .number(7), "status": .string("todo")])]), presentation: presentation)
        return Message(id: 10, conversationID: 1, role: .tool, status: .complete, createdAt: Fixtures.date, blocks: [TurnHistory.resultBlock(result)])
    }

    func harness(readOnly: Bool = false, connectors: [ConnectorInfo] = [tracker()]) -> Harness {
        var harness = Harness(width: 80, height: 30, messages: Fixtures.conversation + [Self.result(readOnly: readOnly)])
        for info in connectors {
            harness.send(.connectorChanged(info))
            harness.state.connectorUses[info.name] = .on
        }
        _ = harness.takeEffects()
        return harness
    }

    @Test func tabFocusesTheNewestCardAndEnterOpensIt() {
        var harness = harness()
        harness.press(.tab)
        #expect(harness.state.inputMode == .cards)
        #expect(harness.state.cards.focused == CardAddress(message: 10, block: 0))
        #expect(harness.lines().contains { $0.contains("Enter expands · o opens a link · a actions") })
        harness.press(.enter)
        #expect(harness.state.cards.expanded == [CardAddress(message: 10, block: 0)])
        #expect(harness.lines().contains { $0.contains("▾ arguments") })
        harness.press(.escape)
        #expect(harness.state.inputMode == .composer)
    }

    @Test func actionsAreTheAppVisibleToolsAndStartFromTheCardsValues() {
        var harness = harness()
        harness.press(.tab)
        harness.press(.char("a"))
        guard case .choose(let panel)? = harness.state.overlay else { Issue.record("no actions"); return }
        #expect(panel.items.count == 3, "a tool only the model may call is not an action")
        harness.press(.down)
        harness.press(.enter)
        guard case .form(let form)? = harness.state.overlay else { Issue.record("no form"); return }
        #expect(form.fields.values.map(\.text) == ["7", "todo"], "the issue's id and status from the result")
        harness.press(.ctrl("s"))
        guard case .confirm(let question)? = harness.state.overlay else { Issue.record("a writing tool asks first"); return }
        #expect(question.question.contains("Call tracker · Update issue?"))
        harness.press(.char("y"))
        #expect(harness.takeEffects() == [.callTool(PersonCall(tool: "tracker__update_issue", connector: "tracker", title: "Update issue", isReadOnly: false),
                                                     arguments: .object(["id": .number(7), "status": .string("todo")]), conversation: 1)])
    }

    @Test func refreshCallsAReadOnlyToolAgainAndCopyGivesJSON() {
        var harness = harness(readOnly: true)
        harness.press(.tab)
        harness.press(.char("r"))
        #expect(harness.takeEffects() == [.callTool(PersonCall(tool: "tracker__get_issue", connector: "tracker", title: "Get issue", isReadOnly: true),
                                                     arguments: .object(["title": .string("Login")]), conversation: 1)])
        harness.press(.char("c"))
        #expect(harness.takeEffects() == [.copyToClipboard(#"{"issue":{"id":7,"status":"todo"}}"#)])
        harness.press(.char("m"))
        #expect(harness.state.composer.field.text.contains("Created #7"))
        #expect(harness.state.inputMode == .composer)
    }

    @Test func aWritingToolDoesNotRefresh() {
        var harness = harness()
        harness.press(.tab)
        harness.press(.char("r"))
        #expect(harness.takeEffects().isEmpty)
        #expect(harness.state.flash?.text.contains("Only read-only tools refresh") == true)
    }

    @Test func openingALinkAsksAndShowsTheDomain() {
        var harness = harness()
        harness.press(.tab)
        harness.press(.char("o"))
        guard case .confirm(let question)? = harness.state.overlay else { Issue.record("asks first"); return }
        #expect(question.question.contains("Open a page on tracker.example?"))
        harness.press(.char("n"))
        #expect(harness.takeEffects().isEmpty)
        harness.press(.char("o"))
        harness.press(.char("y"))
        #expect(harness.takeEffects() == [.openLink("https://tracker.example/i/7")])
    }

    @Test func taskAsksWhichToolOnceThenRemembersIt() {
        var harness = harness(connectors: [Self.tracker(), Self.tracker("github")])
        harness.type("/task Fix the login")
        harness.press(.enter)
        _ = harness.takeEffects()
        guard case .choose(let panel)? = harness.state.overlay else { Issue.record("asks which tool"); return }
        #expect(panel.items == ["github · Create issue", "tracker · Create issue"])
        harness.press(.down)
        harness.press(.enter)
        #expect(harness.takeEffects() == [.rememberTaskTool(1, "tracker__create_issue")], "kept for this conversation across restarts")
        guard case .form(let form)? = harness.state.overlay else { Issue.record("no form"); return }
        #expect(form.fields.values.first?.text == "Fix the login")
        harness.press(.escape)
        harness.type("Another")
        harness.press(.ctrl("t"))
        guard case .form(let again)? = harness.state.overlay else { Issue.record("remembered: straight to the form"); return }
        #expect(again.title == "New task · tracker · Create issue")
        #expect(again.fields.values.first?.text == "Another")
        harness.press(.ctrl("s"))
        #expect(harness.takeEffects().contains(.callTool(
            PersonCall(tool: "tracker__create_issue", connector: "tracker", title: "Create issue", isReadOnly: false, clearsComposer: true, isTask: true),
            arguments: .object(["title": .string("Another")]), conversation: 1)), "a filled-in task is its own go-ahead")
        #expect(harness.state.composer.field.text.isEmpty, "the composer's text became the task")
    }

    @Test func taskWithoutATrackerSaysWhatToDo() {
        var harness = harness(connectors: [])
        harness.press(.ctrl("t"))
        #expect(harness.state.flash?.text.contains("No connector on here can create tasks") == true)
    }

    @Test func aConnectorsQuestionIsAcceptedDeclinedOrCancelled() {
        var harness = harness()
        let schema = JSONValue.parse(#"{"type":"object","required":["project"],"properties":{"project":{"type":"string","enum":["Web","App"]}}}"#)!
        harness.send(.elicitationNeeded(ElicitationRequest(id: "e1", connector: "tracker", message: "Which project?", schema: schema)))
        harness.drawQuestion()
        harness.press(.ctrl("d"))
        #expect(harness.takeEffects() == [.answerElicitation(id: "e1", .decline)])
        harness.send(.elicitationNeeded(ElicitationRequest(id: "e2", connector: "tracker", message: "Which project?", schema: schema)))
        harness.drawQuestion()
        harness.press(.escape)
        #expect(harness.takeEffects() == [.answerElicitation(id: "e2", .cancel)])
        harness.send(.elicitationNeeded(ElicitationRequest(id: "e3", connector: "tracker", message: "Which project?", schema: schema)))
        harness.drawQuestion()
        harness.press(.char(" "))
        harness.press(.enter)
        #expect(harness.takeEffects() == [.answerElicitation(id: "e3", .accept(.object(["project": .string("Web")])))])
    }

    @Test func urlModeShowsTheDomainAndNeverFetches() {
        var harness = harness()
        harness.send(.elicitationNeeded(ElicitationRequest(id: "u", connector: "tracker", message: "Link your account", schema: .object([:]),
                                                          url: "https://auth.example.com/link?x=1")))
        harness.drawQuestion()
        #expect(harness.lines().contains { $0.contains("open a page on auth.example.com") })
        harness.press(.enter)
        #expect(harness.takeEffects() == [.openLink("https://auth.example.com/link?x=1"), .answerElicitation(id: "u", .accept(.object([:])))])
    }

    @Test func mediaIsSavedFromTheOpenList() {
        var message = Self.result(readOnly: true)
        var result = message.blocks[0].decoded(ToolResult.self)!
        result.presentation?.attachments.append(ResultAttachment(kind: .image, mimeType: "image/png", byteCount: 3, data: "iVBO"))
        message.blocks = [TurnHistory.resultBlock(result)]
        var harness = Harness(width: 80, height: 30, messages: [message])
        #expect(harness.lines().contains { $0.contains("🖼 image  image/png · 3 B · o opens or saves it") })
        harness.press(.tab)
        harness.press(.char("o"))
        guard case .choose(let panel)? = harness.state.overlay else { Issue.record("a list of the link and the image"); return }
        #expect(panel.items == ["[1] #7 · https://tracker.example/i/7", "Save the image (image/png)"])
        harness.press(.down)
        harness.press(.enter)
        #expect(harness.takeEffects() == [.saveMedia(data: "iVBO", mimeType: "image/png")])
    }
}
