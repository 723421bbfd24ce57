/// Parses the subset of TOML 1.0 that Lantern's configuration uses.
///
/// Supported: comments, `[table]` headers, bare, quoted and dotted keys,
/// basic strings with escapes (`\b \t \n \f \r \" \\ \uXXXX \UXXXXXXXX`),
/// literal strings, integers (decimal with `_`, `0x`, `0o`, `0b`),
/// booleans, and arrays of strings (over several lines, trailing comma).
/// Everything else — floats, dates and times, multi-line strings, inline
/// tables, arrays of tables, arrays of other types — is an error naming the
/// line, as are duplicate keys and tables defined twice.
public struct TOMLParser {
    private let source: String
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var current: [String] = []
    private var document = TOMLDocument()
    /// Tables declared with a header, and tables made by dotted keys.
    private var headerTables: Set<[String]> = []
    private var dottedTables: Set<[String]> = []
    private var values: Set<[String]> = []
    /// The key being defined, for error messages.
    private var definingKey: String?

    /// Parses `text`; `source` (usually the file's path) names it in errors.
    public static func parse(_ text: String, source: String) throws(ConfigError) -> TOMLDocument {
        var parser = TOMLParser(source: source, text: text)
        try parser.parseDocument()
        return parser.document
    }

    private init(source: String, text: String) {
        self.source = source
        self.scalars = Array(text.unicodeScalars)
    }

