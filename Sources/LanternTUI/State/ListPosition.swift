/// A cursor and scroll offset over a list shown in a viewport of some height.
public struct ListPosition: Equatable, Sendable {
    /// The selected index.
    public var cursor = 0
    /// The index shown on the viewport's first row.
    public var scroll = 0

    /// Makes a position.
    public init(cursor: Int = 0, scroll: Int = 0) {
        self.cursor = cursor
        self.scroll = scroll
    }

    /// Moves the cursor by `delta` within `count` items and keeps it visible in `height` rows.
    public mutating func move(by delta: Int, count: Int, height: Int) {
        cursor = count == 0 ? 0 : min(max(0, cursor + delta), count - 1)
        reveal(count: count, height: height)
    }

    /// Puts the cursor at `index` (clamped) and keeps it visible.
    public mutating func set(_ index: Int, count: Int, height: Int) {
        cursor = count == 0 ? 0 : min(max(0, index), count - 1)
        reveal(count: count, height: height)
    }

    /// Adjusts the scroll so the cursor is inside the viewport and the viewport is not past the end.
    public mutating func reveal(count: Int, height: Int) {
        let rows = max(1, height)
        cursor = count == 0 ? 0 : min(max(0, cursor), count - 1)
        if cursor < scroll { scroll = cursor }
        if cursor >= scroll + rows { scroll = cursor - rows + 1 }
        scroll = max(0, min(scroll, max(0, count - rows)))
    }
}
