import Foundation

extension SettingKey {
    /// Checks text from a flag or an environment variable (`source` names it in errors).
    /// Lists of paths are separated by `:` in text.
    public func value(text: String, source: String) throws(ConfigError) -> SettingValue {
        let fail = { (reason: String) in ConfigError(source: source, line: nil, key: name, reason: reason) }
        switch kind {
        case .path:
            return .string(SettingKey.expandingTilde(text))
        case .paths:
            return .strings(text.split(separator: ":").map { SettingKey.expandingTilde(String($0)) })
        case .boolean:
            switch text.lowercased() {
            case "true", "1", "yes", "on": return .boolean(true)
            case "false", "0", "no", "off": return .boolean(false)
            default: throw fail("expected true or false, got '\(text)'")
            }
        case .string, .choice, .duration, .timeZone:
            return try checked(text, fail: fail)
        }
    }

    /// Checks a value from the configuration file; relative paths are taken
    /// from `directory`, the file's folder.
    public func value(toml: TOMLValue, directory: String, fail: (String) -> ConfigError) throws(ConfigError) -> SettingValue {
        switch (kind, toml) {
        case (.path, .string(let text)):
            return .string(SettingKey.absolute(text, in: directory))
        case (.paths, .strings(let items)):
            return .strings(items.map { SettingKey.absolute($0, in: directory) })
        case (.boolean, .boolean(let value)):
            return .boolean(value)
        case (.string, .string(let text)), (.choice, .string(let text)), (.duration, .string(let text)),
             (.timeZone, .string(let text)):
            return try checked(text, fail: fail)
        case (.path, _), (.string, _), (.choice, _), (.duration, _), (.timeZone, _):
            throw fail("expected a string, got \(toml.typeName)")
        case (.paths, _):
            throw fail("expected an array of strings, got \(toml.typeName)")
        case (.boolean, _):
            throw fail("expected true or false, got \(toml.typeName)")
        }
    }

    private func checked(_ text: String, fail: (String) -> ConfigError) throws(ConfigError) -> SettingValue {
        switch kind {
        case .choice(let words):
            guard words.contains(text) else { throw fail("expected one of \(words.joined(separator: ", ")), got '\(text)'") }
        case .duration:
            guard let milliseconds = TimeWindow.duration(text), milliseconds > 0 else {
                throw fail("expected a duration such as 24h, 90m or 2d, got '\(text)'")
            }
        case .timeZone:
            guard text == "local" || TimeZone(identifier: text) != nil else {
                throw fail("unknown time zone '\(text)' (use UTC, local, or a name such as Europe/Paris)")
            }
        case .string:
            guard !text.isEmpty else { throw fail("must not be empty (leave the key out instead)") }
        case .path, .paths, .boolean:
            break
        }
        return .string(text)
    }

    /// `~` and `~/…` expanded to the home folder.
    static func expandingTilde(_ path: String) -> String {
        if path == "~" { return NSHomeDirectory() }
        if path.hasPrefix("~/") { return (NSHomeDirectory() as NSString).appendingPathComponent(String(path.dropFirst(2))) }
        return path
    }

    /// `path` with `~` expanded and, when relative, taken from `directory`.
    static func absolute(_ path: String, in directory: String) -> String {
        let expanded = expandingTilde(path)
        if expanded.hasPrefix("/") || expanded.isEmpty { return expanded }
        return (directory as NSString).appendingPathComponent(expanded)
    }
}
