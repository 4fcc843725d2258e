import ConnectorMenu
import TerminalText
import TerminalUI

/// A short list docked above the composer like the slash menu, so the transcript above stays in
/// view: the models, the themes, and a card's actions or links.
enum DockedPicker {
    /// The list in a box above the composer's border, the current entry marked.
    static func draw(title: String, note: String, names: [String], current: String?, list: SelectionList, width: Int,
                     screenWidth: Int, composerBorder: Int, theme: Theme, into buffer: inout CellBuffer) {
        let height = min(composerBorder - 1, max(names.count, 1) + 3)
        let box = Rect(x: 1, y: composerBorder - height, width: min(screenWidth - 2, width), height: height)
        theme.drawBox(box, title: title, into: &buffer)
        let inner = box.inner
        buffer.put(note, row: inner.y, column: inner.x, style: theme.style("ui.menu.detail"), limit: inner.x + inner.width)
        let listRect = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
        var list = list
        for (offset, index) in list.visibleRange(height: listRect.height).enumerated() where names.indices.contains(index) {
            let name = Sanitizer.clean(names[index], keepNewlines: false)
            theme.drawRow([Span.marker(names[index] == current), Span(name, scope: "ui.menu")],
                    selected: index == list.selected, row: listRect.y + offset, in: listRect, into: &buffer)
        }
    }
}
