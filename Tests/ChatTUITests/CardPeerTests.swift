import ConversationModel
import Foundation
import MCPClient
import TerminalText
import Testing
import TestSupport
import ToolCards
import BuiltinConnectors
import Synchronization
@testable import ChatFeatures
@testable import ChatTUI
@testable import LiveSession
@testable import TerminalBackend
import TerminalUI

/// Cards from views that servers nobody here wrote produce: MCP-UI resources made by
/// the `mcp-ui-server` SDK and MCP Apps pages from `prefab-ui` and Python's pydoc,
/// each called over MCP, read, and laid out at three widths.
@Suite(.timeLimit(.minutes(2))) struct CardPeerTests {
    let folder = TemporaryDirectory()

    func server(_ name: String, venv: String, script: String) -> ServerConfiguration {
        ServerConfiguration(name: name, transport: .stdio(
            command: TurnEndToEndTests.root.appendingPathComponent("\(venv)/bin/python").path,
            arguments: [TurnEndToEndTests.root.appendingPathComponent("Tests/ChatTUITests/Peers/\(script)").path],
            environment: [:], workingDirectory: nil))
    }

    func cards(from configuration: ServerConfiguration, tools: [String]) async -> [ToolCard] {
        let manager = ConnectorManager(configurations: [configuration], logDirectory: folder.url)
        await manager.start()
        let state = await manager.settled()[configuration.name]
        #expect(state?.isReady == true, "\(String(describing: state))")
        let host = ConnectorToolHost(manager: manager)
        var cards: [ToolCard] = []
        for tool in tools {
            let result = await host.call(ToolCall(id: tool, name: "\(configuration.name)__\(tool)", arguments: .object([:]))) { _, _, _ in }
            cards.append(ToolCard(result: result, fallbackTitle: tool))
        }
        await manager.shutdown()
        return cards
    }

    func lines(_ card: ToolCard, width: Int) -> [StyledLine] {
        CardLayout().lines(for: card, width: width, options: .init(isExpanded: true))
    }

    @Test func mcpUIResourcesFromTheirSDK() async {
        let cards = await cards(from: server("docs", venv: ".venv-mcp1", script: "ui_resources_server.py"),
                                tools: ["module_docs", "status_page", "remote_widget"])
        guard cards.count == 3 else { return }
        let docs = cards[0]
        #expect(docs.sections.contains { if case .view = $0 { true } else { false } }, "raw HTML is read into the card")
        #expect(docs.plainText.contains("hsv_to_rgb"))
        #expect(docs.plainText.contains("converts between colour systems"))
        for width in [40, 80, 120] {
            let laidOut = lines(docs, width: width)
            #expect(laidOut.allSatisfy { $0.width == width })
            expectSnapshot(laidOut, named: "mcp-ui-pydoc-\(width)")
        }
        #expect(cards[1].links.map(\.url) == ["https://status.example.com/incidents"], "a URL list becomes the card's link")
        #expect(cards[2].plainText.contains("remote-dom script, which chattui does not run"))
        #expect(cards[2].plainText.contains("Deploy 42 is waiting for approval."))
        expectSnapshot(lines(cards[1], width: 80) + lines(cards[2], width: 80), named: "mcp-ui-url-and-remote-dom-80")
    }

    @Test func mcpAppsViewsFromPrefabAndPydoc() async {
        let cards = await cards(from: server("apps", venv: ".venv", script: "apps_server.py"), tools: ["sales", "json_docs", "broken_view"])
        guard cards.count == 3 else { return }
        let sales = cards[0]
        #expect(sales.plainText.contains("Live view: starts when its card is shown or focused"), "a 7 MB JavaScript page reads as empty, and says so")
        #expect(sales.sections.contains { if case .table(let table) = $0 { table.rows.count == 2 } else { false } }, "its structured result is shown")
        let docs = cards[1]
        #expect(docs.plainText.contains("JSONDecoder"), "a static page's structure is read")
        #expect(cards[2].plainText.contains("The result is still here."))
        #expect(cards[2].plainText.contains("could not be read"))
        for width in [40, 80, 120] {
            expectSnapshot(lines(sales, width: width), named: "mcp-apps-prefab-\(width)")
            expectSnapshot(CardLayout().lines(for: docs, width: width, options: .init(keys: .init(toggle: "Enter"))), named: "mcp-apps-pydoc-collapsed-\(width)")
        }
        expectSnapshot(lines(cards[2], width: 80), named: "mcp-apps-unreadable-80")
    }
}

