import ConversationModel
import Testing
import TerminalUI
@testable import ConnectorMenu

/// The connectors panel on its own: keys in, its state and what it asks of the app out.
/// (How the app answers, and the panel on screen, are ChatFeaturesTests' ConnectorsReducerTests.)
@Suite struct ConnectorsFeatureTests {
    /// The shared layers and the panel's own table, as the app composes them.
    let keymap = Keymap.common.adding(ConnectorsFeature.bindings)

    static func connector(_ name: String, _ health: ConnectorHealth, source: ConnectorInfo.Source = .yours) -> ConnectorInfo {
        ConnectorInfo(name: name, source: source, transport: "stdio", address: "mcp-server-\(name)", health: health)
    }

    static func roster(_ infos: [ConnectorInfo], uses: [String: ConnectorUse] = [:]) -> ConnectorsFeature.Roster {
        ConnectorsFeature.Roster(names: infos.map(\.name).sorted(), connectors: Dictionary(uniqueKeysWithValues: infos.map { ($0.name, $0) }), uses: uses)
    }

    func press(_ key: KeyEvent, _ state: inout ConnectorsFeature.State, _ roster: ConnectorsFeature.Roster) -> [ConnectorsFeature.Delegate] {
        ConnectorsFeature.reduce(&state, .key(key), roster: roster, keymap: keymap)
    }

    @Test func spaceAsksTheAppToCycleTheSelectedConnectorsUse() {
        let roster = Self.roster([Self.connector("git", .ready), Self.connector("web", .ready)], uses: ["web": .onDemand])
        var state = ConnectorsFeature.State(list: .init(count: 2))
        #expect(press(.char(" "), &state, roster) == [.setUses(["git": .onDemand])], "a connector with no use here counts as on")
        #expect(press(KeyEvent(.down), &state, roster).isEmpty)
        #expect(press(.char(" "), &state, roster) == [.setUses(["web": .off])])
        #expect(press(.char("a"), &state, roster) == [.setUses(["git": .on, "web": .on])])
        #expect(press(KeyEvent(.escape), &state, roster) == [.close])
    }

    @Test func aBlockedConnectorStaysOffAndOneNeedingSignInAsksForIt() {
        var blocked = Self.connector("corp", .blocked)
        blocked.reason = "blocked by policy: matches “corp”"
        let roster = Self.roster([blocked, Self.connector("linear", .needsSignIn)], uses: ["corp": .off, "linear": .off])
        var state = ConnectorsFeature.State(list: .init(count: 2))
        #expect(press(.char(" "), &state, roster) == [.flash("corp is blocked by policy: matches “corp”.", isError: true)])
        #expect(press(.char("a"), &state, roster) == [.setUses(["linear": .on]), .signIn("linear")])
        _ = press(KeyEvent(.down), &state, roster)
        #expect(press(.char(" "), &state, roster) == [.setUses(["linear": .on]), .signIn("linear")], "the roster still says off: the app owns the uses")
    }

    @Test func detailsAskBeforeRemovingAndBeforeApprovingAFolder() throws {
        var folder = Self.connector("proj", .notApproved, source: .thisFolder)
        folder.variablesRead = ["GITHUB_TOKEN", "HOME"]
        folder.environmentSet = ["LD_PRELOAD"]
        let roster = Self.roster([Self.connector("git", .ready), folder])
        var state = try #require(ConnectorsFeature.opened(named: "GIT", names: roster.names))
        #expect(state.mode == .details("git") && state.inputMode == .connectorDetails)
        let remove = press(.char("x"), &state, roster)
        #expect(remove.count == 1)
        guard case .confirm(let question)? = remove.first else { Issue.record("no question"); return }
        #expect(question.yes == .remove("git") && question.text.contains("Remove git"))

        state = try #require(ConnectorsFeature.opened(named: "proj", names: roster.names))
        guard case .confirm(let approval)? = press(.char("t"), &state, roster).first else { Issue.record("no question"); return }
        #expect(approval.yes == .toggleTrust("proj"))
        #expect(approval.text.contains("gets your secret GITHUB_TOKEN") && approval.text.contains("reads your HOME"))
        #expect(approval.text.contains("sets LD_PRELOAD"))
        #expect(ConnectorsFeature.opened(named: "nope", names: roster.names) == nil)
    }

