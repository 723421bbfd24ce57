import Foundation

/// The time zone times are displayed in (`time-zone`, UTC by default): shifts
/// stored UTC instants to wall-clock text in that zone, daylight saving included.
public struct DisplayTimeZone: Sendable, Equatable {
    /// The zone.
    public var timeZone: TimeZone

    /// Displays in `timeZone`.
    public init(_ timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    /// UTC, the default.
    public static var utc: DisplayTimeZone { DisplayTimeZone(TimeZone(secondsFromGMT: 0) ?? TimeZone.current) }

    /// Whether this is UTC (offset 0 all year).
    public var isUTC: Bool { timeZone.secondsFromGMT() == 0 && timeZone.nextDaylightSavingTimeTransition == nil }

    /// What to add to a UTC instant (milliseconds since the epoch) to get its wall-clock time in the zone.
    public func offsetMilliseconds(at milliseconds: Int64) -> Int64 {
        Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(milliseconds) / 1000))) * 1000
    }

    /// `2023-07-10 13:42:36`: the wall-clock time of `milliseconds` in the zone.
    public func text(_ milliseconds: Int64) -> String {
        String(Timestamp.string(milliseconds: milliseconds + offsetMilliseconds(at: milliseconds)).prefix(19))
            .replacingOccurrences(of: "T", with: " ")
    }

    /// The zone at `milliseconds` as a status bar would show it: `UTC`, `UTC+02:00`, `UTC-05:30`.
    public func label(at milliseconds: Int64) -> String {
        let offset = offsetMilliseconds(at: milliseconds) / 60_000
        if offset == 0 { return "UTC" }
        let magnitude = abs(offset)
        let minutes = magnitude % 60 < 10 ? "0\(magnitude % 60)" : "\(magnitude % 60)"
        let hours = magnitude / 60 < 10 ? "0\(magnitude / 60)" : "\(magnitude / 60)"
        return "UTC" + (offset > 0 ? "+" : "-") + hours + ":" + minutes
    }
}

extension Settings {
    /// The display time zone (`time-zone`).
    public var displayTimeZone: DisplayTimeZone { DisplayTimeZone(timeZone) }
}
