/// A value of the TOML subset Lantern's configuration uses.
public enum TOMLValue: Equatable, Sendable {
    case string(String)
    case integer(Int64)
    case boolean(Bool)
    /// An array; only arrays of strings are part of the subset.
    case strings([String])

    /// The value's type as named in error messages.
    public var typeName: String {
        switch self {
        case .string: return "a string"
        case .integer: return "an integer"
        case .boolean: return "a boolean"
        case .strings: return "an array of strings"
        }
    }
}

/// One `key = value` of a TOML document, with its full key path and line.
public struct TOMLEntry: Equatable, Sendable {
    /// The key path from the root: `[tui] mouse = true` is `["tui", "mouse"]`.
    public var path: [String]
    /// The value.
    public var value: TOMLValue
    /// The 1-based line the key is on.
    public var line: Int

    /// Makes an entry.
    public init(path: [String], value: TOMLValue, line: Int) {
        self.path = path
        self.value = value
        self.line = line
    }

    /// The key path written the way a user would: `tui.mouse`, quoting parts that need it.
    public var dottedKey: String { TOMLEntry.dotted(path) }

    /// `path` joined with dots, parts that are not bare keys quoted.
    public static func dotted(_ path: [String]) -> String {
        path.map { part in
            let bare = !part.isEmpty && part.unicodeScalars.allSatisfy(TOMLParser.isBareKeyScalar)
            return bare ? part : "\"" + part.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }.joined(separator: ".")
    }
}

/// A parsed TOML document: its key/value entries in file order, and the
/// tables declared with `[header]` lines.
public struct TOMLDocument: Equatable, Sendable {
    /// Every `key = value`, in the order written.
    public var entries: [TOMLEntry]
    /// Every `[table]` header: its path and line.
    public var tables: [(path: [String], line: Int)]

    /// Makes a document.
    public init(entries: [TOMLEntry] = [], tables: [(path: [String], line: Int)] = []) {
        self.entries = entries
        self.tables = tables
    }

    /// The entry at `path`, if any.
    public func entry(_ path: [String]) -> TOMLEntry? {
        entries.first(where: { $0.path == path })
    }

    public static func == (lhs: TOMLDocument, rhs: TOMLDocument) -> Bool {
        lhs.entries == rhs.entries && lhs.tables.map(\.path) == rhs.tables.map(\.path)
            && lhs.tables.map(\.line) == rhs.tables.map(\.line)
    }
}
