import Foundation
import Testing
import TestSupport

/// A connector added with `chattui mcp add` while the interface runs shows in /connectors without a restart.
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
}