/// The Tasks built-in's issue card and board, as a person sees them.
@Suite(.timeLimit(.minutes(2))) struct TasksCardTests {
    let folder = TemporaryDirectory()

    @Test func theIssueCardAndTheBoard() async throws {
        let database = folder.url.appendingPathComponent("tasks.sqlite").path
        let store = try TasksStore(path: database)
        try store.createProject("Website")
        _ = try store.create(project: "Website", title: "Login fails on Safari 日本", priority: "high")
        _ = try store.create(project: "Website", title: "Footer links are broken", status: "in_progress", priority: "low")
        let configuration = ServerConfiguration(name: "tasks", transport: .stdio(
            command: BuiltBinary.chattui.path, arguments: ["serve", "tasks", "--database", database], environment: [:], workingDirectory: nil))
        let manager = ConnectorManager(configurations: [configuration], logDirectory: folder.url)
        await manager.start()
        #expect(await manager.settled()["tasks"]?.isReady == true)
        let host = ConnectorToolHost(manager: manager)
        let issue = await host.call(ToolCall(id: "1", name: "tasks__get_issue", arguments: .object(["id": .number(1)]))) { _, _, _ in }
        let board = await host.call(ToolCall(id: "2", name: "tasks__list_issues", arguments: .object([:]))) { _, _, _ in }
        await manager.shutdown()
        for width in [40, 80, 120] {
            for (name, result) in [("issue", issue), ("board", board)] {
                let lines = CardLayout().lines(for: ToolCard(result: Self.atFixedTimes(result), fallbackTitle: name), width: width, options: .init(isExpanded: true))
                #expect(lines.allSatisfy { $0.width == width })
                expectSnapshot(lines, named: "tasks-\(name)-\(width)")
            }
        }
    }

    /// The result with every timestamp set to one moment, so the snapshots hold on any day.
    static func atFixedTimes(_ result: ToolResult) -> ToolResult {
        func fixed(_ value: JSONValue) -> JSONValue {
            switch value {
            case .string(let text) where text.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"#, options: .regularExpression) != nil:
                return .string("2026-01-02T03:04:05Z")
            case .array(let items): return .array(items.map(fixed))
            case .object(let object): return .object(object.mapValues(fixed))
            default: return value
            }
        }
        var result = result
        result.structured = result.structured.map(fixed)
        return result
    }
}

/// A Python SDK server that asks (elicitation) while a tool runs, answered through the same
/// desk and form the interface uses.
@Suite(.timeLimit(.minutes(1))) struct PythonElicitationTests {
    let folder = TemporaryDirectory()

    @Test(arguments: ["accept", "decline", "cancel"]) func theServerGetsTheAnswer(choice: String) async throws {
        let asked = Mutex<ElicitationRequest?>(nil)
        let desk = Mutex<ElicitationDesk?>(nil)
        let elicitations = ElicitationDesk { action in
            guard case .elicitationNeeded(let request) = action else { return }
            asked.withLock { $0 = request }
            var fields = FormFields(schema: request.schema)
            fields.focus = fields.form.fields.firstIndex { $0.name == "project" } ?? 0
            fields.edit(KeyEvent(.character(" ")), keymap: .standard, mode: .form)
            fields.edit(KeyEvent(.character(" ")), keymap: .standard, mode: .form)
            let answer: ElicitationAnswer = switch choice {
            case "accept": .accept(fields.submit() ?? .null)
            case "decline": .decline
            default: .cancel
            }
            desk.withLock { $0 }?.answer(id: request.id, answer)
        }
        desk.withLock { $0 = elicitations }
        let configuration = ServerConfiguration(name: "apps", transport: .stdio(
            command: TurnEndToEndTests.root.appendingPathComponent(".venv/bin/python").path,
            arguments: [TurnEndToEndTests.root.appendingPathComponent("Tests/ChatTUITests/Peers/apps_server.py").path],
            environment: [:], workingDirectory: nil))
        let manager = ConnectorManager(configurations: [configuration], logDirectory: folder.url,
                                       elicitation: { connector, parameters in await elicitations.ask(connector: connector, parameters) })
        await manager.start()
        #expect(await manager.settled()["apps"]?.isReady == true)
        let result = await ConnectorToolHost(manager: manager).call(ToolCall(id: "1", name: "apps__file_issue", arguments: .object(["title": .string("Login")]))) { _, _, _ in }
        await manager.shutdown()
        let request = asked.withLock { $0 }
        #expect(request?.connector == "apps")
        #expect(request?.message == "Where should “Login” go?")
        #expect(request.map { FormFields(schema: $0.schema).form.fields.map(\.name) } == ["project", "urgent"])
        switch choice {
        case "accept": #expect(result.content == "Filed “Login” in Mobile app.")
        default: #expect(result.content == "Not filed: the person chose \(choice).")
        }
    }
}
