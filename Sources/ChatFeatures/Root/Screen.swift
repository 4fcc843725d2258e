import ConnectorMenu
import Foundation
import TerminalText
import TerminalUI

/// Draws the whole screen from the state into a cell buffer: header,
/// transcript, composer and status line, then the slash menu or a panel on
/// top. Pure apart from the layout memo; it never touches the terminal.
public struct Screen {
    public let theme: Theme
    let layout: TranscriptLayout
    public let keymap: Keymap
    let time: TimeFormatting

    public init(theme: Theme, layout: TranscriptLayout, keymap: Keymap = .standard, time: TimeFormatting = .local) {
        self.theme = theme
        self.layout = layout
        self.keymap = keymap
        self.time = time
    }

    public func render(_ state: AppState) -> CellBuffer {
        var buffer = CellBuffer(width: state.width, height: state.height, style: theme.style("text"))
        if state.isTooSmall {
            drawTooSmall(state, into: &buffer)
            return buffer
        }
        let geometry = ScreenGeometry(state: state)
        drawHeader(state, row: geometry.header, into: &buffer)
        drawTranscript(state, rows: geometry.transcript, into: &buffer)
        ComposerFeature.draw(state.composer, geometry: geometry, width: state.width, hasCursor: state.overlay == nil,
                             theme: theme, keymap: keymap, into: &buffer)
        drawStatus(state, row: geometry.status, into: &buffer)
        if let menu = state.composer.slashMenu, state.overlay == nil {
            ComposerFeature.drawMenu(menu, above: geometry.composerBorder, theme: theme, into: &buffer)
        }
        for layer in state.layers { drawOverlay(layer, state: state, geometry: geometry, into: &buffer) }
        // A connector's question is the top layer, with how many wait behind it.
        if case .elicitation(var form, _)? = state.visibleQuestion {
            if state.questions.waitingBehind > 0 { form.title += " · \(state.questions.waitingBehind) more waiting" }
            FormFeature.draw(form, width: state.width, height: state.height, theme: theme, keymap: keymap, takesKeys: state.questions.isReady, into: &buffer)
        }
        return buffer
    }

    /// Resolves a span's scope and attributes to a style.
    func style(_ scope: String, _ attributes: TextAttributes) -> Style {
        theme.style(scope, attributes)
    }

    private func drawTooSmall(_ state: AppState, into buffer: inout CellBuffer) {
        let message = "Terminal too small. chattui needs \(AppState.minimumWidth)×\(AppState.minimumHeight); this is \(state.width)×\(state.height)."
        let lines = WordWrap.wrap([Span(message, scope: "ui.error")], width: max(1, state.width - 2))
        let top = max(0, (state.height - lines.count) / 2)
        for (index, line) in lines.enumerated() {
            buffer.put(line, row: top + index, column: max(0, (state.width - line.width) / 2), resolve: style)
        }
    }

    private func drawHeader(_ state: AppState, row: Int, into buffer: inout CellBuffer) {
        buffer.fill(row: row, from: 0, to: state.width, style: theme.style("ui.header"))
        var connectors = state.width < 64 ? "\(state.connectorsOn) on" : counted(state.connectorsOn, "connector") + " on"
        let states = state.connectors.values.map(\.health)
        for (health, word) in [(ConnectorHealth.starting, "starting"), (.needsSignIn, "sign-in needed"), (.failed, "failed"), (.blocked, "blocked")] {
            let count = states.filter { $0 == health }.count
            if count > 0 { connectors += " · \(count) \(word)" }
        }
        // One idle connector says why in brief (its full reason is in /connectors); more are counted.
        let idle = state.connectors.values.filter { $0.health == .idle }
        if idle.count == 1, let only = idle.first, state.width >= 80 {
            let brief = (only.reason ?? "idle").components(separatedBy: " — ")[0]
            connectors += " · \(only.name): " + Sanitizer.clean(brief, keepNewlines: false)
        } else if !idle.isEmpty {
            connectors += " · \(idle.count) idle"
        }
        if let tokens = state.toolTokens, tokens > 0, state.width >= 80 {
            connectors += " · tools " + (tokens >= 1000 ? String(format: "%.1fk", Double(tokens) / 1000) : "\(tokens)") + " tok"
        }
        let right = (state.readOnlyReason == nil ? "" : "read-only · ") + "\(state.modelName ?? "no model") · \(connectors) "
        let rightWidth = DisplayWidth.of(right)
        let titleRoom = state.width - rightWidth - 3
        let title = DisplayWidth.truncate(Sanitizer.clean(state.conversation.title, keepNewlines: false), to: max(0, titleRoom))
        buffer.put(" " + title, row: row, column: 0, style: theme.style("ui.header.title"), limit: max(0, state.width - rightWidth - 1))
        buffer.put(right, row: row, column: max(0, state.width - rightWidth), style: theme.style("ui.header.meta"))
    }

