import Foundation

/// The values a STIX 2.1 indicator pattern names, for the comparisons Lantern can match.
///
/// Supported: equality (`=`) and `IN (…)` on `ipv4-addr:value`, `ipv6-addr:value`,
/// `domain-name:value`, `url:value`, `network-traffic:src_ref.value` / `dst_ref.value` and
/// `file:hashes.<MD5|SHA-1|SHA-256|SHA-512>`, joined by `OR` within or across observation
/// expressions. Qualifiers (`WITHIN`, `REPEATS`, `START … STOP`) are ignored. A pattern that
/// joins comparisons with `AND` or `FOLLOWEDBY` needs several observations together and
/// cannot be matched value by value, so it is refused as a whole.
public struct STIXPattern: Sendable {
    /// One value the pattern matches on its own.
    public struct Value: Hashable, Sendable {
        /// The kind of value.
        public var kind: IndicatorKind
        /// The canonical value.
        public var value: String
    }

    /// The values the pattern matches, each sufficient on its own.
    public var values: [Value]
    /// Comparisons of an `OR` the matcher cannot use (e.g. `file:name = 'x'`), described.
    public var unsupported: [String]

    /// Parses `pattern`.
    /// - Throws: ``EnrichmentError`` (without file/line) naming why no value can be used.
    public init(_ pattern: String) throws {
        let tokens = try STIXPattern.tokenize(pattern)
        var values: [Value] = []
        var unsupported: [String] = []
        var index = 0
        func fail(_ reason: String) -> EnrichmentError { EnrichmentError(file: nil, line: nil, reason: reason) }
        while index < tokens.count {
            switch tokens[index] {
            case .open, .close, .openParen, .closeParen, .comma:
                index += 1
            case .word(let word):
                let upper = word.uppercased()
                if upper == "OR" {
                    index += 1
                } else if upper == "AND" || upper == "FOLLOWEDBY" {
                    throw fail("pattern joins comparisons with \(upper): they must match together, not one by one")
                } else if upper == "WITHIN" || upper == "REPEATS" {
                    index += 3  // WITHIN n SECONDS / REPEATS n TIMES
                } else if upper == "START" || upper == "STOP" {
                    index += 2  // START t'…' / STOP t'…'
                } else {
                    // A comparison: path [NOT] operator value(s).
                    let path = word
                    index += 1
                    var negated = false
                    if index < tokens.count, case .word(let w) = tokens[index], w.uppercased() == "NOT" {
                        negated = true
                        index += 1
                    }
                    guard index < tokens.count else { throw fail("comparison on \(path) has no operator") }
                    var op = ""
                    switch tokens[index] {
                    case .op(let text): op = text
                    case .word(let text): op = text.uppercased()
                    default: throw fail("comparison on \(path) has no operator")
                    }
                    index += 1
                    var literals: [String] = []
                    if index < tokens.count, case .openParen = tokens[index] {
                        index += 1
                        while index < tokens.count {
                            if case .closeParen = tokens[index] { index += 1; break }
                            if case .string(let s) = tokens[index] { literals.append(s) }
                            index += 1
                        }
                    } else if index < tokens.count {
                        switch tokens[index] {
                        case .string(let s): literals.append(s)
                        case .word(let w): literals.append(w)
                        default: throw fail("comparison on \(path) has no value")
                        }
                        index += 1
                    }
                    let description =
                        "\(path) \(negated ? "NOT " : "")\(op) \(literals.map { "'\($0)'" }.joined(separator: ", "))"
                    guard !negated, op == "=" || op == "IN", let target = STIXPattern.target(path) else {
                        unsupported.append(description)
                        continue
                    }
                    for literal in literals {
                        if let value = STIXPattern.value(literal, target: target) {
                            values.append(value)
                        } else {
                            unsupported.append(description)
                        }
                    }
                }
            case .string, .op:
                throw fail("unexpected token in pattern")
            }
        }
        guard !values.isEmpty else {
            throw fail("no supported comparison in pattern (\(unsupported.first ?? "empty"))")
        }
        self.values = values
        self.unsupported = unsupported
    }

