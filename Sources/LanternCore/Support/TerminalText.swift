/// Neutralises characters that could act on a terminal or hide text.
///
/// Log fields are attacker-controlled: a user agent can carry ESC sequences
/// that clear the screen, set the clipboard (OSC 52) or retitle the window.
/// ``sanitize(_:)`` turns every such character into a visible escape
/// (`\x1b`, `\u202e`), so it is shown, never executed.
public enum TerminalText {
    /// Whether `scalar` must not reach a terminal raw: C0 and C1 controls,
    /// DEL, bidirectional overrides and isolates, zero-width and other
    /// invisible format characters, line and paragraph separators, the
    /// blank Hangul fillers and the invisible tag characters (U+E0000–U+E007F,
    /// which can smuggle whole hidden ASCII strings).
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x206F: return true
        case 0xFEFF, 0xFFF9...0xFFFB: return true
        case 0x061C, 0x180E: return true
        case 0x115F, 0x1160, 0x3164, 0xFFA0: return true
        case 0xE0000...0xE007F: return true
        default: return false
        }
    }

    /// `text` with every unsafe character replaced by a visible escape:
    /// `\xHH` below U+0100, `\uHHHH` above, `\u{HHHHH}` beyond U+FFFF.
    public static func sanitize(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) {
                let hex = String(scalar.value, radix: 16)
                let escape = scalar.value < 0x100
                    ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                    : scalar.value > 0xFFFF
                    ? "\\u{" + hex + "}"
                    : "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                out.append(contentsOf: escape.unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
