import Foundation
import Testing
import TestSupport

/// A connector added or removed with `chattui mcp` while the interface runs shows so in /connectors without a restart.
@Suite(.serialized) struct ConnectorRereadEndToEndTests {
    @Test(.timeLimit(.minutes(2))) func aConnectorAddedMeanwhileShowsInConnectors() throws {
        let session = try TmuxSession()
        try session.waitFor("Type a message and press Enter")
        let directory = session.dataDirectory.path
        let added = try Spawn.run([BuiltBinary.chattui.path, "mcp", "add", "addedmeanwhile", "--", "cat"], environment: [
            "XDG_CONFIG_HOME": "\(directory)/config", "XDG_STATE_HOME": "\(directory)/state",
        ])
        #expect(added.status == 0, "\(added.output)")
        try session.send("C-o")
        let screen = try session.waitFor("the new connector listed") { $0.contains("Connectors ·") && $0.contains("addedmeanwhile") }
        #expect(screen.contains("addedmeanwhile"), "listed without a restart")
    }

    /// `/connectors NAME` reads the files as `/connectors` does: one added meanwhile opens by its name.
    @Test(.timeLimit(.minutes(2))) func aConnectorAddedMeanwhileOpensByName() throws {
        let session = try TmuxSession()
        try session.waitFor("Type a message and press Enter")
        let directory = session.dataDirectory.path
        let added = try Spawn.run([BuiltBinary.chattui.path, "mcp", "add", "addedmeanwhile", "--", "cat"], environment: [
            "XDG_CONFIG_HOME": "\(directory)/config", "XDG_STATE_HOME": "\(directory)/state",
        ])
        #expect(added.status == 0, "\(added.output)")
        try WalkthroughTests.run(session, "/connectors addedmeanwhile")
        let screen = try session.waitFor("its details") { $0.contains("Connectors › addedmeanwhile") || $0.contains("No connector named") }
        #expect(screen.contains("Connectors › addedmeanwhile") && !screen.contains("No connector named"), "\(screen)")
    }

    /// One removed with `chattui mcp remove` goes from the list when /connectors opens, and stops if it ran.
    @Test(.timeLimit(.minutes(2))) func aConnectorRemovedMeanwhileLeavesConnectorsAndStops() throws {
        let session = try TmuxSession(prepare: ConnectorsPanelEndToEndTests.clockAndBroken)
        try session.waitFor("Type a message and press Enter")
        try WalkthroughTests.run(session, "/connectors clock")
        try session.waitFor("State         ready · 2 tools")
        try WalkthroughConnectorsTests.closePanels(session)
        let directory = session.dataDirectory.path
        let removed = try Spawn.run([BuiltBinary.chattui.path, "mcp", "remove", "clock"], environment: [
            "XDG_CONFIG_HOME": "\(directory)/config", "XDG_STATE_HOME": "\(directory)/state",
        ])
        #expect(removed.status == 0, "\(removed.output)")
        try session.send("C-o")
        try session.waitFor("clock gone from the list") { $0.contains("Connectors ·") && $0.contains("broken") && !$0.contains("clock") }
        let log = URL(fileURLWithPath: "\(directory)/state/chattui/logs/clock.log")
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, !((try? String(contentsOf: log, encoding: .utf8)) ?? "").contains("disconnected:") { Thread.sleep(forTimeInterval: 0.1) }
        #expect(((try? String(contentsOf: log, encoding: .utf8)) ?? "").contains("disconnected:"), "its server was stopped")
    }
}
