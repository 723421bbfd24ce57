/// Why a `[keys]` table could not be applied; the description names the
/// file, line and key like a theme or configuration error:
/// `config.toml:31: 'keys.move-dwn': unknown action`.
public struct KeyMapError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The configuration file (or preset) the binding came from.
    public var source: String
    /// The 1-based line of the binding.
    public var line: Int?
    /// The binding's key in the file: `keys.move-down`.
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
