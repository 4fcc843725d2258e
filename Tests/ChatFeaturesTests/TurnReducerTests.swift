import ConversationModel
import Foundation
import TestSupport
import Testing
import TerminalText
@testable import ChatFeatures

@Suite struct TurnReducerTests {
    static let writer = CatalogTool(
        definition: ToolDefinition(name: "tracker__create_issue", description: "Create an issue", inputSchema: .object([
            "type": .string("object"),
            "properties": .object([
                "title": .object(["type": .string("string"), "description": .string("One line")]),
                "priority": .object(["type": .string("integer")]),
                "labels": .object(["type": .string("array")]),
            ]),
            "required": .array([.string("title")]),
        ])),
        connector: "tracker", title: "Create issue", isReadOnly: false, isDestructive: true, tokenCost: 80)

    static func request(_ arguments: JSONValue = .object(["title": .string("Login fails 日本"), "priority": .number(2)])) -> ApprovalRequest {
        ApprovalRequest(call: ToolCall(id: "c1", name: writer.id, arguments: arguments), tool: writer)
    }

    func started() -> Harness {
        var harness = Harness(width: 72, height: 24, messages: Fixtures.conversation, modelName: "anthropic/claude-sonnet-4-5")
        harness.type("File it")
        harness.press(.enter)
        return harness
    }

    @Test func sendingWithAModelStartsATurnAndAnotherSendWaits() {
        var harness = started()
        #expect(harness.takeEffects().filter { if case .saveDraft = $0 { false } else { true } } == [.commitUserMessage(1, "File it"), .startTurn(1)])
        harness.type("more")
        _ = harness.takeEffects()
        harness.press(.enter)
        #expect(harness.takeEffects().isEmpty)
        #expect(harness.state.composer.field.text == "more", "the second message stays in the composer")
        #expect(harness.state.flash?.isError == true)
    }

    @Test func withoutAModelTheMessageIsOnlyStored() {
        var harness = Harness()
        harness.type("hi")
        harness.press(.enter)
        #expect(harness.takeEffects().contains(.commitUserMessage(1, "hi")))
        #expect(harness.state.turn == nil)
    }

    @Test func streamedTextAndProgressShowUntilTheStepIsStored() {
        var harness = started()
        harness.send(.turn(.textDelta("Filing ")))
        harness.send(.turn(.textDelta("the **issue**.")))
        harness.send(.turn(.toolStarted(ToolCall(id: "c1", name: "tracker__create_issue", arguments: .object([:])))))
        harness.send(.turn(.toolProgress(callID: "c1", done: 1, total: 4, message: "uploading")))
        let screen = harness.lines().joined(separator: "\n")
        #expect(screen.contains("Filing the issue."))
        #expect(screen.contains("answering… Esc stops"))
        #expect(screen.contains("⚙ tracker · create_issue  █████░░░░░░░░░░░░░░░ 25% uploading"))
        let stored = Message(id: 9, conversationID: 1, role: .assistant, status: .complete, createdAt: Fixtures.date, blocks: [.text("Filing the issue.")])
        harness.send(.turn(.committed(stored)))
        #expect(harness.state.turn?.streamingText == "")
        #expect(harness.state.transcript.messages.last == stored)
        harness.send(.turnEnded(.completed))
        #expect(harness.state.turn == nil)
    }

    @Test func approvalKeys() {
        var harness = started()
        _ = harness.takeEffects()
        harness.send(.approvalNeeded(Self.request()))
        harness.drawQuestion()
        #expect(harness.state.inputMode == .approval)
        #expect(harness.state.questions.approvals.first?.choice == .deny, "a write starts on Deny")
        harness.press(.left)
        #expect(harness.state.questions.approvals.first?.choice == .allowAlways)
        harness.press(.tab)
        #expect(harness.state.inputMode == .approvalField)
        harness.press(.ctrl("u"))
        harness.type("Login broken")
        harness.press(.tab)
        harness.press(.tab)
        harness.type("x")
        #expect(harness.state.questions.approvals.first?.fields.problem(at: 2) == "a whole number", "checked as you type, beside the field")
        harness.press(.backspace)
        harness.press(.enter)
        #expect(harness.state.inputMode == .approval)
        harness.press(.enter)
        #expect(harness.takeEffects().isEmpty, "always allowing a destructive tool asks once more")
        #expect(harness.state.inputMode == .confirm)
        harness.press(.char("y"))
        #expect(harness.takeEffects() == [.decideApproval(callID: "c1", .allowAlways(.object(["title": .string("Login broken"), "priority": .number(2)])))])
        #expect(harness.state.questions.isEmpty)
        #expect(harness.state.inputMode == .composer)
    }

