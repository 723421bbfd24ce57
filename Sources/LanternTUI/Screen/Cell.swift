/// One terminal cell: what is drawn in it and with which style role.
///
/// A wide character occupies two cells: the first holds the text and has
/// `width` 2, the second is a continuation with `width` 0 and empty text.
public struct Cell: Equatable, Sendable {
    /// A spacing character plus any zero-width characters that combine with it.
    public var text: String
    /// Columns the text takes: 1, 2, or 0 for the continuation of a wide character.
    public var width: UInt8
    /// The semantic style of the cell.
    public var role: StyleRole

    /// Makes a cell.
    public init(text: String, width: UInt8 = 1, role: StyleRole = .text) {
        self.text = text
        self.width = width
        self.role = role
    }

    /// A blank cell with `role`.
    public static func blank(_ role: StyleRole = .text) -> Cell { Cell(text: " ", width: 1, role: role) }

    /// Whether this cell continues the wide character to its left.
    public var isContinuation: Bool { width == 0 }
}
