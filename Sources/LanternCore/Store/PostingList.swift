/// The correlation index entries of one value in one hour, packed into a
/// blob: the `event_postings` row `(value, hour, data)`.
///
/// One row per value and hour instead of one per entry: an entry costs
/// about 4 bytes instead of about 20. Entries are kept in event order;
/// each is the event's distance from the previous one (the first: its row
/// id) and its time's distance from the previous time (the first: from the
/// hour's start), as LEB128 varints. CloudTrail times are whole seconds,
/// so a time distance is stored in seconds when it is one (the low bit
/// says which unit).
enum PostingList {
    /// One index entry: an event and its time (Unix milliseconds).
    struct Entry: Equatable {
        var time: Int64
        var event: Int64
    }

    /// The width of a bucket.
    static let hour: Int64 = 3_600_000

    /// The hour `time` falls in (floor division, so times before 1970 too).
    static func bucket(of time: Int64) -> Int64 {
        time >= 0 ? time / hour : (time + 1) / hour - 1
    }

    /// Packs `entries` of the hour `bucket`, in any order; repeated events are kept once.
    static func encode(_ entries: [Entry], bucket: Int64) -> [UInt8] {
        let sorted = entries.sorted { ($0.event, $0.time) < ($1.event, $1.time) }
        var out: [UInt8] = []
        out.reserveCapacity(sorted.count * 5)
        var previousEvent: Int64 = 0
        var previousTime = bucket &* hour
        for entry in sorted where out.isEmpty || entry.event != previousEvent {
            appendVarint(UInt64(bitPattern: entry.event &- previousEvent), to: &out)
            let delta = entry.time &- previousTime
            if delta % 1000 == 0 {
                appendVarint(zigzag(delta / 1000) << 1, to: &out)
            } else {
                appendVarint(zigzag(delta) << 1 | 1, to: &out)
            }
            previousEvent = entry.event
            previousTime = entry.time
        }
        return out
    }

    /// Appends the entries of `data` (the hour `bucket`) whose time lies in
    /// `from...to` to `entries`; false when `data` is not a valid posting list.
    static func decode(
        _ data: UnsafeRawBufferPointer, bucket: Int64, from: Int64, to: Int64, into entries: inout [Entry]
    ) -> Bool {
        var position = 0
        var event: Int64 = 0
        var time = bucket &* hour
        while position < data.count {
            guard let eventDelta = readVarint(data, &position), let timeCode = readVarint(data, &position) else {
                return false
            }
            event &+= Int64(bitPattern: eventDelta)
            let delta = unzigzag(timeCode >> 1)
            time &+= timeCode & 1 == 0 ? delta &* 1000 : delta
            if time >= from && time <= to { entries.append(Entry(time: time, event: event)) }
        }
        return true
    }

    private static func zigzag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }

    private static func unzigzag(_ value: UInt64) -> Int64 {
        Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
    }

    private static func appendVarint(_ value: UInt64, to out: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        out.append(UInt8(value))
    }

    private static func readVarint(_ data: UnsafeRawBufferPointer, _ position: inout Int) -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while position < data.count, shift < 64 {
            let byte = data[position]
            position += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }
}
