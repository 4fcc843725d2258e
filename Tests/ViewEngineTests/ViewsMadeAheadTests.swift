import Foundation
import MCP
import MCPClient
import TestSupport
import Testing
@testable import ViewEngine
#if canImport(Glibc)
import Glibc
#endif

/// Views made ahead: after a view draws, the engine holds one more of the same content through its
/// handshake; a later open of that content adopts it. In `LiveViewTests`, so they run one at a time.
extension LiveViewTests {
    @Test func aLaterOpenOfTheSameViewAdoptsTheHeldOneAndItTakesKeys() async throws {
        let folder = TemporaryDirectory()
        let callLog = folder.url.appendingPathComponent("calls.log").path
        let (connection, snapshot) = try await LivePeer.connect(folder, environment: ["PEER_CALL_LOG": callLog])
        let engine = ViewEngine(drawTimeout: LivePeer.loadedMachineDeadline)
        let board = try await LivePeer.view("ui://live/board", on: connection)
        let first = try await engine.open(board, appTools: LivePeer.appTools(snapshot), delegate: RecordingDelegate(connection: connection))
        let held = try #require(await engine.heldView, "a view of the same content is made ahead once one is drawn")
        #expect(await engine.heldViewIsReady())

        let delegate = RecordingDelegate(connection: connection)
        let second = try await engine.open(board, appTools: LivePeer.appTools(snapshot), delegate: delegate)
        #expect(second === held, "the later open adopted the held view")
        #expect(!second.isHeldAhead)
        await second.sendToolInput(arguments: [:])
        await second.sendToolResult(try LivePeer.json(try await connection.callTool("release_board", arguments: [:])))
        #expect(second.plainText.contains("Crash on resize"), "the adopted view was drawn already: \(second.plainText)")
        try await second.focus(control: try #require(second.control(named: "Title")))
        try await second.insertText("Held")
        #expect(await eventually { second.plainText.contains("Title: [Held") }, "typing reached the adopted view: \(second.plainText)")
        try await second.focus(control: try #require(second.control(named: "File issue")))
        try await second.press(.enter)
        #expect(await eventually { (try? String(contentsOfFile: callLog, encoding: .utf8))?.contains("file_issue 'Held'") == true })
        #expect(delegate.calls == ["file_issue"], "the adopted view's calls reach its card's delegate")
        #expect(first.plainText.contains("Title: [____"), "the first view kept its own page")
        #expect(await engine.heldView.map { $0 !== second } == true, "another is made ahead after the adoption")
        await first.close()
        await second.close()
        await engine.shutdown()
        await connection.close()
    }

    /// What a held view asks is not acted on until a card adopts it; then it is, once. Its tool input
    /// arrives once, and the width it was made with is corrected.
    @Test func aHeldViewAsksNothingBeforeItIsAdoptedAndHearsItsInputOnce() async throws {
        let folder = TemporaryDirectory()
        let callLog = folder.url.appendingPathComponent("calls.log").path
        let calls = { (try? String(contentsOfFile: callLog, encoding: .utf8))?.split(separator: "\n").count ?? 0 }
        let (connection, snapshot) = try await LivePeer.connect(folder, environment: ["PEER_CALL_LOG": callLog])
        let engine = ViewEngine(drawTimeout: LivePeer.loadedMachineDeadline)
        let eager = try await LivePeer.view("ui://live/eager", on: connection)
        let shown = RecordingDelegate(connection: connection)
        _ = try await engine.open(eager, appTools: LivePeer.appTools(snapshot), context: HostContext(widthCells: 80), delegate: shown)
        #expect(await eventually { calls() == 1 }, "a view shown at once has its call acted on at once")

        let held = try #require(await engine.heldView)
        #expect(await engine.heldViewIsReady())
        #expect(held.plainText.contains("width 640"), "\(held.plainText)")
        try await Task.sleep(for: .seconds(1))
        #expect(calls() == 1, "the held view's call did not reach the server")
        #expect(held.plainText.contains("call pending") && held.plainText.contains("heard nothing"), "\(held.plainText)")

        let delegate = RecordingDelegate(connection: connection)
        let second = try await engine.open(eager, appTools: LivePeer.appTools(snapshot), context: HostContext(widthCells: 100), delegate: delegate)
        #expect(second === held)
        #expect(await eventually { delegate.calls == ["file_issue"] && calls() == 2 }, "its call is acted on once adopted, through its card")
        await second.sendToolInput(arguments: ["title": "x"])
        await second.sendToolInput(arguments: ["title": "x"])
        await second.sendToolResult(.object(["content": .array([])]))
        #expect(await eventually { second.plainText.contains("heard host-context-changed tool-input tool-result") }, "\(second.plainText)")
        #expect(second.plainText.contains("width 800"), "the card's width was told on adoption: \(second.plainText)")
        #expect(await eventually { second.plainText.contains("call answered") })
        await engine.shutdown()
        await connection.close()
    }

    /// A view of other content opens on the spare page and takes the held view's place; the held view
    /// goes at shutdown with the browser.
    @Test func aHeldViewGivesWayToOtherContentAndDoesNotSurviveShutdown() async throws {
        let engine = ViewEngine(drawTimeout: LivePeer.loadedMachineDeadline)
        let first = try await engine.open(ViewContent(html: "<h1>Plain</h1>"), appTools: [], delegate: nil)
        let held = try #require(await engine.heldView)
        #expect(await engine.heldViewIsReady())
        let other = try await engine.open(ViewContent(html: "<h1>Other</h1><button>Go</button>"), appTools: [], delegate: nil)
        #expect(other !== held && other.plainText.contains("# Other"))
        #expect(held.isClosed, "one view is held at most: the last drawn content's")
        let heldOther = try #require(await engine.heldView)
        #expect(await engine.heldViewIsReady())
        let pid = try #require(await engine.browserProcess)
        await first.close()
        await other.close()
        await engine.shutdown()
        #expect(heldOther.isClosed)
        #expect(await engine.heldView == nil)
        #expect(await eventually(10) { kill(pid, 0) != 0 }, "the browser is gone")
    }
}
