import LanternCore

/// A frame of terminal cells that views draw into; the terminal backend
/// copies it to the real screen.
///
/// Every string drawn passes through ``TerminalText/sanitize(_:)`` first,
/// so attacker-controlled text (user agents, names, titles) is shown with
/// its control characters escaped, never executed. Widths come from the
/// injected ``DisplayWidth/Measure``, so wide characters take two cells.
public struct Screen: Sendable {
    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// Cells row by row.
    public private(set) var cells: [Cell]
    /// How wide each scalar is.
    public let measure: DisplayWidth.Measure

    /// A blank screen of `width` × `height` cells.
    public init(width: Int, height: Int, measure: @escaping DisplayWidth.Measure = DisplayWidth.standard) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.measure = measure
        cells = Array(repeating: .blank(), count: self.width * self.height)
    }

    /// The whole screen as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at column `x`, row `y` (a blank cell outside the screen).
    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < width, y < height else { return .blank() }
        return cells[y * width + x]
    }

    // MARK: - Measuring

    /// The text split into drawable units: one spacing scalar plus the
    /// zero-width scalars after it, each with its width in columns.
    func units(of text: String) -> [(text: String, width: Int)] {
        var units: [(text: String, width: Int)] = []
        for scalar in TerminalText.sanitize(text).unicodeScalars {
            let columns = measure(scalar)
            if columns == 0 {
                if !units.isEmpty { units[units.count - 1].text.unicodeScalars.append(scalar) }
            } else if columns < 0 {
                units.append(("\u{FFFD}", 1))
            } else {
                units.append((String(scalar), min(columns, 2)))
            }
        }
        return units
    }

    /// The width in columns `text` takes once sanitised.
    public func displayWidth(of text: String) -> Int {
        units(of: text).reduce(0) { $0 + $1.width }
    }

    // MARK: - Drawing

    /// Sets the cell at (`x`, `y`), blanking halves of wide characters it overwrites.
    mutating func set(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let index = y * width + x
        if cells[index].isContinuation, x > 0 {
            cells[index - 1] = .blank(cells[index - 1].role)
        }
        if cells[index].width == 2, x + 1 < width {
            cells[index + 1] = .blank(cells[index + 1].role)
        }
        cells[index] = cell
    }

    /// Draws `text` at (`x`, `y`) in at most `maxWidth` columns (to the
    /// screen's edge when nil), ending with `…` when it does not fit.
    ///
    /// - Returns: the number of columns drawn.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, maxWidth: Int? = nil, role: StyleRole = .text) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let available = min(maxWidth ?? (width - x), width - x)
        guard available > 0 else { return 0 }
        let units = units(of: text)
        let total = units.reduce(0) { $0 + $1.width }
        let limit = total <= available ? available : available - 1
        var column = x
        for unit in units {
            if column + unit.width > x + limit { break }
            if column >= 0 {
                set(Cell(text: unit.text, width: UInt8(unit.width), role: role), x: column, y: y)
                if unit.width == 2 { set(Cell(text: "", width: 0, role: role), x: column + 1, y: y) }
            }
            column += unit.width
        }
        if total > available {
            set(Cell(text: "…", width: 1, role: role), x: column, y: y)
            column += 1
        }
        return column - x
    }

    /// Fills `rect` with blanks in `role`.
    public mutating func fill(_ rect: Rect, role: StyleRole = .text) {
        for row in max(0, rect.y)..<min(height, rect.maxY) {
            for column in max(0, rect.x)..<min(width, rect.maxX) {
                cells[row * width + column] = .blank(role)
            }
        }
    }

    /// Changes the role of every cell in `rect`, keeping the text.
    public mutating func restyle(_ rect: Rect, role: StyleRole) {
        for row in max(0, rect.y)..<min(height, rect.maxY) {
            for column in max(0, rect.x)..<min(width, rect.maxX) {
                cells[row * width + column].role = role
            }
        }
    }

    /// Draws a horizontal line of `─` across `width` columns.
    public mutating func horizontalLine(x: Int, y: Int, width count: Int, role: StyleRole = .border) {
        guard count > 0 else { return }
        for column in x..<(x + count) { set(Cell(text: "─", role: role), x: column, y: y) }
    }

    /// Draws a vertical line of `│` down `height` rows.
    public mutating func verticalLine(x: Int, y: Int, height count: Int, role: StyleRole = .border) {
        guard count > 0 else { return }
        for row in y..<(y + count) { set(Cell(text: "│", role: role), x: x, y: row) }
    }

    // MARK: - Snapshots

    /// The text of each row, continuation cells left out and trailing blanks trimmed.
    public var lines: [String] {
        (0..<height).map { row in
            var line = ""
            for column in 0..<width {
                let cell = cells[row * width + column]
                if !cell.isContinuation { line += cell.text }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }

    /// The style layer: one code letter per column (see ``StyleRole/code``).
    /// The rows whose cells differ from `previous` (every row when there is
    /// none or its size differs): what a terminal backend has to redraw.
    public func changedRows(since previous: Screen?) -> [Int] {
        guard let previous, previous.width == width, previous.height == height else { return Array(0..<height) }
        return (0..<height).filter { row in
            (0..<width).contains { cells[row * width + $0] != previous.cells[row * width + $0] }
        }
    }

    public var roleLines: [String] {
        (0..<height).map { row in
            String((0..<width).map { cells[row * width + $0].role.code })
        }
    }
}
