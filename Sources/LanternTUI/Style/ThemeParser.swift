/// Parses theme files.
///
/// The format, one role a line:
/// ```
/// # comment
/// severity.critical = bright-white red bold
/// selection         = default default reverse
/// ```
/// `role = foreground background [attribute…]`; colours are `default`,
/// ANSI names (`red`, `bright-red`), `0`–`255` or `color0`–`color255`, or
/// `#rrggbb`; attributes are `bold dim italic underline reverse`. Unknown
/// roles, colours and attributes, duplicate roles and malformed lines are
/// errors naming the line and key.
public enum ThemeParser {
    /// Parses `text` into a theme called `name`; `source` names the file in errors.
    public static func parse(_ text: String, name: String, source: String) throws(ThemeError) -> Theme {
        var styles: [StyleRole: Style] = [:]
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first
                .map(String.init)?.trimmingWhitespace ?? ""
            if line.isEmpty { continue }
            let sides = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard sides.count == 2 else {
                throw ThemeError(source: source, line: lineNumber, key: nil,
                                 reason: "expected 'role = foreground background [attributes]'")
            }
            let key = String(sides[0]).trimmingWhitespace
            guard let role = StyleRole(rawValue: key) else {
                throw ThemeError(source: source, line: lineNumber, key: key, reason: "unknown role")
            }
            guard styles[role] == nil else {
                throw ThemeError(source: source, line: lineNumber, key: key, reason: "role given twice")
            }
            let words = sides[1].split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard words.count >= 2 else {
                throw ThemeError(source: source, line: lineNumber, key: key,
                                 reason: "needs a foreground and a background colour (use 'default' for the terminal's)")
            }
            guard let foreground = Color(parsing: words[0]) else {
                throw ThemeError(source: source, line: lineNumber, key: key, reason: "unknown foreground colour '\(words[0])'")
            }
            guard let background = Color(parsing: words[1]) else {
                throw ThemeError(source: source, line: lineNumber, key: key, reason: "unknown background colour '\(words[1])'")
            }
            var attributes: Style.Attributes = []
            for word in words.dropFirst(2) {
                guard let attribute = Style.Attributes.names.first(where: { $0.name == word.lowercased() }) else {
                    throw ThemeError(source: source, line: lineNumber, key: key, reason: "unknown attribute '\(word)'")
                }
                attributes.insert(attribute.value)
            }
            styles[role] = Style(foreground: foreground, background: background, attributes: attributes)
        }
        return Theme(name: name, styles: styles)
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingWhitespace: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" || first == "\r" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" || last == "\r" { scalars.removeLast() }
        return String(scalars)
    }
}
