import Foundation
import MCP
import MCPClient
import TestSupport
import Testing
@testable import ViewEngine

/// The keys API on a real prefab-ui view, as the interface drives it: controls reached by the
/// numbers the card shows, around a button whose call waits for the person's approval.
@Suite(.serialized) struct LiveViewKeysTests {
    @Test func afterAButtonsCallAnotherControlsNumberTakesTheKeys() async throws {
        let folder = TemporaryDirectory()
        let callLog = folder.url.appendingPathComponent("calls.log").path
        let (connection, snapshot) = try await LivePeer.connect(folder, environment: ["PEER_CALL_LOG": callLog])
        let engine = ViewEngine(drawTimeout: LivePeer.loadedMachineDeadline)
        let delegate = RecordingDelegate(connection: connection)
        delegate.callDelay = .seconds(2)
        let view = try await engine.open(try await LivePeer.view("ui://live/board", on: connection), appTools: LivePeer.appTools(snapshot),
                                         delegate: delegate)
        await view.sendToolInput(arguments: [:])
        await view.sendToolResult(try LivePeer.json(try await connection.callTool("release_board", arguments: [:])))
        #expect(await eventually { view.plainText.contains("[ Ask the model ]") }, "the view is drawn: \(view.plainText)")

        try await view.focus(control: try #require(view.control(named: "File issue")))
        try await view.press(.enter)
        #expect(await eventually { (try? String(contentsOfFile: callLog, encoding: .utf8))?.contains("file_issue") == true },
                "the button's call arrived at the server")
        try await Task.sleep(for: .seconds(1))

        let ask = try #require(view.control(named: "Ask the model"))
        try await view.focus(control: ask)
        #expect(await eventually(5) { view.text.focusedControl == ask }, "the card shows the focus moved: \(String(describing: view.text.focusedControl))")
        try await view.press(.space)
        #expect(await eventually { delegate.messages == ["Summarise the release board"] }, "Space on the message button sent its ui/message")
        #expect(delegate.calls == ["file_issue"], "Space did not press the first button again")

        let title = try #require(view.control(named: "Title"))
        try await view.focus(control: title)
        try await view.insertText("Broken save")
        #expect(await eventually { view.plainText.contains("Title: [Broken save") }, "typing reached the focused field: \(view.plainText)")
        await view.close()
        await engine.shutdown()
        await connection.close()
    }
}
