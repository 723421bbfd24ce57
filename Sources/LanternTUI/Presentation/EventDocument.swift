import LanternCore

/// A raw CloudTrail record as scrollable lines, every recognisable value pivotable.
public enum EventDocument {
    /// The pretty-printed lines of `json` (the text itself, line by line, when it does not parse).
    public static func lines(json: String) -> [DocumentLine] {
        let pretty: String
        if let value = try? JSONValue.parse(json) {
            pretty = JSONWriter(pretty: true).string(value)
        } else {
            pretty = json
        }
        return pretty.split(separator: "\n", omittingEmptySubsequences: false).map { line($0) }
    }

    /// One pretty-printed line, split into key and value, with a pivot target when the value is an observable.
    static func line(_ text: Substring) -> DocumentLine {
        let indent = text.prefix { $0 == " " }
        let body = text.dropFirst(indent.count)
        guard body.hasPrefix("\""), let separator = body.range(of: "\": ") else {
            let value = unquote(body)
            let target = detect(value, key: nil)
            return DocumentLine([Span(String(indent)), Span(String(body), target == nil ? .text : .link)],
                                target: target.map(PivotTarget.observable))
        }
        let key = String(body[body.index(after: body.startIndex)..<separator.lowerBound])
        let rawValue = body[separator.upperBound...]
        let value = unquote(rawValue)
        let target = detect(value, key: key)
        return DocumentLine([
            Span(String(indent)), Span("\"\(key)\"", .muted), Span(": "),
            Span(String(rawValue), target == nil ? .text : .link),
        ], target: target.map(PivotTarget.observable))
    }

    static func unquote(_ text: Substring) -> String {
        var value = text
        if value.hasSuffix(",") { value = value.dropLast() }
        if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = value.dropFirst().dropLast() }
        return String(value)
    }

    /// The observable a value stands for, if any (user agents by their key).
    static func detect(_ value: String, key: String?) -> Observable? {
        guard !value.isEmpty, value != "{", value != "[", value != "}", value != "]", value != "null" else { return nil }
        if key == "userAgent" { return Observable(kind: .userAgent, value) }
        if key == "eventSource" || key == "eventName" || key == "awsRegion" || key == "eventType" { return nil }
        return Observable(detecting: value)
    }
}
