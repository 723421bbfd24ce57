/// Why the configuration could not be used; the description names the file,
/// line and key, like a theme error: `config.toml:12: 'tui.mouse': expected true or false`.
public struct ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file, or the environment variable or flag, the bad value came from.
    public var source: String
    /// The 1-based line number, when the error is on a line of a file.
    public var line: Int?
    /// The key at fault (dotted, as written in the file), when there is one.
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
