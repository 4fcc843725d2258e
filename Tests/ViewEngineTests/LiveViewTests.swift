import Foundation
import MCP
import MCPClient
import TestSupport
import Testing
@testable import ViewEngine
#if canImport(Glibc)
import Glibc
#endif

/// Real views nobody here wrote (prefab-ui's React renderer) over a real MCP server on the official
/// Python SDK, run in Debian's Chromium and driven with the keys API. Serialized: one browser, two cores.
@Suite(.serialized) struct LiveViewTests {
    @Test func aPrefabViewDrawsAsTextAndItsControlsReachTheServer() async throws {
        let folder = TemporaryDirectory()
        let callLog = folder.url.appendingPathComponent("calls.log").path
        let (connection, snapshot) = try await LivePeer.connect(folder, environment: ["PEER_CALL_LOG": callLog])
        let engine = ViewEngine(drawTimeout: LivePeer.loadedMachineDeadline)
        let delegate = RecordingDelegate(connection: connection)
        let view = try await engine.open(try await LivePeer.view("ui://live/board", on: connection), appTools: LivePeer.appTools(snapshot),
                                         delegate: delegate)
        await view.sendToolInput(arguments: [:])
        await view.sendToolResult(try LivePeer.json(try await connection.callTool("release_board", arguments: [:])))
        #expect(await eventually { view.plainText.contains("Crash on resize") }, "the view's table is in the card: \(view.plainText)")
        #expect(view.plainText.contains("# Release board"))

        let title = try #require(view.control(named: "Title"))
        try await view.focus(control: title)
        try await view.insertText("Broken save")
        #expect(await eventually { view.plainText.contains("Title: [Broken save") })
        try await view.focus(control: try #require(view.control(named: "File issue")))
        try await view.press(.enter)
        #expect(await eventually { (try? String(contentsOfFile: callLog, encoding: .utf8))?.contains("file_issue 'Broken save'") == true },
                "Enter on the button made the view's tools/call arrive at the server")
        #expect(delegate.calls == ["file_issue"])

        try await view.focus(control: 2)
        try await view.press(.space)
        #expect(await eventually { view.plainText.contains("( ) Mobile app") }, "an open select shows its options: \(view.plainText)")
        try await view.press(.down)
        try await view.press(.enter)
        #expect(await eventually { view.plainText.contains("[Mobile app ▾]") }, "arrows and Enter choose an option: \(view.plainText)")

        try await view.focus(control: try #require(view.control(named: "Ask the model")))
        try await view.press(.space)
        #expect(await eventually { delegate.messages == ["Summarise the release board"] }, "ui/message reached the host")

        try await view.reload()
        #expect(await eventually { view.plainText.contains("Title: [____") && view.plainText.contains("Crash on resize") },
                "a reload draws the view afresh: \(view.plainText)")

        let fileIssue = try #require(snapshot.tools.first { $0.name == "file_issue" })
        #expect(!AppToolVisibility.isOpenToModel(fileIssue), "an app-only tool is never offered to the model")
        await view.close()
        await engine.shutdown()
        await connection.close()
    }

    @Test func aHostileViewReachesNothingAndCannotCallAModelOnlyTool() async throws {
        let folder = TemporaryDirectory()
        let listener = try LocalListener()
        #expect(isListening(listener.port) && listener.contacts == 1, "the listener counts what reaches it")
        let (connection, snapshot) = try await LivePeer.connect(folder, environment: ["HOSTILE_PORT": String(listener.port),
                                                                                    "PEER_CALL_LOG": folder.url.appendingPathComponent("calls.log").path])
        let engine = ViewEngine(drawTimeout: LivePeer.loadedMachineDeadline)
        let delegate = RecordingDelegate(connection: connection)
        let view = try await engine.open(try await LivePeer.view("ui://live/hostile", on: connection), appTools: LivePeer.appTools(snapshot),
                                         delegate: delegate)
        #expect(await eventually { view.plainText.contains("tried") }, "the hostile script ran: \(view.plainText)")
        #expect(await eventually { delegate.logs.contains { $0.contains("refused the view's call to model_only") } })
        try await Task.sleep(for: .seconds(1))
        #expect(listener.contacts == 0, "nothing reached 127.0.0.1:\(listener.port)")
        #expect(delegate.calls.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("calls.log").path))
        #expect(await engine.isNetworkIsolated, "the browser runs without a network")
        await view.close()
        await engine.shutdown()
        await connection.close()
    }

