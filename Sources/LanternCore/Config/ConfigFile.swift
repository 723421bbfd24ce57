import Foundation

/// One line of the `[keys]` table: an action name and the keys bound to it.
/// Lantern's core does not know the actions; the TUI checks them.
public struct KeyBindingSetting: Equatable, Sendable {
    /// The action (a TUI command name such as `move-down`).
    public var action: String
    /// The key names as written (`j`, `C-n`, `PgDn`).
    public var keys: [String]
    /// The line in the file.
    public var line: Int

    /// Makes one.
    public init(action: String, keys: [String], line: Int) {
        self.action = action
        self.keys = keys
        self.line = line
    }
}

/// A checked configuration file: its settings with their lines, and its key bindings.
public struct ConfigFile: Equatable, Sendable {
    /// The tables the file may declare.
    public static let tables: Set<String> = Set(SettingKey.allCases.compactMap { $0.path.count > 1 ? $0.path[0] : nil })
        .union(["keys"])

    /// The file's path.
    public var path: String
    /// Each setting the file gives, with its line.
    public var values: [SettingKey: (value: SettingValue, line: Int)]
    /// The `[keys]` table, in file order.
    public var keyBindings: [KeyBindingSetting]

    /// Reads and checks the file at `path`.
    public static func load(path: String) throws(ConfigError) -> ConfigFile {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ConfigError(source: path, line: nil, key: nil, reason: "no such file")
        }
        // Read through a file handle so a character device such as /dev/null reads as empty.
        guard let handle = FileHandle(forReadingAtPath: path), let data = try? handle.readToEnd() ?? Data() else {
            throw ConfigError(source: path, line: nil, key: nil, reason: "cannot read the file")
        }
        try? handle.close()
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(source: path, line: nil, key: nil, reason: "cannot read the file (is it UTF-8?)")
        }
        return try parse(text, path: path)
    }

    /// Checks `text` as the contents of the file at `path`.
    public static func parse(_ text: String, path: String) throws(ConfigError) -> ConfigFile {
        let document = try TOMLParser.parse(text, source: path)
        let directory = (path as NSString).deletingLastPathComponent
        var file = ConfigFile(path: path, values: [:], keyBindings: [])
        for table in document.tables where !(table.path.count == 1 && tables.contains(table.path[0])) {
            throw ConfigError(source: path, line: table.line, key: TOMLEntry.dotted(table.path),
                              reason: "unknown table; tables are " + tables.sorted().map { "[\($0)]" }.joined(separator: ", "))
        }
        for entry in document.entries {
            let key = entry.dottedKey
            let fail = { (reason: String) in ConfigError(source: path, line: entry.line, key: key, reason: reason) }
            if entry.path.first == "keys" {
                guard entry.path.count == 2 else { throw fail("a key binding is `action = \"key\"` or `action = [\"key\", …]` in [keys]") }
                switch entry.value {
                case .string(let name): file.keyBindings.append(KeyBindingSetting(action: entry.path[1], keys: [name], line: entry.line))
                case .strings(let names): file.keyBindings.append(KeyBindingSetting(action: entry.path[1], keys: names, line: entry.line))
                case .integer, .boolean: throw fail("expected a key name or an array of key names, got \(entry.value.typeName)")
                }
                continue
            }
            guard let setting = SettingKey.allCases.first(where: { $0.path == entry.path }) else {
                throw fail("unknown key" + suggestion(for: entry.path))
            }
            file.values[setting] = (try setting.value(toml: entry.value, directory: directory, fail: fail), entry.line)
        }
        return file
    }

    /// ` (did you mean 'x'?)` for the closest known key, or a list of the table's keys.
    static func suggestion(for path: [String]) -> String {
        let written = path.joined(separator: ".").lowercased().replacingOccurrences(of: "_", with: "-")
        if let match = SettingKey.allCases.first(where: { $0.name == written || $0.path.last == written }) {
            return " (did you mean '\(match.name)'?)"
        }
        let siblings = SettingKey.allCases.filter { $0.path.dropLast() == path.dropLast() }.map { $0.path.last ?? $0.name }
        if path.count > 1, siblings.isEmpty {
            return "; see docs/configuration.md for every key"
        }
        return "; keys here are " + siblings.joined(separator: ", ")
    }

    public static func == (lhs: ConfigFile, rhs: ConfigFile) -> Bool {
        lhs.path == rhs.path && lhs.keyBindings == rhs.keyBindings
            && lhs.values.mapValues(\.value) == rhs.values.mapValues(\.value)
            && lhs.values.mapValues(\.line) == rhs.values.mapValues(\.line)
    }
}
