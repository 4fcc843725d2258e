import ConnectorMenu
import ConversationModel
import TestSupport
import Testing
import TerminalText
@testable import ChatFeatures

@Suite struct ConnectorsReducerTests {
    static func ready(_ name: String, tools: [ConnectorInfo.ToolSummary]) -> ConnectorInfo {
        var info = ConnectorInfo(name: name, transport: "stdio", address: "mcp-server-\(name)")
        info.health = .ready
        info.server = "\(name)-server 1.0"
        info.tools = tools
        return info
    }

    static let git = ready("git", tools: [
        .init(id: "git__git_log", title: "git_log", effect: .reads, tokens: 250, hiddenFromModel: false),
        .init(id: "git__git_commit", title: "git_commit", effect: .writes, tokens: 95, hiddenFromModel: false),
        .init(id: "git__git_reset", title: "git_reset", effect: .destroys, tokens: 78, hiddenFromModel: false),
    ])

    static var broken: ConnectorInfo {
        var info = ConnectorInfo(name: "broken", transport: "stdio", address: "no-such-server")
        info.health = .failed
        info.reason = "command not found: no-such-server"
        info.logTail = ["started", "exec failed"]
        return info
    }

    func harness() -> Harness {
        var harness = Harness(width: 80, height: 20)
        harness.send(.connectorChanged(Self.broken))
        harness.send(.connectorChanged(Self.git))
        return harness
    }

    @Test func spaceCyclesAConnectorHereAndTheHeaderCounts() {
        var harness = harness()
        #expect(harness.lines()[0].contains("0 connectors on · 1 failed"), "one that appears while running starts off here")
        harness.press(.ctrl("o"))
        #expect(harness.takeEffects() == [.openConnectors(named: "")], "opening reads the files again: one added by `chattui mcp add` meanwhile shows")
        harness.press(.down)
        harness.press(.char(" "))
        #expect(harness.state.connectorUses["git"] == .on)
        #expect(harness.takeEffects() == [.setConnectorUses(1, ["git": .on])])
        harness.press(.char(" "))
        #expect(harness.state.connectorUses["git"] == .onDemand)
        #expect(harness.lines()[0].contains("1 connector on"), "the header counts on-demand connectors")
        harness.press(.char(" "))
        #expect(harness.state.connectorUses["git"] == .off)
        #expect(harness.lines()[0].contains("0 connectors on"))
        harness.press(.char("a"))
        #expect(harness.state.connectorUses == ["git": .on, "broken": .on])
        harness.press(.char("n"))
        #expect(harness.state.connectorUses.values.allSatisfy { $0 == .off })
        _ = harness.takeEffects()
        harness.press(.char("s"))
        #expect(harness.takeEffects() == [.saveDefaultConnectorUses(["git": .off, "broken": .off])])
    }

    @Test func detailsSplitReadsFromWritesAndOfferActions() {
        var harness = harness()
        harness.type("/connectors git")
        harness.press(.enter)
        let screen = harness.lines().joined(separator: "\n")
        #expect(screen.contains("Can read      1 tool"))
        #expect(screen.contains("Can write     2 tools, 1 destructive"))
        #expect(screen.contains("git_reset"))
        harness.press(.char("r"))
        #expect(harness.takeEffects().contains(.reconnect("git")))
        harness.press(.char("x"))
        #expect(harness.state.layers.count == 2 && harness.lines().joined().contains("Remove git from your configuration?"))
        harness.press(.char("n"))
        guard case .connectors(let kept)? = harness.state.overlay else { Issue.record("the panel is gone"); return }
        #expect(kept.mode == .details("git") && harness.takeEffects().isEmpty)
        harness.press(.char("x"))
        harness.press(.char("y"))
        #expect(harness.takeEffects() == [.removeConnector("git")])
        guard case .connectors(let list)? = harness.state.overlay else { Issue.record("the panel is gone"); return }
        #expect(list.mode == .list)
        harness.send(.connectorRemoved("git"))
        #expect(harness.state.connectors["git"] == nil)
        #expect(harness.state.connectorUses["git"] == nil)
    }

    /// A removal heard late, after the person opened another connector's details, leaves them open.
    @Test func aLateRemovalDoesNotTakeAnotherConnectorsDetailsAway() {
        var harness = harness()
        harness.send(.connectorChanged(ConnectorInfo(name: "web", transport: "stdio", address: "web-mcp", health: .ready)))
        harness.press(.ctrl("o"))
        harness.state.overlay = .connectors(ConnectorsFeature.State(list: SelectionList(count: harness.state.connectors.count), mode: .details("web")))
        harness.send(.connectorRemoved("git"))
        guard case .connectors(let panel)? = harness.state.overlay else { Issue.record("the panel is gone"); return }
        #expect(panel.mode == .details("web"))
    }

    /// A bracketed paste reaches the field that has the keys: the custom form's command line (it was dropped).
    @Test func aPasteGoesIntoTheCustomConnectorForm() {
        var harness = harness()
        harness.press(.ctrl("o"))
        harness.press(.char("c"))
        guard case .form = harness.state.overlay else { Issue.record("the custom form opens"); return }
        harness.send(.input(.paste("Weather")))
        guard case .form(let form)? = harness.state.overlay else { Issue.record("the form stays open"); return }
        #expect(form.fields.values[form.fields.focus].text == "Weather")
        #expect(harness.state.composer.field.isEmpty, "nothing went to the composer")
    }

