/// Events read from the store, in time order.
///
/// A read of thousands of events (a busy principal's hour) keeps each event
/// as a small row whose values are indexes into one table of the distinct
/// strings of the read; an event's strings are looked up when the event is
/// asked for (`list[i]`, iterating), and counts such as ``ActivitySummary``
/// go by index without touching a string per event.
public struct EventList: RandomAccessCollection, Sendable, Equatable, ExpressibleByArrayLiteral {
    /// One event as read: its row, time, eventID and values.
    struct Row: Sendable {
        var rowID: Int64
        var time: Int64
        var eventID: EventIDBits
        /// Table index plus one by ``EventRow/Column`` (0 when the event has no such value).
        var values: InlineArray<13, UInt32>
        var readOnly: Bool?
        var block: Int64
        var slot: Int

        /// The table index plus one of the value in `column` (0 when absent).
        subscript(column: EventRow.Column) -> UInt32 { values[column.rawValue] }
    }

    /// An eventID as kept in a row: a UUID (the usual form), an index
    /// into ``eventIDTexts``, or none.
    enum EventIDBits: Sendable {
        case none
        case uuid(EventUUID)
        case text(UInt32)
    }

    /// The events, in time order (then row order).
    private(set) var rows: [Row]
    /// The distinct strings the rows' values refer to.
    private(set) var strings: [String]
    /// The eventIDs that are not UUIDs.
    private(set) var eventIDTexts: [String]
    /// The table index plus one of the empty string, or 0 when no value is empty.
    private(set) var emptyString: UInt32

    init(rows: [Row], strings: [String], eventIDTexts: [String]) {
        self.rows = rows
        self.strings = strings
        self.eventIDTexts = eventIDTexts
        emptyString = strings.firstIndex(of: "").map { UInt32($0 + 1) } ?? 0
    }

    /// A list of `events` (events not read from the store, such as a test's or a view's).
    public init(_ events: some Sequence<StoredEvent>) {
        var table: [String: UInt32] = [:]
        var strings: [String] = []
        func index(_ value: String?) -> UInt32 {
            guard let value else { return 0 }
            if let found = table[value] { return found }
            strings.append(value)
            table[value] = UInt32(strings.count)
            return UInt32(strings.count)
        }
        var rows: [Row] = []
        var eventIDTexts: [String] = []
        for event in events {
            let f = event.fields
            var values = InlineArray<13, UInt32>(repeating: 0)
            for column in EventRow.Column.allCases {
                values[column.rawValue] = index(column.value(in: f))
            }
            let id: EventIDBits
            if let eventID = f.eventID {
                if let uuid = EventUUID(eventID) {
                    id = .uuid(uuid)
                } else {
                    id = .text(UInt32(eventIDTexts.count))
                    eventIDTexts.append(eventID)
                }
            } else {
                id = .none
            }
            rows.append(Row(rowID: event.rowID, time: f.time, eventID: id, values: values, readOnly: f.readOnly,
                            block: event.block, slot: event.slot))
        }
        self.init(rows: rows, strings: strings, eventIDTexts: eventIDTexts)
    }

    public init(arrayLiteral events: StoredEvent...) {
        self.init(events)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { rows.count }

    /// The event at `position`, its strings looked up.
    public subscript(position: Int) -> StoredEvent {
        let row = rows[position]
        func string(_ column: EventRow.Column) -> String? { self.string(row[column]) }
        let eventID: String?
        switch row.eventID {
        case .none: eventID = nil
        case .uuid(let uuid): eventID = uuid.text
        case .text(let index): eventID = eventIDTexts[Int(index)]
        }
        let fields = EventFields(
            eventID: eventID, time: row.time, eventSource: string(.source), eventName: string(.name),
            sourceIPAddress: string(.ip), userAgent: string(.userAgent), errorCode: string(.errorCode),
            awsRegion: string(.region), recipientAccountId: string(.recipient), identityType: string(.identityType),
            arn: string(.arn), accessKeyId: string(.accessKey), principalId: string(.principalID),
            accountId: string(.account), sessionIssuerArn: string(.issuer), readOnly: row.readOnly)
        return StoredEvent(rowID: row.rowID, fields: fields, block: row.block, slot: row.slot)
    }

    /// The string at table index plus one `index` (nil for 0).
    func string(_ index: UInt32) -> String? {
        index == 0 ? nil : strings[Int(index) - 1]
    }

    /// The events `query` keeps, judged by their names, sources and error codes alone.
    public func filter(_ query: IRQuery) -> EventList {
        guard query != .all else { return self }
        var kept = self
        kept.rows = rows.filter { row in
            query.matches(eventName: string(row[.name]), eventSource: string(row[.source]),
                          errorCode: string(row[.errorCode]))
        }
        return kept
    }

    /// The events in time order, then row order (rows are read in row order).
    mutating func sortByTime() {
        rows.sort { ($0.time, $0.rowID) < ($1.time, $1.rowID) }
    }

    public static func == (a: EventList, b: EventList) -> Bool {
        a.elementsEqual(b)
    }
}