    private func drawTranscript(_ state: AppState, rows: Range<Int>, into buffer: inout CellBuffer) {
        let document = TranscriptDocument(state: state, layout: layout)
        var selected: Int?
        if case .selectMessage(let selection) = state.overlay { selected = state.transcript.messages.firstIndex { $0.id == selection.id } }
        for (offset, row) in document.visibleRows(height: rows.count).enumerated() {
            buffer.put(row.line, row: rows.lowerBound + offset, column: 0, resolve: style)
            // The message chosen for copying: a bar in the margin beside each of its lines but the blank one after it.
            if row.item == selected, !row.line.spans.isEmpty {
                buffer.put("▌", row: rows.lowerBound + offset, column: 0, style: theme.style("ui.menu.selected"))
            }
        }
        if case .find(let bar) = state.overlay { FindHighlight.mark(bar.query.text, rows: rows, in: &buffer, style: theme.style("ui.find.match", .reverse)) }
        if case .anchored = state.transcript.scroll, let last = rows.last {
            let bottom = keymap.key(for: .scrollBottom, in: .composer).map { " · \($0)" } ?? ""
            let note = state.transcript.isLoadingEarlier ? " loading earlier messages… " : " ↓ more below\(bottom) "
            buffer.put(note, row: last, column: max(0, state.width - DisplayWidth.of(note) - 1), style: theme.style("ui.scroll", .reverse))
        }
    }

    private func drawStatus(_ state: AppState, row: Int, into buffer: inout CellBuffer) {
        buffer.fill(row: row, from: 0, to: state.width, style: theme.style("ui.status"))
        if let flash = state.flash {
            // A message longer than the line is cut where `/status` says it can be read whole.
            let more = "  /status shows all"
            let room = state.width - 1
            let text = DisplayWidth.of(flash.text) <= room ? flash.text : DisplayWidth.truncate(flash.text, to: max(1, room - DisplayWidth.of(more))) + more
            buffer.put(" " + text, row: row, column: 0, style: theme.style(flash.isError ? "ui.error" : "ui.status.flash").layered(with: Style(background: theme.style("ui.status").background)))
            return
        }
        var column = 1
        if case .find(let bar) = state.overlay { column = drawFindBar(bar, row: row, into: &buffer) }
        for (key, hint) in statusHints(state) {
            let width = DisplayWidth.of(key) + 1 + DisplayWidth.of(hint) + 3
            guard column + width <= state.width else { break }
            column = buffer.put(key, row: row, column: column, style: theme.style("ui.status.key"))
            column = buffer.put(" " + hint + "   ", row: row, column: column, style: theme.style("ui.status"))
        }
    }

    /// The keys bound in this mode; a mode that reads typed keys instead (a yes/no question) names those.
    private func statusHints(_ state: AppState) -> [(key: String, hint: String)] {
        // A view's question is allowed only by its own key, never a typed y.
        if state.overlay?.isViewQuestion == true, let allow = keymap.key(for: .allowViewRequest, in: .confirm) {
            return [(allow, "allows; any other key refuses")]
        }
        let bound = keymap.hints(for: state.inputMode).compactMap { hint in state.offered(hint.command, says: hint.hint).map { (hint.key, $0) } }
        return bound.isEmpty ? state.inputMode.extraHelpRows.map { ($0.keys.joined(separator: "/"), $0.text) } : bound
    }
}