    @Test func aConnectorBlockedByPolicyCannotBeTurnedOn() {
        var harness = harness()
        harness.send(.connectorChanged(ConnectorInfo(name: "corp", transport: "", address: "", health: .blocked, reason: "blocked by policy: matches “corp”")))
        harness.state.connectorUses["corp"] = .off
        harness.press(.ctrl("o"))
        harness.press(.down)
        harness.press(.char(" "))
        #expect(harness.state.connectorUses["corp"] == .off)
        #expect(harness.state.flash?.text == "corp is blocked by policy: matches “corp”.")
        harness.press(.char("a"))
        #expect(harness.state.connectorUses["corp"] == .off)
        #expect(harness.lines().joined().contains("blocked by policy"))
    }

    @Test func turningOnOrInstallingAConnectorThatNeedsSignInOpensSignIn() {
        var harness = harness()
        var remote = ConnectorInfo(name: "linear", transport: "http", address: "https://mcp.linear.app/mcp")
        remote.health = .needsSignIn
        harness.send(.connectorChanged(remote))
        harness.state.connectorUses["linear"] = .off
        harness.press(.ctrl("o"))
        harness.press(.down)
        harness.press(.down)
        harness.press(.char(" "))
        #expect(harness.takeEffects().contains(.signIn("linear")))
        guard case .signIn(let panel)? = harness.state.overlay else { Issue.record("no sign-in card"); return }
        #expect(panel.connector == "linear")
        harness.send(.signInStarted("linear", url: "https://auth.example/authorize?x=1", port: 33418))
        harness.press(.alt(.character("c")))
        #expect(harness.takeEffects() == [.copyToClipboard("https://auth.example/authorize?x=1")])
        harness.send(.signInFailed("linear", "Could not find how to sign in: no metadata"))
        #expect(harness.lines().joined().contains("Could not find how to sign in"))
        harness.press(.escape)
        #expect(harness.takeEffects() == [.cancelSignIn("linear")])

        // Installed from the directory: when it turns out to need sign-in, the card opens by itself.
        harness.state.overlay = nil
        harness.state.signInWhenNeeded = ["notion"]
        var notion = ConnectorInfo(name: "notion", transport: "http", address: "https://mcp.notion.com/mcp")
        notion.health = .needsSignIn
        harness.send(.connectorChanged(notion))
        #expect(harness.takeEffects() == [.signIn("notion")])
        #expect(harness.state.signInWhenNeeded.isEmpty)
    }

    @Test func anUnknownNameSaysSo() {
        var harness = harness()
        harness.type("/connectors nope")
        harness.press(.enter)
        #expect(harness.state.overlay == nil)
        #expect(harness.state.flash?.isError == true)
    }

    @Test func panelAndDetailsSnapshots() {
        var harness = harness()
        harness.press(.ctrl("o"))
        harness.expectSnapshot(named: "connectors-80x20")
        harness.press(.enter)
        harness.expectSnapshot(named: "connector-failed-details-80x20")
        harness.send(.input(.resize(width: 44, height: 16)))
        #expect(harness.lines().allSatisfy { DisplayWidth.of($0) <= 44 })
    }

    @Test func addingFromTheConnectorsPanel() {
        var harness = Harness(width: 90, height: 24)
        harness.press(.ctrl("o"))
        harness.press(.char("c"))
        #expect(harness.lines().joined().contains("not verified"))
        harness.type("time")
        harness.press(.tab)
        harness.type("uvx mcp-server-time")
        harness.press(.ctrl("s"))
        let expected = CustomConnector(name: "time", target: .local(command: "uvx", arguments: ["mcp-server-time"]), clientID: nil, clientSecret: nil)
        #expect(harness.takeEffects() == [.openConnectors(named: ""), .addCustomConnector(expected, conversation: 1)])
        #expect(harness.state.connectorUses["time"] == .on, "on in the conversation it was added in")
        harness.send(.connectorChanged(ConnectorInfo(name: "time", transport: "stdio", address: "uvx mcp-server-time")))
        #expect(harness.lines().joined().contains("Connectors › time"), "its details show once it is read back, without a crash")
    }

    /// The form answers; the connectors side refuses a name taken, and the form stays on that field saying why.
    @Test func aCustomConnectorsTakenNameIsRefusedInTheForm() {
        var harness = Harness(width: 90, height: 24)
        harness.send(.connectorChanged(ConnectorInfo(name: "time", transport: "stdio", address: "uvx mcp-server-time")))
        harness.press(.ctrl("o"))
        harness.press(.char("c"))
        harness.press(.tab)
        harness.type("uvx other-time")
        harness.press(.backTab)
        harness.type("time")
        harness.press(.ctrl("s"))
        #expect(harness.takeEffects() == [.openConnectors(named: "")], "nothing added")
        guard case .form(let form)? = harness.state.overlay else { Issue.record("the form closed"); return }
        #expect(form.problem == "name: time exists already")
        #expect(form.fields.focus == 0)
        #expect(harness.lines().joined().contains("name: time exists already"))
    }
}
