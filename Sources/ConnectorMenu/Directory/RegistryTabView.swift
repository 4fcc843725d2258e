import Foundation
import TerminalText
import TerminalUI

/// The directory's Registry tab: a status line (how many, from where, the copy's date when offline,
/// or what failed and what to try), the entries found, and one entry's details. Every string is the
/// registry's and is sanitised here.
extension DirectoryFeature {
    static func drawRegistryTab(_ panel: State, listRect: Rect, statusRow: Int, theme: Theme, into buffer: inout CellBuffer) {
        let tab = panel.registry
        let (status, scope) = registryStatusLines(tab)
        for (offset, line) in status.enumerated() {
            buffer.put(DisplayWidth.truncate(Sanitizer.clean(line, keepNewlines: false), to: listRect.width), row: statusRow + offset, column: listRect.x,
                       style: theme.style(scope))
        }
        let listRect = Rect(x: listRect.x, y: listRect.y + 1, width: listRect.width, height: max(0, listRect.height - 1))
        if case .failed(let message) = tab.status {
            for (offset, line) in WordWrap.wrap([Span(Sanitizer.clean(message, keepNewlines: false), scope: "ui.error")], width: listRect.width)
                .prefix(listRect.height).enumerated() {
                buffer.put(line, row: listRect.y + offset, column: listRect.x, resolve: theme.style)
            }
            return
        }
        if tab.listings.isEmpty, !tab.isSearching, tab.isOpen {
            buffer.put("No registry entry matches.", row: listRect.y, column: listRect.x, style: theme.style("ui.menu.detail"))
        }
        var list = panel.list
        for (offset, index) in list.visibleRange(height: listRect.height).enumerated() where tab.listings.indices.contains(index) {
            let listing = tab.listings[index]
            let title = DisplayWidth.truncate(Sanitizer.clean(listing.title, keepNewlines: false), to: 30)
            let padded = title + String(repeating: " ", count: max(1, 31 - DisplayWidth.of(title)))
            let mark = listing.blocked == nil ? Span("  ", scope: "ui.menu") : Span("⊘ ", scope: "ui.error")
            let about = Sanitizer.clean(listing.blocked ?? listing.summary, keepNewlines: false)
            theme.drawRow([mark, Span(padded, scope: "ui.menu"), Span(about, scope: listing.blocked == nil ? "ui.menu.detail" : "ui.error")],
                    selected: index == list.selected, row: listRect.y + offset, in: listRect, into: &buffer)
        }
    }

    /// The tab's two status lines (where from, then what is shown), and their scope.
    static func registryStatusLines(_ tab: RegistryTab) -> ([String], String) {
        switch tab.status {
        case .closed, .opening:
            return (["Opening the registry…", ""], "ui.menu.detail")
        case .failed:
            return (["The registry cannot be loaded:", ""], "ui.error")
        case .open(let status):
            let shown: String
            if tab.isSearching { shown = "searching…" } else if let problem = tab.problem { shown = problem } else {
                let total = tab.total.map { "\($0) match" } ?? "\(tab.listings.count) shown"
                shown = tab.hasMore || tab.isLoadingMore ? "\(total), more as you scroll" : total
            }
            if let offline = status.offline {
                return (["Offline: the copy saved \(status.copyDate) · \(counted(status.count, "connector")) \(status.credit)", "\(shown) · \(offline)"],
                        "ui.status.flash")
            }
            return (["\(counted(status.count, "connector")) \(status.credit) (copy of \(status.copyDate))", shown], "ui.menu.detail")
        }
    }

    static func registryDetailsLines(_ details: RegistryEntryDetails, width: Int) -> [StyledLine] {
        var lines: [StyledLine] = []
        func wrap(_ text: String, _ scope: String, _ attributes: TextAttributes = []) {
            lines += WordWrap.wrap([Span(Sanitizer.clean(text, keepNewlines: false), scope: scope, attributes: attributes)], width: width)
        }
        wrap(details.title, "ui.menu.title", .bold)
        wrap(details.credit + "; not verified", "ui.menu.detail")
        // The warnings and what `i` does come first, so a long entry cannot push them out of view.
        if let blocked = details.blocked {
            wrap("⊘ \(blocked).", "ui.error")
        } else if case .failure(let refusal) = details.form {
            wrap(refusal.reason, "ui.error")
        } else {
            for warning in details.warnings { wrap("! " + warning, "ui.status.flash") }
            wrap("i installs it as a custom connector (asks for what it needs); Esc goes back.", "ui.menu.match")
        }
        lines.append(StyledLine())
        for line in details.lines {
            lines += WordWrap.wrap([Span(Sanitizer.clean(line.label, keepNewlines: false).padding(toLength: 14, withPad: " ", startingAt: 0), scope: "ui.menu.title"),
                                    Span(Sanitizer.clean(line.text, keepNewlines: false), scope: "ui.menu")], width: width)
        }
        return lines
    }
}