    enum Target {
        case address
        case domain
        case url
        case hash(IndicatorKind)
    }

    static func target(_ path: String) -> Target? {
        let lower = path.lowercased()
        switch lower {
        case "ipv4-addr:value", "ipv6-addr:value", "network-traffic:dst_ref.value", "network-traffic:src_ref.value":
            return .address
        case "domain-name:value": return .domain
        case "url:value": return .url
        default: break
        }
        guard lower.hasPrefix("file:hashes.") else { return nil }
        let algorithm = lower.dropFirst("file:hashes.".count).filter { $0 != "'" && $0 != "-" && $0 != "_" }
        switch algorithm {
        case "md5": return .hash(.md5)
        case "sha1": return .hash(.sha1)
        case "sha256": return .hash(.sha256)
        case "sha512": return .hash(.sha512)
        default: return nil
        }
    }

    static func value(_ literal: String, target: Target) -> Value? {
        guard let classified = IndicatorClassifier.classify(literal) else { return nil }
        switch (target, classified.kind) {
        case (.address, .ipv4), (.address, .ipv6), (.address, .cidr), (.domain, .domain), (.url, .url):
            return Value(kind: classified.kind, value: classified.value)
        case (.hash(let kind), let found) where kind == found:
            return Value(kind: kind, value: classified.value)
        default:
            return nil
        }
    }

    enum Token {
        case open, close, openParen, closeParen, comma
        case op(String)
        case string(String)
        case word(String)
    }

    static func tokenize(_ pattern: String) throws -> [Token] {
        let chars = Array(pattern.unicodeScalars)
        var tokens: [Token] = []
        var i = 0
        func readQuoted() throws -> String {
            // chars[i] is the opening quote.
            var text = String.UnicodeScalarView()
            i += 1
            while i < chars.count {
                let c = chars[i]
                if c == "\\", i + 1 < chars.count {
                    text.append(chars[i + 1])
                    i += 2
                    continue
                }
                if c == "'" {
                    i += 1
                    return String(text)
                }
                text.append(c)
                i += 1
            }
            throw EnrichmentError(file: nil, line: nil, reason: "unterminated string in pattern")
        }
        while i < chars.count {
            let c = chars[i]
            switch c {
            case " ", "\t", "\n", "\r": i += 1
            case "[": tokens.append(.open); i += 1
            case "]": tokens.append(.close); i += 1
            case "(": tokens.append(.openParen); i += 1
            case ")": tokens.append(.closeParen); i += 1
            case ",": tokens.append(.comma); i += 1
            case "'": tokens.append(.string(try readQuoted()))
            case "=", "!", "<", ">":
                var op = String(c)
                i += 1
                if i < chars.count, chars[i] == "=" { op.append("="); i += 1 }
                tokens.append(.op(op))
            default:
                // A word: path, keyword, number, or a typed literal like t'…', h'…', b'…'.
                if (c == "t" || c == "h" || c == "b"), i + 1 < chars.count, chars[i + 1] == "'" {
                    i += 1
                    tokens.append(.string(try readQuoted()))
                    continue
                }
                var word = String.UnicodeScalarView()
                while i < chars.count {
                    let d = chars[i]
                    if d == "'", word.last == "." {
                        word.append(contentsOf: "'\(try readQuoted())'".unicodeScalars)
                        continue
                    }
                    if d == "[", i + 2 < chars.count, chars[i + 1] == "*" || ("0"..."9").contains(chars[i + 1]) {
                        while i < chars.count, chars[i] != "]" { word.append(chars[i]); i += 1 }
                        if i < chars.count { word.append(chars[i]); i += 1 }
                        continue
                    }
                    if " \t\n\r[]()=!<>,'".unicodeScalars.contains(d) { break }
                    word.append(d)
                    i += 1
                }
                guard !word.isEmpty else {
                    throw EnrichmentError(file: nil, line: nil, reason: "unexpected character '\(c)' in pattern")
                }
                tokens.append(.word(String(word)))
            }
        }
        return tokens
    }
}
