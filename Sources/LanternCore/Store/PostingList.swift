/// The correlation index entries of one value, packed into blobs: the
/// `event_postings` rows `(value, hour, data)`.
///
/// A row holds the entries of one UTC day, or of a run of its hours, about
/// 4 bytes an entry (an `event_index` row was about 20). Rows stay under
/// a kilobyte unless one hour alone is bigger: SQLite keeps such a row in
/// its B-tree page, where a larger one would spill into overflow pages
/// whose unused tails were a third of the index at 10M events. `hour` is
/// the last hour the row covers, so a window starts at the first row
/// whose key is not before it.
///
/// A blob is a run of hour sections, earliest first, so a window reads
/// only its hours: the hour of the day (one byte), the section's length
/// in bytes, then its entries in event order, each the event's distance
/// from the previous one (the first: its row id) and its time's distance
/// from the previous time (the first: from the hour's start). Numbers are
/// LEB128 varints. CloudTrail times are whole seconds, so a time distance
/// is stored in seconds when it is one (the low bit says which unit).
enum PostingList {
    /// One index entry: an event and its time (Unix milliseconds).
    struct Entry: Equatable {
        var time: Int64
        var event: Int64
    }

    /// The most rows span.
    static let day: Int64 = 86_400_000
    /// The width of a section.
    static let hour: Int64 = 3_600_000
    /// The size a row is filled to (SQLite keeps up to about 1,000 bytes of
    /// a row of a 4 KB-page index B-tree in the page).
    static let rowBytes = 900

    /// The day `time` falls in (floor division, so times before 1970 too).
    static func day(of time: Int64) -> Int64 {
        floorDivide(time, day)
    }

    /// The hour `time` falls in.
    static func hour(of time: Int64) -> Int64 {
        floorDivide(time, hour)
    }

    /// The day a row whose last hour is `hour` belongs to.
    static func day(ofRowEndingAt hour: Int64) -> Int64 {
        floorDivide(hour, 24)
    }

    /// The first hour `data` (a row of the day `day`) covers; nil when empty.
    static func firstHour(of data: UnsafeRawBufferPointer, day: Int64) -> Int64? {
        data.isEmpty ? nil : day &* 24 &+ Int64(data[0])
    }

    /// Packs `entries` of the day `day`, in any order, into rows of whole
    /// hours of about ``rowBytes`` each: each row's last hour and its blob.
    /// Repeated events are kept once.
    static func encodeRows(_ entries: [Entry], day: Int64) -> [(lastHour: Int64, data: [UInt8])] {
        var rows: [(lastHour: Int64, data: [UInt8])] = []
        var row: [UInt8] = []
        var lastHour: Int64 = 0
        for (hourNumber, section) in sections(entries, day: day) {
            if !row.isEmpty && row.count + section.count > rowBytes {
                rows.append((lastHour, row))
                row = []
            }
            row += section
            lastHour = hourNumber
        }
        if !row.isEmpty { rows.append((lastHour, row)) }
        return rows
    }

    /// The hour sections of `entries` (of the day `day`), earliest first.
    private static func sections(_ entries: [Entry], day: Int64) -> [(hour: Int64, bytes: [UInt8])] {
        let sorted = entries.sorted { (floorDivide($0.time, hour), $0.event) < (floorDivide($1.time, hour), $1.event) }
        var out: [(hour: Int64, bytes: [UInt8])] = []
        var section: [UInt8] = []
        var index = 0
        while index < sorted.count {
            let hourNumber = floorDivide(sorted[index].time, hour)
            var previousEvent: Int64 = 0
            var previousTime = hourNumber &* hour
            section.removeAll(keepingCapacity: true)
            while index < sorted.count, floorDivide(sorted[index].time, hour) == hourNumber {
                let entry = sorted[index]
                index += 1
                if !section.isEmpty && entry.event == previousEvent { continue }
                Varint.append(UInt64(bitPattern: entry.event &- previousEvent), to: &section)
                let delta = entry.time &- previousTime
                if delta % 1000 == 0 {
                    Varint.append(zigzag(delta / 1000) << 1, to: &section)
                } else {
                    Varint.append(zigzag(delta) << 1 | 1, to: &section)
                }
                previousEvent = entry.event
                previousTime = entry.time
            }
            var bytes = [UInt8(truncatingIfNeeded: hourNumber &- day &* 24)]
            Varint.append(UInt64(section.count), to: &bytes)
            out.append((hourNumber, bytes + section))
        }
        return out
    }

    /// Appends the entries of `data` (the day `day`) whose time lies in
    /// `from...to` to `entries`, skipping hours outside it unread; false
    /// when `data` is not a valid posting list.
    static func decode(
        _ data: UnsafeRawBufferPointer, day: Int64, from: Int64, to: Int64, into entries: inout [Entry]
    ) -> Bool {
        var position = 0
        while position < data.count {
            let hourOfDay = Int64(data[position])
            position += 1
            guard hourOfDay < 24, let length = Varint.read(data, &position), length <= UInt64(data.count - position) else {
                return false
            }
            let end = position + Int(length)
            let start = (day &* 24 &+ hourOfDay) &* hour
            guard start <= to, start &+ hour > from else {
                position = end
                continue
            }
            var event: Int64 = 0
            var time = start
            while position < end {
                guard let eventDelta = Varint.read(data, &position), let timeCode = Varint.read(data, &position),
                      position <= end
                else { return false }
                event &+= Int64(bitPattern: eventDelta)
                let delta = unzigzag(timeCode >> 1)
                time &+= timeCode & 1 == 0 ? delta &* 1000 : delta
                if time >= from && time <= to { entries.append(Entry(time: time, event: event)) }
            }
        }
        return true
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : (a + 1) / b - 1
    }

    private static func zigzag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }

    private static func unzigzag(_ value: UInt64) -> Int64 {
        Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
    }
}
