import ConversationModel
import TerminalText
import TerminalUI

/// `/connectors`: the list of connectors with their state here, and one's details.
extension ConnectorsFeature {
    public static func draw(_ panel: State, roster: Roster, rect: Rect, theme: Theme, keymap: Keymap, into buffer: inout CellBuffer) {
        switch panel.mode {
        case .list:
            drawList(panel, roster: roster, rect: rect, theme: theme, keymap: keymap, into: &buffer)
        case .details(let name):
            guard let info = roster.connectors[name] else { return drawList(panel, roster: roster, rect: rect, theme: theme, keymap: keymap, into: &buffer) }
            theme.drawBox(rect, title: "Connectors › \(Sanitizer.clean(name, keepNewlines: false))", into: &buffer)
            let inner = rect.inner
            let lines = details(info, use: roster.use(of: name), width: inner.width,
                                cycleKey: keymap.key(for: .cycleUse, in: .connectorDetails))
            theme.drawLines(lines, from: panel.detailsTop, in: inner, into: &buffer)
        }
    }

    private static func drawList(_ panel: State, roster: Roster, rect: Rect, theme: Theme, keymap: Keymap, into buffer: inout CellBuffer) {
        let names = roster.names
        let on = roster.uses.values.filter { $0 == .on }.count
        let demand = roster.uses.values.filter { $0 == .onDemand }.count
        theme.drawBox(rect, title: "Connectors · \(on) on" + (demand > 0 ? ", \(demand) on demand" : ""), into: &buffer)
        let inner = rect.inner
        guard inner.height >= 3 else { return }
        if names.isEmpty {
            let text = "No connectors yet. Add one with `chattui mcp add NAME -- COMMAND` or in connectors.json."
            for (offset, line) in WordWrap.wrap([Span(text, scope: "ui.menu.detail")], width: inner.width).enumerated() {
                buffer.put(line, row: inner.y + offset, column: inner.x, resolve: theme.style)
            }
            return
        }
        let note = "Changes apply from the next message." + (keymap.key(for: .cycleUse, in: .connectors).map { " \($0) cycles on → on demand → off." } ?? "")
        buffer.put(DisplayWidth.truncate(note, to: inner.width), row: inner.y, column: inner.x, style: theme.style("ui.menu.detail"))
        let listRect = Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 2)
        var list = panel.synced(to: names).list
        let nameWidth = min(18, names.map { DisplayWidth.of(Sanitizer.clean($0, keepNewlines: false)) }.max() ?? 0)
        for (offset, index) in list.visibleRange(height: listRect.height).enumerated() {
            guard let info = roster.connectors[names[index]] else { continue }
            theme.drawRow(row(info, use: roster.use(of: info.name), nameWidth: nameWidth, width: listRect.width),
                    selected: index == list.selected, row: listRect.y + offset, in: listRect, into: &buffer)
        }
    }

    /// `[on]  name   what it is   state`. The use column fits "[on demand]" (it stays put as Space cycles)
    /// and the name column the longest name (at most 18); the state says what is wrong, so it has the rest
    /// of the row first, and what it is takes what the state leaves, when that is enough to read.
    private static func row(_ info: ConnectorInfo, use: ConnectorUse, nameWidth: Int, width: Int) -> [Span] {
        let useLabel = "[\(use.label)]".padding(toLength: 12, withPad: " ", startingAt: 0)
        let (stateText, stateScope) = healthLabel(info)
        let name = DisplayWidth.truncate(Sanitizer.clean(info.name, keepNewlines: false), to: nameWidth)
        let namePadded = name + String(repeating: " ", count: max(2, nameWidth + 2 - DisplayWidth.of(name)))
        let room = max(0, width - DisplayWidth.of(useLabel) - DisplayWidth.of(namePadded))
        let stateShown = DisplayWidth.truncate(stateText, to: room)
        let detailRoom = room - DisplayWidth.of(stateShown) - 2
        let detail = detailRoom < 12 ? "" : DisplayWidth.truncate(Sanitizer.clean(info.description ?? info.server ?? info.address, keepNewlines: false), to: detailRoom)
        let gap = String(repeating: " ", count: max(0, room - DisplayWidth.of(detail) - DisplayWidth.of(stateShown)))
        return [Span(useLabel, scope: use == .off ? "ui.menu.detail" : "ui.menu.match"), Span(namePadded, scope: "ui.menu"),
                Span(detail + gap, scope: "ui.menu.detail"), Span(stateShown, scope: stateScope)]
    }

    public static func healthLabel(_ info: ConnectorInfo) -> (String, String) {
        switch info.health {
        case .ready: return ("ready · \(counted(info.tools.count, "tool"))", "tool.result")
        case .starting: return (info.reason.map { Sanitizer.clean($0, keepNewlines: false) } ?? "connecting…", "ui.menu.detail")
        case .needsSignIn: return ("needs sign-in", "ui.status.flash")
        case .failed: return ("failed: " + Sanitizer.clean(info.reason ?? "", keepNewlines: false), "ui.error")
        case .blocked: return (Sanitizer.clean(info.reason ?? "blocked by policy", keepNewlines: false), "ui.error")
        case .notApproved: return ("from this folder, not trusted: t approves", "ui.status.flash")
        case .idle: return (Sanitizer.clean(info.reason ?? "idle", keepNewlines: false), "ui.menu.detail")
        case .notStarted: return (Sanitizer.clean(info.reason ?? "not started", keepNewlines: false), "ui.menu.detail")
        }
    }

    /// Who vouches for it, and what that means for its calls.
    private static func trustText(_ info: ConnectorInfo) -> String {
        switch (info.source, info.health, info.isTrusted) {
        case (.builtin, _, _): return "built into chattui: read-only tools run without asking"
        case (.thisFolder, .notApproved, _): return "from this folder's .mcp.json, not approved: nothing runs (t approves the file)"
        case (_, _, true): return "trusted by you: read-only tools run without asking (t stops trusting)"
        case (.thisFolder, _, false): return "from this folder, not verified: every call asks (t trusts it)"
        case (.yours, _, false): return "not verified: every call asks (t trusts it)"
        }
    }

    /// The details view's lines: what it is, how it is reached, what it can read and write, its tools, resources, prompts, and its log when it failed.
    public static func details(_ info: ConnectorInfo, use: ConnectorUse, width: Int, cycleKey: String?) -> [StyledLine] {
        var lines: [StyledLine] = []
        func text(_ value: String, _ scope: String = "ui.menu") {
            lines += WordWrap.wrap([Span(Sanitizer.clean(value, keepNewlines: false), scope: scope)], width: width)
        }
        // A value wraps under itself, in its column (a hanging indent); on a very narrow panel it takes the whole width.
        let valueColumn = 14
        func field(_ label: String, _ value: String, _ scope: String = "ui.menu") {
            let labelSpan = Span(label.padding(toLength: valueColumn, withPad: " ", startingAt: 0), scope: "ui.menu.title")
            let valueSpan = Span(Sanitizer.clean(value, keepNewlines: false), scope: scope)
            guard width - valueColumn >= 10 else { lines += WordWrap.wrap([labelSpan, valueSpan], width: width); return }
            let wrapped = WordWrap.wrap([valueSpan], width: width - valueColumn)
            guard !wrapped.isEmpty else { lines.append(StyledLine([labelSpan])); return }
            let indent = Span(String(repeating: " ", count: valueColumn), scope: "ui.menu")
            lines += wrapped.enumerated().map { index, line in line.prefixed(with: [index == 0 ? labelSpan : indent]) }
        }
        if let description = info.description { text(description) }
        field("Here", use.label + (cycleKey.map { "  (\($0) changes it)" } ?? ""), "ui.menu.match")
        let (stateText, stateScope) = healthLabel(info)
        field("State", stateText, stateScope)
        if let server = info.server { field("Server", server) }
        field("Transport", "\(info.transport) · \(info.address)")
        field("Trust", trustText(info), info.isTrusted ? "ui.menu" : "ui.status.flash")
        if !info.variablesRead.isEmpty {
            field("Passes on", "your " + info.variablesRead.joined(separator: ", ") + (info.variablesRead.count == 1 ? " (its configuration reads it)" : " (its configuration reads them)"), "ui.status.flash")
        }
        if info.inheritsEnvironment { field("Environment", "all of yours, keys included (inheritEnv)", "ui.status.flash") }
        if info.transport == "http" || info.transport == "sse" {
            field("Sign-in", info.health == .needsSignIn ? "needed: s signs in"
                  : info.isSignedIn ? "signed in (s signs in again, d disconnects and forgets it)" : "none so far (s signs in if the server offers it)")
        } else if !info.transport.isEmpty {
            field("Sign-in", "none (a local connector)")
        }
        if let log = info.logPath { field("Log", log, "ui.menu.detail") }
        if info.health == .ready {
            let visible = info.tools.filter { !$0.hiddenFromModel }
            let reads = visible.filter { $0.effect == .reads }
            let writes = visible.filter { $0.effect != .reads }
            lines.append(StyledLine())
            field("Can read", reads.isEmpty ? "—" : counted(reads.count, "tool"))
            field("Can write", writes.isEmpty ? "—" : "\(counted(writes.count, "tool")), \(writes.filter { $0.effect == .destroys }.count) destructive")
            field("Token cost", "about \(counted(info.tokenCost, "token")) when sent up front")
            lines.append(StyledLine())
            text("Tools", "ui.menu.title")
            let nameWidth = min(max(8, width / 2), (info.tools.map { DisplayWidth.of(Sanitizer.clean($0.title, keepNewlines: false)) }.max() ?? 8) + 2)
            for tool in info.tools {
                let tag = tool.hiddenFromModel ? "app only" : tool.effect == .reads && !info.isTrusted ? "asks: not verified" : tool.effect.rawValue
                let scope = tool.effect == .destroys ? "ui.error" : tool.effect == .writes ? "ui.status.flash" : "tool.result"
                let title = DisplayWidth.truncate(Sanitizer.clean(tool.title, keepNewlines: false), to: nameWidth - 1)
                let padded = title + String(repeating: " ", count: max(1, nameWidth - DisplayWidth.of(title)))
                lines.append(StyledLine([Span("  " + padded, scope: "ui.menu"), Span(tag.padding(toLength: 19, withPad: " ", startingAt: 0), scope: scope),
                                         Span("~\(tool.tokens) tok", scope: "ui.menu.detail")]))
            }
            if !info.resources.isEmpty { lines.append(StyledLine()); field("Resources", info.resources.map(\.name).joined(separator: ", ")) }
            if !info.prompts.isEmpty { field("Prompts", info.prompts.map { "/\($0.command)" }.joined(separator: ", ")) }
        }
        if !info.logTail.isEmpty {
            lines.append(StyledLine())
            text("Last lines of its log", "ui.menu.title")
            for line in info.logTail { text("  " + line, "ui.menu.detail") }
        }
        return lines
    }
}
