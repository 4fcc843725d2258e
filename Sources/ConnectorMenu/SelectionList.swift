/// The selection and scroll position of a list shown in a fixed number of rows.
/// Pure state: callers tell it the row count when they move or draw.
public struct SelectionList: Equatable, Sendable {
    public private(set) var count: Int
    public private(set) var selected: Int
    /// The first row shown; kept so the selection stays visible.
    public private(set) var top: Int

    public init(count: Int, selected: Int = 0) {
        self.count = max(0, count)
        self.selected = count == 0 ? 0 : min(max(0, selected), count - 1)
        top = 0
    }

    /// Changes the number of items, keeping the selection in range.
    public mutating func reset(count: Int, selected: Int = 0) {
        self = SelectionList(count: count, selected: selected)
    }

    /// Moves by `delta`, wrapping around at either end when `wraps`.
    public mutating func move(by delta: Int, wraps: Bool = true) {
        guard count > 0 else { return }
        let target = selected + delta
        if wraps && abs(delta) == 1 {
            selected = (target % count + count) % count
        } else {
            selected = min(max(0, target), count - 1)
        }
    }

    public mutating func select(_ index: Int) {
        guard count > 0 else { return }
        selected = min(max(0, index), count - 1)
    }

    /// The rows to draw in a window of `height`, scrolled so the selection shows.
    public mutating func visibleRange(height: Int) -> Range<Int> {
        guard height > 0, count > 0 else { return 0..<0 }
        if selected < top { top = selected }
        if selected >= top + height { top = selected - height + 1 }
        top = max(0, min(top, max(0, count - height)))
        return top..<min(count, top + height)
    }
}
