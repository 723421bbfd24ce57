import LanternCore

/// Times as the TUI shows them, in the display time zone (`time-zone`,
/// UTC by default); stored times and JSON output stay UTC.
public struct TimeText: Equatable, Sendable {
    /// The zone times are shown in.
    public var zone: DisplayTimeZone

    /// Shows times in `zone`.
    public init(zone: DisplayTimeZone = .utc) {
        self.zone = zone
    }

    /// `2023-07-10 11:42:36` for milliseconds since the epoch.
    public func full(_ milliseconds: Int64) -> String {
        zone.text(milliseconds)
    }

    /// `07-10 11:42:36`.
    public func monthDayTime(_ milliseconds: Int64) -> String {
        String(full(milliseconds).dropFirst(5))
    }

    /// `2023-07-10 11:42` from RFC 3339 text (the text itself when it is not a time).
    public func minutes(_ text: String?) -> String {
        guard let text, let milliseconds = Timestamp.milliseconds(text) else { return text ?? "-" }
        return String(full(milliseconds).prefix(16))
    }

    /// `2023-07-09 11:57 … 2023-07-11 11:57 (48h)`.
    public func window(_ window: TimeWindow) -> String {
        if window == .all || window.from <= TimeWindow.all.from / 2 { return "all time" }
        return "\(full(window.from).prefix(16)) … \(full(window.to).prefix(16)) (\(DurationText.text(window.to - window.from)))"
    }
}

/// Durations in the largest whole unit: `90s`, `15m`, `6h`, `2d`.
public enum DurationText {
    /// The text for `milliseconds`.
    public static func text(_ milliseconds: Int64) -> String {
        let seconds = milliseconds / 1000
        if seconds % 86_400 == 0, seconds >= 86_400 { return "\(seconds / 86_400)d" }
        if seconds % 3600 == 0, seconds >= 3600 { return "\(seconds / 3600)h" }
        if seconds % 60 == 0, seconds >= 60 { return "\(seconds / 60)m" }
        if seconds >= 3600 { return String(format1(Double(seconds) / 3600)) + "h" }
        return "\(seconds)s"
    }

    private static func format1(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    }
}
