/// Writes ``JSONValue`` trees as JSON text, deterministically.
///
/// Members keep their order. Control characters, C1 controls, bidirectional
/// overrides and invisible format characters are written as `\uXXXX` escapes,
/// so JSON output never carries raw terminal-affecting characters.
public struct JSONWriter: Sendable {
    /// Whether to indent with two spaces and break lines.
    public var pretty: Bool

    /// Makes a writer; `pretty` indents.
    public init(pretty: Bool = true) {
        self.pretty = pretty
    }

    /// The JSON text of `value`.
    public func string(_ value: JSONValue) -> String {
        var out = ""
        write(value, indent: 0, into: &out)
        return out
    }

    private func write(_ value: JSONValue, indent: Int, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let text): out += text
        case .string(let s): JSONWriter.appendQuoted(s, to: &out)
        case .array(let elements):
            if elements.isEmpty {
                out += "[]"
                return
            }
            out += "["
            for (i, element) in elements.enumerated() {
                if i > 0 { out += "," }
                newline(indent + 1, &out)
                write(element, indent: indent + 1, into: &out)
            }
            newline(indent, &out)
            out += "]"
        case .object(let members):
            if members.isEmpty {
                out += "{}"
                return
            }
            out += "{"
            for (i, member) in members.enumerated() {
                if i > 0 { out += "," }
                newline(indent + 1, &out)
                JSONWriter.appendQuoted(member.key, to: &out)
                out += pretty ? ": " : ":"
                write(member.value, indent: indent + 1, into: &out)
            }
            newline(indent, &out)
            out += "}"
        }
    }

    private func newline(_ indent: Int, _ out: inout String) {
        guard pretty else { return }
        out += "\n"
        out += String(repeating: "  ", count: indent)
    }

    /// Appends `text` as a quoted, escaped JSON string.
    public static func appendQuoted(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if TerminalText.isUnsafe(scalar) {
                    if scalar.value > 0xFFFF {
                        // Beyond the BMP a JSON escape is a UTF-16 surrogate pair.
                        let value = scalar.value - 0x10000
                        out += "\\u" + hex4(0xD800 + (value >> 10)) + "\\u" + hex4(0xDC00 + (value & 0x3FF))
                    } else {
                        out += "\\u" + hex4(scalar.value)
                    }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
