import CNcurses
import LanternTUI

/// Turns what `wget_wch` returns into a ``Key``.
enum CursesKeyDecoder {
    /// The key for a `wget_wch` result: `isKeyCode` when it returned KEY_CODE_YES.
    static func key(isKeyCode: Bool, value: UInt32) -> Key? {
        if isKeyCode { return keyCode(Int32(bitPattern: value)) }
        switch value {
        case 3: return .ctrlC
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 0: return nil
        case 1..<32:
            // Other control keys (C-n, C-p, C-v…) reach the key tables as their
            // control characters: the emacs preset binds them.
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }

    static func keyCode(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize
        case (KEY_F0 + 1)...(KEY_F0 + 12): return .function(Int(code - KEY_F0))
        default: return nil
        }
    }
}
