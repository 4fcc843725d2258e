import ConnectorMenu
import Foundation
import TerminalText
import TerminalUI

/// The `@` resource picker.
extension Screen {
    func drawResourcePicker(_ picker: ResourcePicker, state: AppState, geometry: ScreenGeometry, into buffer: inout CellBuffer) {
        let height = min(geometry.composerBorder - 1, max(picker.matches.count, 1) + 4)
        let box = Rect(x: 1, y: geometry.composerBorder - height, width: min(state.width - 2, 80), height: height)
        theme.drawBox(box, title: "Attach a resource", into: &buffer)
        let inner = box.inner
        let listRect = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
        if picker.matches.isEmpty {
            buffer.put("Nothing matches.", row: listRect.y, column: listRect.x, style: theme.style("ui.menu.detail"))
        }
        var list = picker.list
        for (offset, index) in list.visibleRange(height: listRect.height).enumerated() {
            let entry = picker.matches[index]
            let detail = " \(entry.connector) · \(entry.uri)"
            let name = DisplayWidth.truncate(Sanitizer.line(entry.name), to: max(8, listRect.width / 2))
            theme.drawRow([Span(name, scope: "ui.menu"), Span(DisplayWidth.truncate(Sanitizer.line(detail), to: max(1, listRect.width - DisplayWidth.of(name))), scope: "ui.menu.detail")],
                    selected: index == list.selected, row: listRect.y + offset, in: listRect, into: &buffer)
        }
        theme.drawField("@", picker.search, row: inner.y, in: inner, into: &buffer)
    }
}

extension String {
    /// Nil for the empty string.
    var nonEmpty: String? { isEmpty ? nil : self }
}
