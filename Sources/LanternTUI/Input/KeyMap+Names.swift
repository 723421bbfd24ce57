extension KeyMap {
    /// Why a key name is not accepted, or nil when `name` names a key.
    /// The names: a single character (`j`, `G`, `/`), `Space`, `Enter`, `Esc`,
    /// `Backspace`, `Tab`, `S-Tab`, `Del`, `Up`, `Down`, `Left`, `Right`, `PgUp`,
    /// `PgDn`, `Home`, `End`, `F1`–`F12`, and `C-a`…`C-z` (control keys).
    public static func parseKey(_ name: String) -> Result<Key, KeyNameError> {
        if name.count == 1, let character = name.first {
            if character.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) { return .success(.character(character)) }
            return .failure(KeyNameError("'\(name.unicodeScalars.map { "U+" + String($0.value, radix: 16) }.joined())' is a control character; write C-x"))
        }
        let lower = name.lowercased()
        if let key = named[lower] { return .success(key) }
        if lower.hasPrefix("f"), let number = Int(lower.dropFirst()), (1...12).contains(number) { return .success(.function(number)) }
        for prefix in ["c-", "ctrl-", "ctrl+", "^"] where lower.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            guard rest.count == 1, let letter = rest.lowercased().first, let scalar = letter.unicodeScalars.first,
                  ("a"..."z").contains(scalar) else {
                return .failure(KeyNameError("control keys are C-a … C-z"))
            }
            switch letter {
            case "c": return .success(.ctrlC)
            case "h": return .failure(KeyNameError("C-h is Backspace in a terminal; write Backspace"))
            case "i": return .failure(KeyNameError("C-i is Tab in a terminal; write Tab"))
            case "j", "m": return .failure(KeyNameError("C-\(letter) is Enter in a terminal; write Enter"))
            default: return .success(controlKey(scalar))
            }
        }
        for prefix in ["m-", "alt-", "meta-", "a-"] where lower.hasPrefix(prefix) {
            return .failure(KeyNameError("Meta/Alt keys are not supported yet (the terminal sends them as Esc + key)"))
        }
        return .failure(KeyNameError("unknown key name (examples: j, G, C-n, Enter, Esc, Space, PgDn, Home, F5)"))
    }

    /// The key a terminal sends for Ctrl + `letter` (a–z): the control character.
    static func controlKey(_ letter: Unicode.Scalar) -> Key {
        let value = letter.value - Unicode.Scalar("a").value + 1
        return .character(Character(Unicode.Scalar(UInt8(value))))
    }

    /// How a key is written in the configuration and in `docs/keybindings.md`: `j`, `C-n`, `PgDn`.
    public static func name(of key: Key) -> String {
        switch key {
        case .character(let character):
            if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1, (1...26).contains(scalar.value) {
                return "C-" + String(Character(Unicode.Scalar(UInt8(scalar.value) + 0x60)))
            }
            return character == " " ? "Space" : String(character)
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .ctrlC: return "C-c"
        case .function(let number): return "F\(number)"
        case .resize: return "resize"
        case .mouse(let event): return event.kind.rawValue
        }
    }

    private static let named: [String: Key] = [
        "space": .character(" "), "spc": .character(" "),
        "enter": .enter, "return": .enter, "ret": .enter,
        "esc": .escape, "escape": .escape,
        "backspace": .backspace, "bs": .backspace, "bspace": .backspace,
        "tab": .tab, "s-tab": .backTab, "shift-tab": .backTab, "backtab": .backTab, "btab": .backTab,
        "del": .delete, "delete": .delete,
        "up": .up, "down": .down, "left": .left, "right": .right,
        "↑": .up, "↓": .down, "←": .left, "→": .right,
        "pgup": .pageUp, "pageup": .pageUp, "ppage": .pageUp,
        "pgdn": .pageDown, "pagedown": .pageDown, "npage": .pageDown,
        "home": .home, "end": .end,
    ]
}

/// Why a key name was not understood.
public struct KeyNameError: Error, Equatable, Sendable {
    /// What is wrong with the name.
    public var reason: String
    init(_ reason: String) { self.reason = reason }
}
