import LanternCore

/// A parsed `:` command.
public enum CommandLineCommand: Equatable, Sendable {
    case quit
    case help
    /// Open the profile of a value.
    case pivot(Observable)
    /// Window: first seen − before … last seen + after (milliseconds).
    case window(before: Int64, after: Int64)
    case filter(String)
    case sort(FindingSort.Column)
    /// Export the triaged finding's case.
    case export(CaseExporter.Format, path: String?)

    /// Command names, for completion and help.
    public static let names = ["ip", "key", "arn", "obs", "window", "filter", "sort", "export", "help", "quit"]

    /// Parses the text typed after `:`; the error says what is wrong.
    public static func parse(_ text: String) -> Result<CommandLineCommand, FilterError> {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let name = words.first else { return .failure(FilterError(term: ":", reason: "empty command")) }
        let argument = words.dropFirst().joined(separator: " ")
        switch name {
        case "q", "quit", "q!", "qa":
            return .success(.quit)
        case "h", "help":
            return .success(.help)
        case "ip":
            guard let ip = Observable(kind: .ipv4, argument) ?? Observable(kind: .ipv6, argument) else {
                return .failure(FilterError(term: argument, reason: "not an IP address"))
            }
            return .success(.pivot(ip))
        case "key":
            guard let key = Observable(kind: .accessKey, argument) else {
                return .failure(FilterError(term: argument, reason: "not an access key ID"))
            }
            return .success(.pivot(key))
        case "arn":
            guard let arn = Observable(kind: .arn, argument) else { return .failure(FilterError(term: argument, reason: "not an ARN")) }
            return .success(.pivot(arn))
        case "obs", "value", "open":
            guard let observable = Observable(detecting: argument) else {
                return .failure(FilterError(term: argument, reason: "cannot tell what kind of value this is"))
            }
            return .success(.pivot(observable))
        case "window", "w":
            return window(Array(words.dropFirst()))
        case "filter", "f":
            return .success(.filter(argument))
        case "sort":
            guard let column = FindingSort.Column(rawValue: argument.lowercased()) else {
                return .failure(FilterError(term: argument, reason: "sort by one of \(FindingSort.Column.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            return .success(.sort(column))
        case "export", "x":
            var arguments = Array(words.dropFirst())
            var format = CaseExporter.Format.json
            if let first = arguments.first, let named = CaseExporter.Format(rawValue: first.lowercased()) {
                format = named
                arguments.removeFirst()
            }
            guard arguments.count <= 1 else {
                return .failure(FilterError(term: argument, reason: "export [json|md|stix] [PATH]"))
            }
            return .success(.export(format, path: arguments.first))
        default:
            if let observable = Observable(detecting: text) { return .success(.pivot(observable)) }
            return .failure(FilterError(term: name, reason: "unknown command; try \(names.joined(separator: ", "))"))
        }
    }

    /// `window -6h +2h`, `window 6h` (both sides), `window reset` (±24 h).
    static func window(_ arguments: [String]) -> Result<CommandLineCommand, FilterError> {
        let day: Int64 = 24 * 3_600_000
        if arguments == ["reset"] || arguments.isEmpty { return .success(.window(before: day, after: day)) }
        let spans = arguments.map { TimeWindow.duration($0) }
        guard spans.allSatisfy({ $0 != nil }), let first = spans.first ?? nil else {
            return .failure(FilterError(term: arguments.joined(separator: " "), reason: "durations like -6h +2h, 30m, 2d"))
        }
        if spans.count == 1 { return .success(.window(before: abs(first), after: abs(first))) }
        guard spans.count == 2, let second = spans[1] else {
            return .failure(FilterError(term: arguments.joined(separator: " "), reason: "at most two durations: -before +after"))
        }
        return .success(.window(before: abs(first), after: abs(second)))
    }

    /// Completes a command name prefix when exactly one name fits; on an
    /// empty line, or after `obs `, offers the most recent observable (the
    /// next one on each further Tab).
    public static func complete(_ text: String, recent: [Observable] = []) -> String {
        if !recent.isEmpty, text.isEmpty || text.hasPrefix("obs ") {
            let current = text.isEmpty ? nil : recent.firstIndex { "obs " + $0.value == text }
            let next = current.map { ($0 + 1) % recent.count } ?? 0
            return "obs " + recent[next].value
        }
        guard !text.contains(" ") else { return text }
        let fits = names.filter { $0.hasPrefix(text) }
        return fits.count == 1 ? fits[0] + " " : text
    }
}
