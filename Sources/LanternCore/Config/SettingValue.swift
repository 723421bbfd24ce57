/// A setting's value after it has been checked against its kind.
public enum SettingValue: Equatable, Sendable, CustomStringConvertible {
    case string(String)
    case boolean(Bool)
    case strings([String])
    /// Nothing set and no default.
    case unset

    /// The value as `config show` prints it.
    public var description: String {
        switch self {
        case .string(let text): return text
        case .boolean(let value): return value ? "true" : "false"
        case .strings(let items): return items.isEmpty ? "[]" : items.joined(separator: ", ")
        case .unset: return "(unset)"
        }
    }

    /// The text, for string and path settings.
    public var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}

/// Where a setting's effective value came from.
public enum SettingOrigin: Equatable, Sendable, CustomStringConvertible {
    /// A command-line flag (its name).
    case flag(String)
    /// An environment variable (its name).
    case environment(String)
    /// A line of the configuration file.
    case file(path: String, line: Int)
    /// The built-in default.
    case builtIn

    public var description: String {
        switch self {
        case .flag(let name): return "flag \(name)"
        case .environment(let name): return "environment \(name)"
        case .file(let path, let line): return "\(path):\(line)"
        case .builtIn: return "default"
        }
    }
}