    /// Whether `scalar` may appear in a bare key (`A-Za-z0-9_-`).
    static func isBareKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "-": return true
        default: return false
        }
    }

    // MARK: - Document and lines

    private mutating func parseDocument() throws(ConfigError) {
        if peek == "\u{FEFF}" { index += 1 }
        while !atEnd {
            skipSpaces()
            guard let scalar = peek else { break }
            definingKey = nil
            switch scalar {
            case "\n", "\r", "#":
                break
            case "[":
                try parseHeader()
            default:
                try parseKeyValue()
            }
            try expectLineEnd()
        }
    }

    /// Spaces, an optional comment, then a newline or the end.
    private mutating func expectLineEnd() throws(ConfigError) {
        skipSpaces()
        if peek == "#" { try skipComment() }
        guard let scalar = peek else { return }
        if scalar == "\n" {
            index += 1
            line += 1
        } else if scalar == "\r", peek(1) == "\n" {
            index += 2
            line += 1
        } else {
            throw error("unexpected '\(Character(scalar))' after the value; one key = value a line")
        }
    }

    private mutating func skipComment() throws(ConfigError) {
        while let scalar = peek, scalar != "\n" {
            if scalar == "\r", peek(1) == "\n" { return }
            if isControl(scalar) { throw error("control character U+\(hex(scalar)) in a comment") }
            index += 1
        }
    }

    private mutating func parseHeader() throws(ConfigError) {
        index += 1
        if peek == "[" { throw error("arrays of tables ([[…]]) are not supported in Lantern's configuration") }
        skipSpaces()
        let path = try parseKey()
        skipSpaces()
        guard peek == "]" else { throw error("expected ']' to close the table header") }
        index += 1
        let name = TOMLEntry.dotted(path)
        definingKey = name
        if headerTables.contains(path) { throw error("table [\(name)] is defined twice") }
        if values.contains(path) { throw error("[\(name)] is already a value, not a table") }
        if dottedTables.contains(path) { throw error("table [\(name)] was already defined by dotted keys") }
        for length in 1..<max(1, path.count) where values.contains(Array(path.prefix(length))) {
            throw error("'\(TOMLEntry.dotted(Array(path.prefix(length))))' is a value, not a table")
        }
        headerTables.insert(path)
        current = path
        document.tables.append((path, line))
    }

    private mutating func parseKeyValue() throws(ConfigError) {
        let keyLine = line
        let key = try parseKey()
        let path = current + key
        definingKey = TOMLEntry.dotted(path)
        skipSpaces()
        guard peek == "=" else { throw error("expected '=' after the key") }
        index += 1
        skipSpaces()
        let value = try parseValue()
        if values.contains(path) { throw error("key defined twice") }
        if headerTables.contains(path) || dottedTables.contains(path) || values.contains(where: { $0.starts(with: path) }) {
            throw error("key is already a table")
        }
        for length in (current.count + 1)..<path.count {
            let prefix = Array(path.prefix(length))
            if values.contains(prefix) { throw error("'\(TOMLEntry.dotted(prefix))' is a value, not a table") }
            if headerTables.contains(prefix) { throw error("dotted key adds to table [\(TOMLEntry.dotted(prefix))] defined elsewhere") }
            dottedTables.insert(prefix)
        }
        values.insert(path)
        document.entries.append(TOMLEntry(path: path, value: value, line: keyLine))
    }

    // MARK: - Keys

    private mutating func parseKey() throws(ConfigError) -> [String] {
        var parts = [try parseSimpleKey()]
        while true {
            let save = index
            skipSpaces()
            guard peek == "." else {
                index = save
                return parts
            }
            index += 1
            skipSpaces()
            parts.append(try parseSimpleKey())
        }
    }

    private mutating func parseSimpleKey() throws(ConfigError) -> String {
        switch peek {
        case "\"":
            if peek(1) == "\"", peek(2) == "\"" { throw error("a key cannot be a multi-line string") }
            return try parseBasicString()
        case "'":
            if peek(1) == "'", peek(2) == "'" { throw error("a key cannot be a multi-line string") }
            return try parseLiteralString()
        default:
            var key = String.UnicodeScalarView()
            while let scalar = peek, TOMLParser.isBareKeyScalar(scalar) {
                key.append(scalar)
                index += 1
            }
            guard !key.isEmpty else {
                if let scalar = peek, scalar != "\n", scalar != "\r" {
                    throw error("expected a key, found '\(Character(scalar))'")
                }
                throw error("expected a key")
            }
            return String(key)
        }
    }

    // MARK: - Values

    private mutating func parseValue() throws(ConfigError) -> TOMLValue {
        guard let scalar = peek, scalar != "\n", scalar != "\r", scalar != "#" else { throw error("missing value after '='") }
        switch scalar {
        case "\"":
            if peek(1) == "\"", peek(2) == "\"" { throw error("multi-line strings (\"\"\") are not supported in Lantern's configuration") }
            return .string(try parseBasicString())
        case "'":
            if peek(1) == "'", peek(2) == "'" { throw error("multi-line strings (''') are not supported in Lantern's configuration") }
            return .string(try parseLiteralString())
        case "[":
            return .strings(try parseArray())
        case "{":
            throw error("inline tables ({…}) are not supported in Lantern's configuration; use a [table]")
        default:
            return try parseBareValue()
        }
    }

    /// `true`, `false` or an integer; floats and dates are named as unsupported.
    private mutating func parseBareValue() throws(ConfigError) -> TOMLValue {
        var token = String.UnicodeScalarView()
        while let scalar = peek {
            switch scalar {
            case "A"..."Z", "a"..."z", "0"..."9", "_", "-", "+", ".", ":": token.append(scalar)
            default:
                // A space may sit inside a date-time ("1979-05-27 07:32:00"): take the time part too.
                if scalar == " ", token.count == 10, token.filter({ $0 == "-" }).count == 2,
                   let next = peek(1), ("0"..."9").contains(next) {
                    token.append(scalar)
                } else {
                    return try value(of: String(token))
                }
            }
            index += 1
        }
        return try value(of: String(token))
    }

    private func value(of token: String) throws(ConfigError) -> TOMLValue {
        if token == "true" { return .boolean(true) }
        if token == "false" { return .boolean(false) }
        if token.isEmpty { throw error("expected a value") }
        let lower = token.lowercased()
        let numeric = token.first.map { $0.isASCII && ($0.isNumber || $0 == "+" || $0 == "-") } ?? false
        guard numeric || ["inf", "nan"].contains(lower) else {
            throw error("not a value: '\(token)' (strings need quotes)")
        }
        if lower.contains(":") || (token.first?.isNumber == true && token.dropFirst().contains("-")) {
            throw error("dates and times are not supported in Lantern's configuration; write them as strings")
        }
        if ["inf", "nan"].contains(String(lower.drop(while: { $0 == "+" || $0 == "-" })))
            || (!lower.hasPrefix("0x") && (lower.contains(".") || lower.contains("e")))
        {
            throw error("floating-point numbers are not supported in Lantern's configuration")
        }
        if let integer = TOMLParser.integer(token) { return .integer(integer) }
        throw error("not a value: '\(token)' (strings need quotes)")
    }

    /// A TOML integer: optional sign, no leading zeros, `_` only between digits; or 0x/0o/0b.
    static func integer(_ token: String) -> Int64? {
        var body = Substring(token)
        var negative = false
        var radix = 10
        for (prefix, base) in [("0x", 16), ("0o", 8), ("0b", 2)] where body.hasPrefix(prefix) {
            radix = base
            body = body.dropFirst(2)
        }
        if radix == 10, let sign = body.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        guard let first = body.first, let last = body.last, first != "_", last != "_", !body.contains("__") else { return nil }
        if radix == 10, first == "0", body.count > 1 { return nil }
        let digits = body.filter { $0 != "_" }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isHexDigit }),
              let magnitude = UInt64(digits, radix: radix) else { return nil }
        if negative {
            if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
            guard magnitude <= UInt64(Int64.max) else { return nil }
            return -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    private mutating func parseArray() throws(ConfigError) -> [String] {
        index += 1
        var items: [String] = []
        while true {
            try skipArraySpace()
            guard let scalar = peek else { throw error("unterminated array: expected ']'") }
            if scalar == "]" {
                index += 1
                return items
            }
            guard case .string(let item) = try parseValue() else {
                throw error("arrays may only hold strings in Lantern's configuration")
            }
            items.append(item)
            try skipArraySpace()
            switch peek {
            case ","?: index += 1
            case "]"?:
                index += 1
                return items
            case nil: throw error("unterminated array: expected ']'")
            default: throw error("expected ',' or ']' in the array")
            }
        }
    }

    /// Spaces, newlines and comments between array items.
    private mutating func skipArraySpace() throws(ConfigError) {
        while let scalar = peek {
            switch scalar {
            case " ", "\t": index += 1
            case "\n":
                index += 1
                line += 1
            case "\r" where peek(1) == "\n":
                index += 2
                line += 1
            case "#": try skipComment()
            default: return
            }
        }
    }

    private mutating func parseBasicString() throws(ConfigError) -> String {
        index += 1
        var text = String.UnicodeScalarView()
        while true {
            guard let scalar = peek, scalar != "\n", scalar != "\r" else { throw error("unterminated string: expected '\"' on the same line") }
            index += 1
            switch scalar {
            case "\"":
                return String(text)
            case "\\":
                text.append(try parseEscape())
            default:
                if isControl(scalar) { throw error("control character U+\(hex(scalar)) in a string; escape it") }
                text.append(scalar)
            }
        }
    }

    private mutating func parseEscape() throws(ConfigError) -> Unicode.Scalar {
        guard let scalar = peek else { throw error("unterminated string") }
        index += 1
        switch scalar {
        case "b": return "\u{08}"
        case "t": return "\t"
        case "n": return "\n"
        case "f": return "\u{0C}"
        case "r": return "\r"
        case "\"": return "\""
        case "\\": return "\\"
        case "u", "U":
            let count = scalar == "u" ? 4 : 8
            var digits = ""
            for _ in 0..<count {
                guard let digit = peek, digit.properties.isASCIIHexDigit else {
                    throw error("\\\(scalar) needs \(count) hexadecimal digits")
                }
                digits.unicodeScalars.append(digit)
                index += 1
            }
            guard let value = UInt32(digits, radix: 16), let result = Unicode.Scalar(value) else {
                throw error("\\\(scalar)\(digits) is not a Unicode scalar value")
            }
            return result
        default:
            throw error("unknown escape '\\\(Character(scalar))' (use \\\\ for a backslash, or a 'literal string')")
        }
    }

    private mutating func parseLiteralString() throws(ConfigError) -> String {
        index += 1
        var text = String.UnicodeScalarView()
        while true {
            guard let scalar = peek, scalar != "\n", scalar != "\r" else { throw error("unterminated string: expected \"'\" on the same line") }
            index += 1
            if scalar == "'" { return String(text) }
            if isControl(scalar) { throw error("control character U+\(hex(scalar)) in a string") }
            text.append(scalar)
        }
    }

    // MARK: - Scanning

    private var atEnd: Bool { index >= scalars.count }
    private var peek: Unicode.Scalar? { peek(0) }

    private func peek(_ offset: Int) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func skipSpaces() {
        while let scalar = peek, scalar == " " || scalar == "\t" { index += 1 }
    }

    private func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar != "\t" && (scalar.value < 0x20 || scalar.value == 0x7F)
    }

    private func hex(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private func error(_ reason: String) -> ConfigError {
        ConfigError(source: source, line: line, key: definingKey, reason: reason)
    }
}