    @Test func anEditThatLeavesAFieldInvalidBlocksAllowingAndFocusesIt() {
        var harness = started()
        _ = harness.takeEffects()
        harness.send(.approvalNeeded(Self.request()))
        harness.drawQuestion()
        harness.press(.tab)
        harness.press(.ctrl("u"))
        harness.press(.enter)
        harness.press(.char("y"))
        #expect(harness.takeEffects().isEmpty)
        let card = harness.state.questions.approvals.first
        #expect(card?.fields.problem(at: 0) == "required")
        #expect(card?.problem == "Fix the marked fields first.")
        #expect(card?.focus == .field(0))
    }

    @Test func unchangedArgumentsGoAsTheModelSentThemDefaultsAndAll() {
        var tool = Self.writer
        tool.definition.inputSchema = .object(["type": .string("object"), "properties": .object([
            "title": .object(["type": .string("string")]),
            "state": .object(["type": .string("string"), "default": .string("open")]),
            "note": .object(["type": .string("string")]),
        ])])
        let sent: JSONValue = .object(["title": .string("Login fails"), "extra": .string("kept")])
        var harness = started()
        _ = harness.takeEffects()
        harness.send(.approvalNeeded(ApprovalRequest(call: ToolCall(id: "c1", name: tool.id, arguments: sent), tool: tool)))
        harness.drawQuestion()
        harness.press(.char("y"))
        #expect(harness.takeEffects() == [.decideApproval(callID: "c1", .allowOnce(sent))], "the form's default is not an edit")

        harness.send(.approvalNeeded(ApprovalRequest(call: ToolCall(id: "c2", name: tool.id, arguments: sent), tool: tool)))
        harness.drawQuestion()
        harness.press(.tab)
        harness.type("mine")
        harness.press(.enter)
        harness.press(.char("y"))
        let edited: JSONValue = .object(["title": .string("Login fails"), "extra": .string("kept"), "note": .string("mine")])
        #expect(harness.takeEffects() == [.decideApproval(callID: "c2", .allowOnce(edited))], "only the changed field counts")
    }

    /// Enter takes the highlighted choice: Deny on a call that may write (then a reason), Allow once on a read.
    @Test func enterDeniesAWriteAndAllowsARead() {
        var harness = started()
        _ = harness.takeEffects()
        harness.send(.approvalNeeded(Self.request()))
        harness.drawQuestion()
        harness.press(.enter)
        #expect(harness.takeEffects().isEmpty && harness.state.inputMode == .approvalField, "Enter on a write asks for a reason to deny")
        harness.press(.enter)
        #expect(harness.takeEffects() == [.decideApproval(callID: "c1", .deny(reason: ""))])

        var reader = Self.writer
        reader.isReadOnly = true
        reader.isDestructive = false
        harness.send(.approvalNeeded(ApprovalRequest(call: ToolCall(id: "c2", name: reader.id, arguments: .object([:])), tool: reader)))
        harness.drawQuestion()
        harness.press(.enter)
        #expect(harness.takeEffects() == [.decideApproval(callID: "c2", .allowOnce(.object([:])))])
    }

    @Test func denyAsksForAnOptionalReason() {
        var harness = started()
        _ = harness.takeEffects()
        harness.send(.approvalNeeded(Self.request()))
        harness.drawQuestion()
        harness.press(.char("n"))
        #expect(harness.state.inputMode == .approvalField)
        harness.type("wrong tracker")
        harness.press(.enter)
        #expect(harness.takeEffects() == [.decideApproval(callID: "c1", .deny(reason: "wrong tracker"))])
    }

