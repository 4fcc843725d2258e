import ConnectorMenu
import ConversationModel
import Foundation
import TerminalText
import TerminalUI

extension ConversationsFeature {
    /// The search field, the matching conversations (the open one marked), and the new title while renaming.
    static func draw(_ panel: State, open: ConversationID, rect: Rect, theme: Theme, time: TimeFormatting, into buffer: inout CellBuffer) {
        theme.drawBox(rect, title: "Conversations", into: &buffer)
        let inner = rect.inner
        guard inner.height >= 3 else { return }
        theme.drawField("Search: ", panel.search, row: inner.y, in: inner, into: &buffer)
        buffer.put(String(repeating: "─", count: inner.width), row: inner.y + 1, column: inner.x, style: theme.style("ui.border").layered(with: Style(background: theme.style("ui.menu").background)))
        let footerRows = panel.mode == .browsing ? 0 : 2
        let listRect = Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 2 - footerRows)
        if panel.results.isEmpty {
            let message = panel.search.isEmpty ? "No conversations yet." : "Nothing matches “\(panel.search.text)”."
            buffer.put(message, row: listRect.y, column: listRect.x, style: theme.style("ui.menu.detail"))
        }
        var list = panel.list
        for (offset, index) in list.visibleRange(height: listRect.height).enumerated() {
            let summary = panel.results[index]
            theme.drawRow(conversationRow(summary, query: panel.search.text, isOpen: summary.id == open, width: listRect.width, time: time),
                    selected: index == list.selected, row: listRect.y + offset, in: listRect, into: &buffer)
        }
        let footerRow = inner.y + inner.height - 1
        switch panel.mode {
        case .browsing: break
        case .renaming(let field):
            theme.drawField("New title: ", field, row: footerRow, in: inner, into: &buffer)
        }
    }

    private static func conversationRow(_ summary: ConversationSummary, query: String, isOpen: Bool, width: Int, time: TimeFormatting) -> [Span] {
        let detail = "\(summary.messageCount) msg · \(time.dateAndClock(summary.updatedAt))"
        let titleRoom = max(4, width - DisplayWidth.of(detail) - 4)
        var title = Sanitizer.clean(summary.title, keepNewlines: false)
        if let snippet = summary.matchSnippet, title.range(of: query, options: .caseInsensitive) == nil {
            title += " — " + Sanitizer.clean(snippet, keepNewlines: false)
        }
        title = DisplayWidth.truncate(title, to: titleRoom)
        let gap = String(repeating: " ", count: max(1, width - 2 - DisplayWidth.of(title) - DisplayWidth.of(detail)))
        return [Span.marker(isOpen), Span(title, scope: "ui.menu"), Span(gap + detail, scope: "ui.menu.detail")]
    }
}
