import Foundation

/// The INI files AWS tools read (`~/.aws/credentials` and `~/.aws/config`).
///
/// Sections are `[name]` in the credentials file and `[profile name]` (or
/// `[default]`) in the config file; keys are lower-cased; `#` and `;` start
/// comments; indented lines (nested settings such as `s3 =`) are ignored.
public struct AWSConfigFile: Sendable {
    /// Settings by profile name.
    public private(set) var profiles: [String: [String: String]] = [:]

    /// An empty file.
    public init() {}

    /// Parses `text`; `isConfig` strips the `profile ` prefix from section names.
    public init(text: String, isConfig: Bool) {
        var current: String?
        for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline) {
            if let first = rawLine.first, first == " " || first == "\t" { continue }
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                guard let close = line.firstIndex(of: "]") else {
                    current = nil
                    continue
                }
                var name = line[line.index(after: line.startIndex)..<close].trimmingCharacters(in: .whitespaces)
                if isConfig {
                    if name.hasPrefix("profile ") {
                        name = name.dropFirst("profile ".count).trimmingCharacters(in: .whitespaces)
                    } else if name != "default" {
                        // `[sso-session x]`, `[services x]`: not profiles.
                        current = nil
                        continue
                    }
                }
                current = name
                if profiles[name] == nil { profiles[name] = [:] }
                continue
            }
            guard let section = current, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            // Inline comments need whitespace before the marker, as in botocore.
            for marker in [" #", " ;", "\t#", "\t;"] {
                if let range = value.range(of: marker) { value = value[..<range.lowerBound].trimmingCharacters(in: .whitespaces) }
            }
            profiles[section, default: [:]][key] = value
        }
    }

    /// Reads `path`; a missing file is an empty file.
    public static func load(path: String, isConfig: Bool) -> AWSConfigFile {
        guard let data = FileManager.default.contents(atPath: path) else { return AWSConfigFile() }
        return AWSConfigFile(text: String(decoding: data, as: UTF8.self), isConfig: isConfig)
    }

    /// The settings of `profile`, or `nil` when the file has no such section.
    public func settings(_ profile: String) -> [String: String]? { profiles[profile] }
}
