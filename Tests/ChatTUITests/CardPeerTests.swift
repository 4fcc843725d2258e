import ConversationModel
import Foundation
import MCPClient
import TerminalText
import Testing
import TestSupport
import ToolCards
@testable import ChatTUI

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

    func lines(_ card: ToolCard, width: Int) -> [String] {
        CardLayout().lines(for: card, width: width, options: .init(isExpanded: true)).map(\.plainText)
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
            #expect(laidOut.allSatisfy { DisplayWidth.of($0) == width })
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
        #expect(sales.plainText.contains("built by JavaScript"), "a 7 MB JavaScript page reads as empty, and says so")
        #expect(sales.sections.contains { if case .table(let table) = $0 { table.rows.count == 2 } else { false } }, "its structured result is shown")
        let docs = cards[1]
        #expect(docs.plainText.contains("JSONDecoder"), "a static page's structure is read")
        #expect(cards[2].plainText.contains("The result is still here."))
        #expect(cards[2].plainText.contains("could not be read"))
        for width in [40, 80, 120] {
            expectSnapshot(lines(sales, width: width), named: "mcp-apps-prefab-\(width)")
            expectSnapshot(CardLayout().lines(for: docs, width: width).map(\.plainText), named: "mcp-apps-pydoc-collapsed-\(width)")
        }
        expectSnapshot(lines(cards[2], width: 80), named: "mcp-apps-unreadable-80")
    }
}