    @Test func withoutABrowserOpeningSaysWhatToInstall() async throws {
        let engine = ViewEngine(environment: ["CHATTUI_BROWSER": "/nonexistent", "PATH": "/usr/bin:/bin"])
        #expect(!engine.isAvailable)
        do {
            _ = try await engine.open(ViewContent(html: "<p>hi</p>"), appTools: [], delegate: nil)
            Issue.record("a view opened without a browser")
        } catch let error as ViewEngineError {
            #expect(error.description.contains("/nonexistent"))
            #expect(error.description.contains("apt-get install chromium"))
        }
    }

    /// A view that sends its frame elsewhere fails and says so, rather than showing the browser's error page as its text.
    @Test func aViewThatLeavesItsPageFailsAndSaysWhere() async throws {
        let folder = TemporaryDirectory()
        let (connection, _) = try await LivePeer.connect(folder)
        let engine = ViewEngine(drawTimeout: LivePeer.loadedMachineDeadline)
        let delegate = RecordingDelegate(connection: nil)
        let view = try await engine.open(try await LivePeer.view("ui://live/wanderer", on: connection), appTools: [], delegate: delegate)
        #expect(view.plainText.contains("Leaving soon"))
        #expect(await eventually { !delegate.failures.isEmpty }, "the navigation was noticed")
        #expect(delegate.failures.first?.hasPrefix("the view tried to load another page (http://127.0.0.1:9/away") == true, "\(delegate.failures)")
        await engine.shutdown()
        await connection.close()
    }

    /// An empty tree is not a drawing: a view whose document keeps changing but never holds
    /// anything fails at the deadline, and the card never hears of an empty text.
    @Test func aViewThatNeverBuildsContentIsNotDrawnAndFailsAtTheDeadline() async throws {
        let folder = TemporaryDirectory()
        let (connection, _) = try await LivePeer.connect(folder)
        let engine = ViewEngine(drawTimeout: .seconds(3))
        let delegate = RecordingDelegate(connection: nil)
        do {
            _ = try await engine.open(try await LivePeer.view("ui://live/quiet", on: connection), appTools: [], delegate: delegate)
            Issue.record("a view with nothing in it counted as drawn")
        } catch let error as ViewEngineError {
            #expect(error.description == "the view was not drawn within 3 s")
        }
        #expect(delegate.redraws == 0, "no empty text reached the card")
        #expect(delegate.failures == ["the view was not drawn within 3 s"])
        #expect(await engine.liveViewCount == 0)
        await engine.shutdown()
        await connection.close()
    }

    /// A later view of other content opens on the page made ahead while the first was shown, and
    /// works as the first did.
    @Test func aLaterViewOpensOnThePageMadeAheadAndTakesKeys() async throws {
        let engine = ViewEngine(drawTimeout: LivePeer.loadedMachineDeadline)
        let first = try await engine.open(ViewContent(html: "<h1>Plain</h1><input aria-label=\"Name\">"), appTools: [], delegate: nil)
        #expect(await engine.hasSparePage, "a page is made ahead once a view is drawn")
        let second = try await engine.open(ViewContent(html: "<h1>Plain</h1><input aria-label=\"Name\"><p>Again</p>"), appTools: [], delegate: nil)
        #expect(await engine.heldView !== second, "not the view held ahead, which is of other content")
        #expect(second.plainText.contains("# Plain"))
        try await second.focus(control: 1)
        try await second.insertText("Ada")
        #expect(await eventually { second.plainText.contains("Name: [Ada") }, "typing reached the later view: \(second.plainText)")
        #expect(first.plainText.contains("Name: [____"), "the first view kept its own page")
        await first.close()
        await second.close()
        await engine.shutdown()
    }

