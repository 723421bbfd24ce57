/// A key press (or terminal event) as the app sees it, whatever the backend.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    /// A printable character, including wide ones.
    case character(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, backspace, delete, tab, backTab
    case ctrlC
    /// A function key F1–F12.
    case function(Int)
    /// The terminal changed size.
    case resize
    /// A mouse click or wheel turn (only with `tui.mouse` on).
    case mouse(MouseEvent)

    /// How the key is written in help and footers: `j`, `↓`, `PgDn`, `Enter`.
    public var description: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c):
            // Control keys read as C-n, C-p…
            if c.unicodeScalars.count == 1, let scalar = c.unicodeScalars.first, (1...26).contains(scalar.value),
               let letter = Unicode.Scalar(scalar.value + 0x60) {
                return "C-" + String(Character(letter))
            }
            return String(c)
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .ctrlC: return "Ctrl-C"
        case .function(let n): return "F\(n)"
        case .resize: return "resize"
        case .mouse(let event): return event.kind.rawValue
        }
    }
}

/// A mouse event at a cell of the screen.
public struct MouseEvent: Hashable, Sendable {
    /// What the mouse did.
    public enum Kind: String, Sendable {
        case click, wheelUp = "wheel up", wheelDown = "wheel down"
    }

    public var kind: Kind
    /// The column, from 0.
    public var x: Int
    /// The row, from 0.
    public var y: Int

    /// Makes an event.
    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}
