import ConnectorMenu
import Foundation
import ConversationModel
import TerminalText
import TerminalUI

extension Screen {
    /// The area panels take: most of the screen, centred, at most 96 wide.
    static func panelRect(_ state: AppState) -> Rect {
        let width = min(state.width - 2, 96)
        return Rect(x: (state.width - width) / 2, y: 1, width: width, height: max(4, ScreenGeometry(state: state).status - 1))
    }

    func drawOverlay(_ overlay: Overlay, state: AppState, geometry: ScreenGeometry, into buffer: inout CellBuffer) {
        let rect = Self.panelRect(state)
        if case .conversations = overlay { clearPanelArea(geometry: geometry, width: state.width, into: &buffer) }
        if case .help = overlay { clearPanelArea(geometry: geometry, width: state.width, into: &buffer) }
        if case .connectors = overlay { clearPanelArea(geometry: geometry, width: state.width, into: &buffer) }
        if case .directory = overlay { clearPanelArea(geometry: geometry, width: state.width, into: &buffer) }
        switch overlay {
        case .conversations(let panel): ConversationsFeature.draw(panel, open: state.conversation.id, rect: rect, theme: theme, time: time, into: &buffer)
        case .themes(let picker):
            ThemesFeature.draw(picker, themes: state.themeNames, screenWidth: state.width, composerBorder: geometry.composerBorder, theme: theme, keymap: keymap, into: &buffer)
        case .help(let panel): HelpFeature.draw(panel, statusLog: state.statusLog, rect: rect, theme: theme, keymap: keymap, into: &buffer)
        case .rename(let field, let error): RenameFeature.draw(RenameFeature.State(field: field, error: error), screenWidth: state.width, screenHeight: state.height, theme: theme, into: &buffer)
        case .form(let form): FormFeature.draw(form, width: state.width, height: state.height, theme: theme, keymap: keymap, into: &buffer)
        case .connectors(let panel): ConnectorsFeature.draw(panel, roster: state.connectorRoster, rect: rect, theme: theme, keymap: keymap, into: &buffer)
        case .directory(let panel): DirectoryFeature.draw(panel, installed: Set(state.connectors.keys), rect: rect, theme: theme, keymap: keymap, into: &buffer)
        case .signIn(let card): SignInFeature.draw(card, width: state.width, height: state.height, theme: theme, keymap: keymap, into: &buffer)
        case .confirm(let confirmation):
            let width = min(state.width - 4, 72)
            var lines = WordWrap.wrap([Span(Sanitizer.clean(confirmation.question), scope: "ui.confirm")], width: width - 4)
            // A long question keeps its end (what y does) in view: the middle gives way.
            let room = max(3, state.height - 4)
            if lines.count > room { lines = Array(lines.prefix(room - 3)) + [StyledLine([Span("…", scope: "ui.confirm")])] + Array(lines.suffix(2)) }
            let box = Rect(x: (state.width - width) / 2, y: max(1, min(state.height / 2 - 2, state.height - lines.count - 3)), width: width, height: lines.count + 2)
            theme.drawBox(box, title: confirmation.title, scopes: .question, into: &buffer)
            for (offset, line) in lines.enumerated() { buffer.put(line, row: box.y + 1 + offset, column: box.inner.x, resolve: style) }
        case .choose(let panel):
            DockedPicker.draw(title: panel.title, note: panel.note, names: panel.items, current: nil, list: panel.list, width: 76,
                              screenWidth: state.width, composerBorder: geometry.composerBorder, theme: theme, into: &buffer)
        case .resources(let picker): drawResourcePicker(picker, state: state, geometry: geometry, into: &buffer)
        case .find, .selectMessage: break  // The find bar is the status line; the highlight is in the transcript.
        case .models(let picker):
            ModelsFeature.draw(picker, current: state.modelName, screenWidth: state.width, screenHeight: state.height, composerBorder: geometry.composerBorder,
                               theme: theme, keymap: keymap, into: &buffer)
        }
    }

    /// Large panels are modal: what is behind them is blanked so their edges read cleanly.
    private func clearPanelArea(geometry: ScreenGeometry, width: Int, into buffer: inout CellBuffer) {
        buffer.fill(rows: 1..<geometry.status, columns: 0..<width, style: theme.style("text"))
        buffer.cursor = nil
    }
}
