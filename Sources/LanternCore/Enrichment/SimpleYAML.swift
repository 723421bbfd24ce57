/// A value of the small YAML subset Lantern reads for catalogs.
public enum YAMLValue: Sendable, Hashable {
    case scalar(String)
    case list([YAMLValue])
    case map([String: YAMLValue])
    case null

    /// The value under `key` when this is a map.
    public subscript(key: String) -> YAMLValue? {
        if case .map(let map) = self { return map[key] }
        return nil
    }

    /// The text of a scalar.
    public var string: String? {
        if case .scalar(let text) = self { return text }
        return nil
    }

    /// The strings of a list (or a single scalar as a one-element list).
    public var strings: [String] {
        switch self {
        case .scalar(let text): [text]
        case .list(let items): items.compactMap(\.string)
        case .map, .null: []
        }
    }
}

/// A reader for the YAML subset used by catalogs such as known-aws-accounts.yaml:
/// block mappings and sequences by indentation (including `- key: value` items), plain,
/// single- and double-quoted scalars, flow sequences `[a, 'b']` and flow maps `{a: b}`
/// (which may span lines), and `#` comments. Anchors, tags, multi-document streams and
/// block scalars (`|`, `>`) are not supported and give an error naming the line.
public enum SimpleYAML {
    struct Line {
        var indent: Int
        var text: String
        var number: Int
    }

    /// Parses `text` into a value.
    /// - Throws: ``EnrichmentError`` naming the file and line of the first construct it
    ///   cannot read.
    public static func parse(_ text: String, file: String? = nil) throws -> YAMLValue {
        let lines = try logicalLines(text, file: file)
        guard !lines.isEmpty else { return .null }
        var parser = Parser(lines: lines, file: file)
        let value = try parser.block(indent: lines[0].indent)
        if parser.index < lines.count {
            let line = lines[parser.index]
            throw EnrichmentError(
                file: file, line: line.number, reason: "unexpected indentation or content: '\(line.text.prefix(60))'")
        }
        return value
    }

