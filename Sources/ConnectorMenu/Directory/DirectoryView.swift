import Foundation
import TerminalText
import TerminalUI

/// The directory panel: categories across the top, search, the list, or one entry's details.
extension DirectoryFeature {
    /// `installed`: the names of the connectors configured now.
    public static func draw(_ panel: State, installed: Set<String>, rect: Rect, theme: Theme, keymap: Keymap, into buffer: inout CellBuffer) {
        theme.drawBox(rect, title: "Connectors directory", into: &buffer)
        let inner = rect.inner
        guard inner.height >= 4 else { return }
        func paragraph(_ text: String, _ scope: String, from row: Int) {
            for (offset, line) in WordWrap.wrap([Span(text, scope: scope)], width: inner.width).enumerated() where row + offset < inner.y + inner.height {
                buffer.put(line, row: row + offset, column: inner.x, resolve: theme.style)
            }
        }
        switch panel.load {
        case .loading:
            paragraph("Loading the directory…", "ui.menu.detail", from: inner.y)
            return
        case .failed(let message):
            paragraph(Sanitizer.clean(message, keepNewlines: false), "ui.error", from: inner.y)
            return
        case .loaded:
            break
        }
        if let details = panel.registryDetails {
            theme.drawLines(registryDetailsLines(details, width: inner.width), from: 0, in: inner, into: &buffer)
            return
        }
        if let entry = panel.details {
            var lines = details(entry, installed: installed.contains(entry.name), width: inner.width,
                                              keys: keymap.phrase([(.install, "installs it and turns it on here"), (.close, "goes back")], in: .directoryDetails, separator: "; "))
            if let blocked = panel.blocked[entry.name] {
                lines.insert(contentsOf: WordWrap.wrap([Span("⊘ \(Sanitizer.clean(blocked, keepNewlines: false)).", scope: "ui.error")], width: inner.width), at: 0)
            }
            theme.drawLines(lines, from: 0, in: inner, into: &buffer)
            return
        }
        // Categories wrap onto as many rows as they need, so every one is seen (Tab reaches each).
        let barRows = drawCategoryBar(panel, in: inner, theme: theme, into: &buffer)
        let matches = panel.matches
        let listRect = Rect(x: inner.x, y: inner.y + barRows + 2, width: inner.width, height: max(1, inner.height - barRows - 2))
        theme.drawField("Search: ", panel.search, row: inner.y + barRows, in: inner, into: &buffer)
        if panel.isOnRegistry {
            drawRegistryTab(panel, listRect: listRect, statusRow: inner.y + barRows + 1, theme: theme, into: &buffer)
            return
        }
        if matches.isEmpty { buffer.put("Nothing matches here. Shift-Tab searches the Registry tab.", row: listRect.y, column: listRect.x, style: theme.style("ui.menu.detail")) }
        var list = panel.list
        for (offset, index) in list.visibleRange(height: listRect.height).enumerated() {
            let entry = matches[index]
            let title = DisplayWidth.truncate(Sanitizer.clean(entry.title, keepNewlines: false), to: 22)
            let padded = title + String(repeating: " ", count: max(1, 23 - DisplayWidth.of(title)))
            let about = panel.blocked[entry.name].map { Span("⊘ " + Sanitizer.clean($0, keepNewlines: false), scope: "ui.error") }
                ?? Span(Sanitizer.clean(entry.description, keepNewlines: false), scope: "ui.menu.detail")
            theme.drawRow([Span.marker(installed.contains(entry.name)), Span(padded, scope: "ui.menu"), about],
                    selected: index == list.selected, row: listRect.y + offset, in: listRect, into: &buffer)
        }
    }

    /// The category labels, wrapped at the panel's width (at most half its height); returns the rows used.
    private static func drawCategoryBar(_ panel: State, in inner: Rect, theme: Theme, into buffer: inout CellBuffer) -> Int {
        var row = inner.y
        var column = inner.x
        let lastRow = inner.y + max(0, inner.height / 2 - 1)
        for (index, category) in panel.categories.enumerated() {
            let label = " " + DisplayWidth.truncate(Sanitizer.clean(category, keepNewlines: false), to: max(1, inner.width - 2)) + " "
            if column > inner.x, column + DisplayWidth.of(label) > inner.x + inner.width, row < lastRow {
                row += 1
                column = inner.x
            }
            column = buffer.put(label, row: row, column: column, style: theme.style(index == panel.category ? "ui.menu.selected" : "ui.menu.detail"),
                                limit: inner.x + inner.width) + 1
        }
        return row - inner.y + 1
    }

    static func details(_ entry: DirectoryEntry, installed: Bool, width: Int, keys: String) -> [StyledLine] {
        var lines: [StyledLine] = []
        func field(_ label: String, _ value: String, _ scope: String = "ui.menu") {
            lines += WordWrap.wrap([Span(label.padding(toLength: 12, withPad: " ", startingAt: 0), scope: "ui.menu.title"),
                                    Span(Sanitizer.clean(value, keepNewlines: false), scope: scope)], width: width)
        }
        lines += WordWrap.wrap([Span(Sanitizer.clean(entry.title, keepNewlines: false), scope: "ui.menu.title", attributes: .bold)], width: width)
        lines += WordWrap.wrap([Span(Sanitizer.clean(entry.description, keepNewlines: false), scope: "ui.menu")], width: width)
        lines.append(StyledLine())
        field("Category", entry.category)
        field("Transport", "\(entry.transport) · \(entry.address)")
        field("Sign-in", entry.authLabel)
        field("Reads", entry.reads.isEmpty ? "—" : entry.reads.joined(separator: ", "))
        field("Writes", entry.writes.isEmpty ? "— (read-only)" : entry.writes.joined(separator: ", "), entry.writes.isEmpty ? "tool.result" : "ui.status.flash")
        lines.append(StyledLine())
        field("", installed ? "Installed. /connectors \(entry.name) shows it." : keys + ".", "ui.menu.match")
        return lines
    }
}
