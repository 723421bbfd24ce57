/// A closed time range in milliseconds since the epoch.
public struct TimeWindow: Sendable, Equatable, CustomStringConvertible {
    public var from: Int64
    public var to: Int64

    /// Makes the window `from…to` (swapped when given backwards).
    public init(from: Int64, to: Int64) {
        self.from = min(from, to)
        self.to = max(from, to)
    }

    /// All of time.
    public static let all = TimeWindow(from: Int64.min / 2, to: Int64.max / 2)

    /// The default window around a finding: first seen − 24 h to last seen + 24 h
    /// (created/updated when the finding has no observation times).
    public static func around(_ finding: Finding, margin: Int64 = 24 * 3_600_000) -> TimeWindow? {
        let start = [finding.firstSeen, finding.created, finding.updated].lazy.compactMap { $0 }.compactMap(Timestamp.milliseconds).first
        let end = [finding.lastSeen, finding.updated, finding.created].lazy.compactMap { $0 }.compactMap(Timestamp.milliseconds).first
        guard let start, let end else { return nil }
        return TimeWindow(from: start - margin, to: end + margin)
    }

    /// The window `center − before … center + after`.
    public static func around(_ center: Int64, before: Int64, after: Int64) -> TimeWindow {
        TimeWindow(from: center - before, to: center + after)
    }

    /// The window with its span halved (`factor` 0.5) or doubled (2) about its middle.
    public func scaled(by factor: Double) -> TimeWindow {
        let middle = from / 2 + to / 2
        let half = Int64(Double(to - from) / 2 * factor)
        return TimeWindow(from: middle - max(half, 1000), to: middle + max(half, 1000))
    }

    public var description: String {
        "\(Timestamp.string(milliseconds: from)) … \(Timestamp.string(milliseconds: to))"
    }

    /// The longest duration ``duration(_:)`` accepts: a century, in milliseconds.
    /// Longer is a typo, and would trap converting to Int64 (`:window 1e300h`,
    /// found by the `command-line` fuzzer) or overflow arithmetic on times.
    public static let maxDuration: Int64 = 3_155_760_000_000

    /// Parses a duration such as `90s`, `15m`, `6h`, `2d`, `1w` (with an
    /// optional sign) into milliseconds; nil for anything else, including
    /// durations longer than ``maxDuration``.
    public static func duration(_ text: String) -> Int64? {
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        var sign: Int64 = 1
        if body.hasPrefix("-") { sign = -1; body = body.dropFirst() } else if body.hasPrefix("+") { body = body.dropFirst() }
        guard let unit = body.last, let number = Double(body.dropLast()), number >= 0 else { return nil }
        let scale: Double
        switch unit {
        case "s": scale = 1000
        case "m": scale = 60_000
        case "h": scale = 3_600_000
        case "d": scale = 86_400_000
        case "w": scale = 604_800_000
        default: return nil
        }
        let milliseconds = number * scale
        guard milliseconds.isFinite, milliseconds <= Double(maxDuration) else { return nil }
        return sign * Int64(milliseconds)
    }
}