    /// Lines without comments and blanks; flow collections spanning lines joined into one.
    static func logicalLines(_ text: String, file: String?) throws -> [Line] {
        var result: [Line] = []
        var pending: Line?
        var depth = 0
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = offset + 1
            var line = String(rawLine)
            if line.hasSuffix("\r") { line.removeLast() }
            if line.hasPrefix("---") || line.hasPrefix("...") { continue }
            let stripped = stripComment(line)
            let content = stripped.trimmingCharacters(in: .whitespaces)
            if content.isEmpty { continue }
            if line.contains("\t") && line.prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") {
                throw EnrichmentError(file: file, line: number, reason: "tab used for indentation")
            }
            if content.hasPrefix("&") || content.hasPrefix("*") || content.hasPrefix("!") || content.hasSuffix("|")
                || content.hasSuffix(">") || content.hasSuffix("|-") || content.hasSuffix(">-")
            {
                throw EnrichmentError(
                    file: file, line: number, reason: "unsupported YAML feature (anchor, tag or block scalar)")
            }
            let indent = line.prefix(while: { $0 == " " }).count
            if var open = pending {
                open.text += " " + content
                pending = open
            } else {
                pending = Line(indent: indent, text: content, number: number)
            }
            depth += bracketBalance(content)
            if depth <= 0, let done = pending {
                result.append(done)
                pending = nil
                depth = 0
            }
        }
        if let open = pending {
            throw EnrichmentError(file: file, line: open.number, reason: "unclosed '[' or '{'")
        }
        return result
    }

    /// The line without a `#` comment (a `#` at the start or after a space, outside quotes).
    static func stripComment(_ line: String) -> String {
        var quote: Character?
        var previous: Character = " "
        for (offset, character) in line.enumerated() {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "#" && (previous == " " || previous == "\t") {
                return String(line.prefix(offset))
            }
            previous = character
        }
        return line
    }

    static func bracketBalance(_ text: String) -> Int {
        var balance = 0
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "'", "\"": quote = character
            case "[", "{": balance += 1
            case "]", "}": balance -= 1
            default: break
            }
        }
        return balance
    }

    struct Parser {
        let lines: [Line]
        let file: String?
        var index = 0

        func fail(_ line: Line, _ reason: String) -> EnrichmentError {
            EnrichmentError(file: file, line: line.number, reason: reason)
        }

        static func isSequenceItem(_ text: String) -> Bool { text == "-" || text.hasPrefix("- ") }

        mutating func block(indent: Int) throws -> YAMLValue {
            guard index < lines.count else { return .null }
            let line = lines[index]
            if Parser.isSequenceItem(line.text) { return try sequence(indent: line.indent) }
            if SimpleYAML.splitKey(line.text) != nil { return try mapping(indent: line.indent, first: nil) }
            index += 1
            return try SimpleYAML.scalarOrFlow(line.text, line: line, file: file)
        }

        mutating func sequence(indent: Int) throws -> YAMLValue {
            var items: [YAMLValue] = []
            while index < lines.count, lines[index].indent == indent, Parser.isSequenceItem(lines[index].text) {
                let line = lines[index]
                let rest = String(line.text.dropFirst()).trimmingCharacters(in: .whitespaces)
                index += 1
                if rest.isEmpty {
                    if index < lines.count, lines[index].indent > indent {
                        items.append(try block(indent: lines[index].indent))
                    } else {
                        items.append(.null)
                    }
                } else if !rest.hasPrefix("["), !rest.hasPrefix("{"), SimpleYAML.splitKey(rest) != nil {
                    let offset = line.text.count - rest.count
                    let inner = Line(indent: indent + offset, text: rest, number: line.number)
                    items.append(try mapping(indent: inner.indent, first: inner))
                } else {
                    items.append(try SimpleYAML.scalarOrFlow(rest, line: line, file: file))
                }
            }
            return .list(items)
        }

        mutating func mapping(indent: Int, first: Line?) throws -> YAMLValue {
            var map: [String: YAMLValue] = [:]
            var pendingFirst = first
            while true {
                let line: Line
                if let head = pendingFirst {
                    line = head
                    pendingFirst = nil
                } else {
                    guard index < lines.count, lines[index].indent == indent,
                        !Parser.isSequenceItem(lines[index].text)
                    else { break }
                    line = lines[index]
                    index += 1
                }
                guard let (key, value) = SimpleYAML.splitKey(line.text) else {
                    throw fail(line, "expected 'key: value', found '\(line.text.prefix(60))'")
                }
                if !value.isEmpty {
                    map[key] = try SimpleYAML.scalarOrFlow(value, line: line, file: file)
                } else if index < lines.count, lines[index].indent > indent {
                    map[key] = try block(indent: lines[index].indent)
                } else if index < lines.count, lines[index].indent == indent, Parser.isSequenceItem(lines[index].text) {
                    map[key] = try sequence(indent: indent)
                } else {
                    map[key] = .null
                }
            }
            return .map(map)
        }
    }

    /// Splits `key: value` (or `key:`) outside quotes; `nil` when the text is not a mapping entry.
    static func splitKey(_ text: String) -> (String, String)? {
        var quote: Character?
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                if index != text.startIndex { return nil }
                quote = character
            } else if character == "[" || character == "{" {
                return nil
            } else if character == ":" {
                let next = text.index(after: index)
                if next == text.endIndex || text[next] == " " {
                    let key = unquote(String(text[..<index]).trimmingCharacters(in: .whitespaces))
                    let value = String(text[next...]).trimmingCharacters(in: .whitespaces)
                    return key.isEmpty ? nil : (key, value)
                }
            }
            index = text.index(after: index)
        }
        return nil
    }

    static func scalarOrFlow(_ text: String, line: Line, file: String?) throws -> YAMLValue {
        if let first = text.first, "&*!|>%@`".contains(first) {
            throw EnrichmentError(
                file: file, line: line.number, reason: "unsupported YAML feature (anchor, alias, tag or block scalar)")
        }
        if text.hasPrefix("[") || text.hasPrefix("{") {
            var index = text.startIndex
            let value = try flow(text, &index, line: line, file: file)
            return value
        }
        return scalar(text)
    }

    static func scalar(_ text: String) -> YAMLValue {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == "~" || trimmed == "null" || trimmed.isEmpty { return .null }
        return .scalar(unquote(trimmed))
    }

    static func unquote(_ text: String) -> String {
        guard text.count >= 2, let first = text.first, first == text.last, first == "'" || first == "\"" else {
            return text
        }
        let body = String(text.dropFirst().dropLast())
        if first == "'" { return body.replacingOccurrences(of: "''", with: "'") }
        var result = ""
        var escaped = false
        for character in body {
            if escaped {
                switch character {
                case "n": result.append("\n")
                case "t": result.append("\t")
                default: result.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// Parses a flow collection starting at `index` (`[` or `{`).
    static func flow(_ text: String, _ index: inout String.Index, line: Line, file: String?) throws -> YAMLValue {
        let open = text[index]
        let close: Character = open == "[" ? "]" : "}"
        index = text.index(after: index)
        var items: [YAMLValue] = []
        var map: [String: YAMLValue] = [:]
        var token = ""
        var quote: Character?
        var pendingKey: String?
        func finish(_ value: YAMLValue?) {
            let item = value ?? scalar(token)
            if open == "{" {
                if let key = pendingKey {
                    map[key] = item
                } else if let (key, value) = splitKey(token) {
                    map[key] = scalar(value)
                } else if case .scalar(let key) = item {
                    map[key] = .null
                }
            } else if value != nil || !token.trimmingCharacters(in: .whitespaces).isEmpty {
                items.append(item)
            }
            token = ""
            pendingKey = nil
        }
        var nested: YAMLValue?
        while index < text.endIndex {
            let character = text[index]
            if let q = quote {
                token.append(character)
                if character == q { quote = nil }
                index = text.index(after: index)
                continue
            }
            switch character {
            case "'", "\"":
                quote = character
                token.append(character)
            case "[", "{":
                if open == "{", let (key, _) = splitKey(token + " ") { pendingKey = key }
                nested = try flow(text, &index, line: line, file: file)
                continue
            case ",":
                finish(nested)
                nested = nil
            case close:
                if nested != nil || !token.trimmingCharacters(in: .whitespaces).isEmpty { finish(nested) }
                index = text.index(after: index)
                return open == "[" ? .list(items) : .map(map)
            default:
                token.append(character)
            }
            index = text.index(after: index)
        }
        throw EnrichmentError(file: file, line: line.number, reason: "unclosed '\(open)'")
    }
}