    @Test func escCancelsTheTurnOnceAndDropsWaitingCards() {
        var harness = started()
        _ = harness.takeEffects()
        harness.send(.approvalNeeded(Self.request()))
        harness.drawQuestion()
        harness.press(.escape)
        #expect(harness.takeEffects() == [.cancelTurn, .decideApproval(callID: "c1", .deny(reason: "Not answered: the turn was stopped."))])
        #expect(harness.state.turn?.isCancelling == true)
        #expect(harness.state.questions.isEmpty)
        harness.press(.escape)
        #expect(harness.takeEffects().isEmpty)
        harness.send(.turnEnded(.cancelled))
        #expect(harness.state.flash?.text == "Stopped. What had arrived is kept.")
    }

    @Test func streamingKeepsTheReadersPlaceWhenScrolledUp() {
        var harness = Harness(width: 60, height: 12, messages: Fixtures.many(40), modelName: "m/x")
        harness.type("go")
        harness.press(.enter)
        harness.press(.pageUp)
        let before = harness.lines()
        for index in 0..<50 { harness.send(.turn(.textDelta("line \(index)\n\n"))) }
        #expect(harness.lines() == before, "what the person reads does not move")
        harness.press(.ctrl("c"))
    }

    @Test func toolAccessIsSetPerConversation() {
        var harness = Harness()
        harness.type("/tools on-demand")
        harness.press(.enter)
        #expect(harness.state.conversation.toolAccess == .onDemand)
        #expect(harness.takeEffects().contains(.setToolAccess(1, .onDemand)))
        harness.type("/tools sometimes")
        harness.press(.enter)
        #expect(harness.state.flash == Flash(text: "Tool access is always, on-demand or auto.", isError: true))
        harness.type("/tools")
        harness.press(.enter)
        #expect(harness.state.flash?.text.hasPrefix("Tools: on demand") == true)
    }

    @Test func approvalCardSnapshot() {
        var harness = started()
        harness.send(.turn(.textDelta("I'll file it.")))
        harness.send(.approvalNeeded(Self.request()))
        harness.drawQuestion()
        harness.expectSnapshot(named: "approval-card-72x24")
        harness.send(.input(.resize(width: 44, height: 24)))
        let narrow = harness.lines()
        #expect(narrow.allSatisfy { DisplayWidth.of($0) <= 44 })
        harness.expectSnapshot(named: "approval-card-narrow-44x24")
    }

    @Test func hostileToolTextNeverReachesTheScreen() {
        var harness = started()
        let evil = "\u{1B}]52;c;ZXZpbA==\u{07}\u{1B}[2J\u{9B}31m"
        harness.send(.turn(.textDelta("ok " + evil)))
        harness.send(.approvalNeeded(Self.request(.object(["title": .string(evil)]))))
        let text = harness.screen().textLines().joined()
        #expect(!text.contains("\u{1B}") && !text.contains("\u{9B}") && !text.contains("\u{07}"))
    }
}

@Suite struct StreamingLayoutTests {
    static let answer = """
        ## Plan

        First paragraph with **bold** and 日本語 words that wrap around the edge of the view.

        ```swift
        let a = 1

        let b = 2
        ```

        - one
        - two

        Last line.
        """

    @Test func blockBoundariesSkipBlankLinesInsideFences() {
        let text = "para\n\n```\ncode\n\nmore\n```\n\ntail"
        let boundary = TranscriptLayout.nextBoundary(in: text.utf8, from: 0)
        #expect(String(text.utf8.dropFirst(boundary))! == "tail")
        let open = "para\n\n```\ncode\n\nstill code"
        #expect(String(open.utf8.dropFirst(TranscriptLayout.nextBoundary(in: open.utf8, from: 0)))! == "```\ncode\n\nstill code")
    }

    @Test func streamingPieceByPieceEndsAsTheWholeAnswerLaysOut() {
        let layout = TranscriptLayout(time: .utc)
        var text = ""
        var lines: [StyledLine] = []
        for character in Self.answer {
            text.append(character)
            lines = layout.streamingLines(for: text, width: 50)
        }
        #expect(lines.map(\.plainText) == layout.assistantMarkdown.lines(for: Self.answer, width: 50).map(\.plainText))
        let resized = layout.streamingLines(for: text, width: 30)
        #expect(resized.map(\.plainText) == layout.assistantMarkdown.lines(for: Self.answer, width: 30).map(\.plainText))
    }
}
