import Foundation

/// Safe pieces of Athena (Trino) SQL: string literals, LIKE patterns and
/// identifiers. Observables are attacker-controlled, so every value goes
/// through ``literal(_:)``; nothing is ever pasted into SQL raw.
public enum AthenaSQL {
    /// A string literal: single quotes doubled, the whole value quoted
    /// (Trino has no backslash escapes in string literals, so this is complete).
    /// NUL and other control characters are written as `U&'\XXXX'` escapes so
    /// the query text stays printable.
    public static func literal(_ value: String) -> String {
        let needsUnicode = value.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
        if !needsUnicode { return "'" + value.replacingOccurrences(of: "'", with: "''") + "'" }
        var body = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "'": body += "''"
            case "\\": body += "\\\\"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    body += "\\" + String(format: "%04X", scalar.value)
                } else {
                    body.unicodeScalars.append(scalar)
                }
            }
        }
        return "U&'" + body + "'"
    }

    /// A LIKE pattern matching values that start with `prefix` (`%`, `_` and
    /// the escape character in `prefix` match only themselves); use with
    /// `ESCAPE '\'`.
    public static func prefixPattern(_ prefix: String) -> String {
        var escaped = ""
        for character in prefix {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return literal(escaped + "%")
    }

    /// A table reference `"db"."table"` (or `"table"`), from `name` or
    /// `database.name`. Only letters, digits, `_` and `-` are accepted in each part.
    /// - Throws: ``AWSError/configuration(_:)`` for anything else.
    public static func tableReference(_ name: String, database: String? = nil) throws(AWSError) -> String {
        var parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if let database, parts.count == 1 { parts.insert(database, at: 0) }
        guard (1...2).contains(parts.count) else {
            throw .configuration("Athena table '\(name)' must be TABLE or DATABASE.TABLE")
        }
        for part in parts where !isPlainIdentifier(part) {
            throw .configuration("Athena table or database name '\(part)' may hold only letters, digits, '_' and '-'")
        }
        return parts.map { "\"\($0)\"" }.joined(separator: ".")
    }

    /// Whether `text` is a non-empty identifier of letters, digits, `_` and `-`.
    public static func isPlainIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 255
            && text.unicodeScalars.allSatisfy { ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || $0 == "_" || $0 == "-" }
    }
}
