/// A problem at a place in a text the user wrote (a file's line and key, or
/// a flag or environment variable): `config.toml:12: 'tui.mouse': expected
/// true or false`. The configuration, key-map and theme errors are this one
/// shape; `Subject` only keeps them apart as types.
public struct LocatedError<Subject: LocatedErrorSubject>: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file (or flag, environment variable, preset, theme name) the problem is in.
    public var source: String
    /// The 1-based line, when the problem is on a line of a file.
    public var line: Int?
    /// The key (setting, binding, role) at fault, when there is one.
    public var key: String?
    /// What is wrong.
    public var reason: String

    /// Makes an error.
    public init(source: String, line: Int?, key: String?, reason: String) {
        self.source = source
        self.line = line
        self.key = key
        self.reason = reason
    }

    public var description: String {
        var text = source
        if let line { text += ":\(line)" }
        text += ": "
        if let key { text += "'\(key)': " }
        return text + reason
    }
}

/// What a ``LocatedError`` is about (a marker type, never instantiated).
public protocol LocatedErrorSubject {}

/// The configuration file, its environment variables and flags.
public enum ConfigurationSubject: LocatedErrorSubject {}

/// Why the configuration could not be used: `config.toml:12: 'tui.mouse': expected true or false`.
public typealias ConfigError = LocatedError<ConfigurationSubject>