    @Test func theBrowserStopsWhenNoViewIsLeftForTheIdleTime() async throws {
        let engine = ViewEngine(idleTimeout: .milliseconds(500))
        let view = try await engine.open(ViewContent(html: "<p>Short-lived</p>"), appTools: [], delegate: nil)
        #expect(view.plainText == "Short-lived")
        let pid = try #require(await engine.browserProcess)
        await view.close()
        #expect(await eventually(10) { await engine.browserProcess == nil && kill(pid, 0) != 0 }, "the browser and its group are gone")
    }

    @Test func aBrowserKilledMidViewFailsTheViewAndTheNextViewStartsANewOne() async throws {
        let engine = ViewEngine(drawTimeout: LivePeer.loadedMachineDeadline)
        let delegate = RecordingDelegate(connection: nil)
        let page = ViewContent(html: "<h1>Plain</h1><button>Press</button>")
        let first = try await engine.open(page, appTools: [], delegate: delegate)
        #expect(first.plainText.contains("# Plain"))
        let pid = try #require(await engine.browserProcess)
        kill(-pid, SIGKILL)
        #expect(await eventually { !delegate.failures.isEmpty }, "the view heard its browser died")
        #expect(delegate.failures.first?.contains("signal 9") == true)
        let second = try await engine.open(page, appTools: [], delegate: delegate)
        #expect(await engine.browserProcess != pid)
        #expect(second.plainText.contains("[1][ Press ]"))
        await second.close()
        await engine.shutdown()
    }
}

extension LiveViewTests {
    @Test func aHungBrowserIsStoppedItsViewFailsAndTheNextViewStartsANewOne() async throws {
        let engine = ViewEngine(answerTimeout: .seconds(3))
        let delegate = RecordingDelegate(connection: nil)
        let page = ViewContent(html: "<h1>Plain</h1><button>Press</button>")
        let first = try await engine.open(page, appTools: [], delegate: delegate)
        let pid = try #require(await engine.browserProcess)
        kill(-pid, SIGSTOP)
        await #expect(throws: Error.self) { try await first.press(.enter) }
        #expect(await eventually { delegate.failures.first?.contains("did not answer") == true }, "the view says why: \(delegate.failures)")
        #expect(await eventually { kill(pid, 0) != 0 }, "the hung browser is gone")
        let second = try await engine.open(page, appTools: [], delegate: delegate)
        #expect(second.plainText.contains("[1][ Press ]"))
        await second.close()
        await engine.shutdown()
    }
}

/// A TCP and a UDP socket on one 127.0.0.1 port, counting whatever reaches them.
final class LocalListener: @unchecked Sendable {
    let port: Int
    private let tcp: Int32
    private let udp: Int32

    init() throws {
        port = freeLocalPort()
        tcp = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        udp = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        for descriptor in [tcp, udp] {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
            guard bound == 0 else { throw ViewEngineError(description: "cannot bind 127.0.0.1:\(port)") }
            _ = fcntl(descriptor, F_SETFL, O_NONBLOCK)
        }
        listen(tcp, 16)
    }

    deinit {
        close(tcp)
        close(udp)
    }

    /// Connections accepted and datagrams received so far.
    var contacts: Int {
        var count = 0
        while case let client = accept(tcp, nil, nil), client >= 0 { close(client); count += 1 }
        var buffer = [UInt8](repeating: 0, count: 2048)
        while recv(udp, &buffer, buffer.count, 0) >= 0 { count += 1 }
        return count
    }
}
