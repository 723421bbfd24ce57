/// Conversions between RFC 3339 text and milliseconds since the Unix epoch (UTC).
///
/// Hand-written rather than `ISO8601DateFormatter` because it runs once per
/// ingested event and must not allocate.
public enum Timestamp {
    /// Milliseconds since 1970-01-01T00:00:00Z for RFC 3339 / ISO 8601 text
    /// such as `2023-07-10T11:42:36Z`, `2020-03-22T13:22:13.933Z` or
    /// `2021-01-01T10:00:00+02:00`; nil when the text is not such a time.
    public static func milliseconds(_ text: some StringProtocol) -> Int64? {
        Array(text.utf8).withUnsafeBufferPointer { milliseconds($0) }
    }

    /// Like ``milliseconds(_:)-9k2bn`` over raw bytes.
    public static func milliseconds(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        func digits(_ start: Int, _ count: Int) -> Int64? {
            guard start + count <= b.count else { return nil }
            var value: Int64 = 0
            for i in start..<start + count {
                let d = b[i] &- UInt8(ascii: "0")
                guard d < 10 else { return nil }
                value = value * 10 + Int64(d)
            }
            return value
        }
        guard b.count >= 10,
              let year = digits(0, 4), b[4] == UInt8(ascii: "-"),
              let month = digits(5, 2), b[7] == UInt8(ascii: "-"),
              let day = digits(8, 2),
              (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var hour: Int64 = 0, minute: Int64 = 0, second: Int64 = 0, millis: Int64 = 0
        var offsetMinutes: Int64 = 0
        var i = 10
        if i < b.count {
            guard b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") || b[i] == UInt8(ascii: " "),
                  let h = digits(11, 2), b.count > 13, b[13] == UInt8(ascii: ":"),
                  let m = digits(14, 2)
            else { return nil }
            hour = h
            minute = m
            i = 16
            if i < b.count, b[i] == UInt8(ascii: ":") {
                guard let s = digits(17, 2) else { return nil }
                second = s
                i = 19
            }
            if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
                i += 1
                var scale: Int64 = 100
                let fractionStart = i
                while i < b.count, b[i] &- UInt8(ascii: "0") < 10 {
                    millis += Int64(b[i] - UInt8(ascii: "0")) * scale
                    scale /= 10
                    i += 1
                }
                guard i > fractionStart else { return nil }
            }
            while i < b.count, b[i] == UInt8(ascii: " ") { i += 1 }
            if i < b.count {
                switch b[i] {
                case UInt8(ascii: "Z"), UInt8(ascii: "z"):
                    i += 1
                case UInt8(ascii: "+"), UInt8(ascii: "-"):
                    let sign: Int64 = b[i] == UInt8(ascii: "-") ? -1 : 1
                    guard let oh = digits(i + 1, 2) else { return nil }
                    var j = i + 3
                    if j == b.count {
                        offsetMinutes = sign * oh * 60
                        i = j
                        break
                    }
                    if b[j] == UInt8(ascii: ":") { j += 1 }
                    guard let om = digits(j, 2) else { return nil }
                    offsetMinutes = sign * (oh * 60 + om)
                    i = j + 2
                default:
                    return nil
                }
            }
            guard i == b.count, hour < 24, minute < 60, second < 61 else { return nil }
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60
        return seconds * 1000 + millis
    }

    /// RFC 3339 UTC text with whole seconds, e.g. `2023-07-10T11:42:36Z`.
    public static func string(milliseconds ms: Int64) -> String {
        withUTF8(milliseconds: ms) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the UTF-8 bytes of ``string(milliseconds:)``,
    /// written on the stack for years 0–9999 (no string is built: ingest
    /// compares every record's eventTime with it, and JSON output writes
    /// one per event).
    public static func withUTF8<R>(milliseconds ms: Int64, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civilFromDays(days)
        let parts: [(value: Int64, width: Int, then: UInt8)] = [
            (year, 4, UInt8(ascii: "-")), (month, 2, UInt8(ascii: "-")), (day, 2, UInt8(ascii: "T")),
            (secondOfDay / 3600, 2, UInt8(ascii: ":")), (secondOfDay / 60 % 60, 2, UInt8(ascii: ":")),
            (secondOfDay % 60, 2, UInt8(ascii: "Z")),
        ]
        guard (0...9999).contains(year) else {
            // Far from now: padded decimal text, as `String` spells the number.
            var text = ""
            for part in parts {
                let digits = String(part.value)
                text += String(repeating: "0", count: max(0, part.width - digits.count)) + digits
                text.unicodeScalars.append(Unicode.Scalar(part.then))
            }
            return try text.withUTF8(body)
        }
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var end = 0
            for part in parts {
                var rest = part.value
                for offset in stride(from: end + part.width - 1, through: end, by: -1) {
                    buffer[offset] = UInt8(truncatingIfNeeded: 0x30 + rest % 10)
                    rest /= 10
                }
                buffer[end + part.width] = part.then
                end += part.width + 1
            }
            return try body(UnsafeBufferPointer(buffer))
        }
    }

    /// Normalises any accepted time text to ``string(milliseconds:)`` form.
    public static func normalize(_ text: String?) -> String? {
        guard let text, let ms = milliseconds(text) else { return nil }
        return string(milliseconds: ms)
    }

    // Howard Hinnant's civil-calendar algorithms.
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
