/// Why a theme could not be loaded; the description names the file, line and key.
public struct ThemeError: Error, Equatable, CustomStringConvertible {
    /// The file (or theme name) the error is in.
    public var source: String
    /// The 1-based line number, when the error is on a line.
    public var line: Int?
    /// The role or token at fault, when there is one.
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