    @Test func reconnectIsOfferedOnlyWhereItMeansSomething() {
        let roster = Self.roster([Self.connector("git", .failed), Self.connector("proj", .notApproved)])
        var state = ConnectorsFeature.State(list: .init(count: 2), mode: .details("git"))
        #expect(press(.char("r"), &state, roster) == [.reconnect("git")])
        state.mode = .details("proj")
        #expect(press(.char("r"), &state, roster).isEmpty)
        #expect(press(.char("d"), &state, roster).isEmpty, "nothing runs to disconnect")
        state.mode = .details("git")
        #expect(press(.char("d"), &state, roster).isEmpty, "a failed connector is not running either")
        let running = Self.roster([Self.connector("clock", .ready)])
        state.mode = .details("clock")
        #expect(press(.char("d"), &state, running)
                == [.flash("Disconnected clock; it starts again when something uses it, or with r.", isError: false), .disconnect("clock")])
    }

    /// A value too long for one line wraps under itself, in its column, not back at the left edge.
    @Test func aWrappedDetailStaysInItsColumn() {
        let info = ConnectorInfo(name: "apps", transport: "stdio", address: "/work/main/.venv/bin/python /work/main/Tests/ViewEngineTests/Peers/live_apps_server.py",
                                 health: .failed, logPath: "/home/someone/.local/state/chattui/logs/apps-connector.log",
                                 server: "Live apps reference server 1.0.0 (a long version string)")
        for width in [50, 100] {
            let lines = ConnectorsFeature.details(info, use: .on, width: width, cycleKey: nil).map(\.plainText)
            #expect(lines.allSatisfy { $0.first != " " || $0.hasPrefix(String(repeating: " ", count: 14)) }, "\(lines)")
            #expect(lines.count(where: { $0.hasPrefix(String(repeating: " ", count: 14)) }) >= (width == 50 ? 3 : 1), "\(lines)")
        }
    }

    @Test func theListFollowsTheRosterAndGoesBackToItWhenOneIsRemoved() {
        var state = ConnectorsFeature.State(list: .init(count: 3, selected: 2), mode: .details("web"))
        let roster = Self.roster([Self.connector("git", .ready)])
        _ = ConnectorsFeature.reduce(&state, .showList, roster: roster, keymap: keymap)
        #expect(state.mode == .list && state.list.count == 1 && state.list.selected == 0)
    }
}

@Suite struct CustomConnectorTests {
    @Test func theFormChecksNameAddressAndHeaders() {
        func make(_ values: [String: String]) -> Result<CustomConnector, CustomConnector.Problem> {
            CustomConnector.make(values, existing: ["git"])
        }
        #expect(make(["1 name": "my server", "2 url or command": "x"]) == .failure(.init(field: 0, message: "name: letters, digits, - and _ only")))
        #expect(make(["1 name": "git", "2 url or command": "x"]) == .failure(.init(field: 0, message: "name: git exists already")))
        #expect(make(["1 name": "a", "2 url or command": "http://example.com/mcp"]) == .failure(.init(field: 1, message: "url: use https (plain http only for a server on this machine)")))
        #expect(make(["1 name": "a", "2 url or command": "https://x.example/mcp", "3 headers": "nocolon"]) == .failure(.init(field: 2, message: "headers: “Name: value”, separated by ;")))
        let remote = make(["1 name": "corp", "2 url or command": "https://mcp.corp.example/mcp", "3 headers": "X-Team: a; X-Env: prod", "4 oauth client id": "id1"])
        #expect(remote == .success(CustomConnector(name: "corp", target: .remote(url: "https://mcp.corp.example/mcp", headers: ["X-Team": "a", "X-Env": "prod"]), clientID: "id1", clientSecret: nil)))
        #expect(make(["1 name": "local", "2 url or command": "http://127.0.0.1:8080/mcp"]).map(\.name) == .success("local"))
        #expect(make(["1 name": "cli", "2 url or command": "uvx mcp-server-time --local-timezone UTC"])
                == .success(CustomConnector(name: "cli", target: .local(command: "uvx", arguments: ["mcp-server-time", "--local-timezone", "UTC"]), clientID: nil, clientSecret: nil)))
    }
}
