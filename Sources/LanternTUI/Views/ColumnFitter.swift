/// Fits table columns into a width: drops the least important columns
/// until the rest fit, then gives the flexible column what is left.
public struct ColumnSpec<ID: Equatable & Sendable>: Sendable {
    public var id: ID
    public var title: String
    public var width: Int
    /// Lower is more important.
    public var priority: Int
    /// Whether the column takes the remaining width (at least `width`).
    public var flexible: Bool

    /// Makes a column.
    public init(_ id: ID, _ title: String, width: Int, priority: Int, flexible: Bool = false) {
        self.id = id
        self.title = title
        self.width = width
        self.priority = priority
        self.flexible = flexible
    }
}

/// A column placed at `x` with `width`.
public struct PlacedColumn<ID: Equatable & Sendable>: Sendable {
    public var id: ID
    public var title: String
    public var x: Int
    public var width: Int
}

/// Column fitting.
public enum ColumnFitter {
    /// Places `specs` (in display order) into `width` columns starting at `x`, one blank between columns.
    public static func fit<ID>(_ specs: [ColumnSpec<ID>], x: Int, width: Int) -> [PlacedColumn<ID>] {
        var kept = specs
        func needed(_ columns: [ColumnSpec<ID>]) -> Int {
            columns.reduce(0) { $0 + $1.width } + max(0, columns.count - 1)
        }
        while needed(kept) > width, kept.count > 1,
              let drop = kept.indices.max(by: { kept[$0].priority < kept[$1].priority }) {
            kept.remove(at: drop)
        }
        let spare = max(0, width - needed(kept))
        let flexIndex = kept.firstIndex(where: \.flexible) ?? (kept.isEmpty ? nil : kept.count - 1)
        var placed: [PlacedColumn<ID>] = []
        var column = x
        for (index, spec) in kept.enumerated() {
            var columnWidth = spec.width + (index == flexIndex ? spare : 0)
            columnWidth = min(columnWidth, x + width - column)
            placed.append(PlacedColumn(id: spec.id, title: spec.title, x: column, width: max(0, columnWidth)))
            column += columnWidth + 1
        }
        return placed
    }
}
