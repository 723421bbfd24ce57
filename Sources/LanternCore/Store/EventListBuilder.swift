extension EventList {
    /// Makes an ``EventList`` from event rows (``Store/eventColumns``),
    /// gathering each distinct string of the read once into the list's table.
    ///
    /// Which string ids the read has met is kept in the dictionary's marks
    /// (``StringDictionary/takeMarks()``): an array indexed by id, so the
    /// dozen values of a row cost an array read each, not a hash.
    struct Builder {
        private let store: Store
        private var marks: StringDictionary.Marks
        /// Table indexes of ids beyond the marks' reach.
        private var overflow: [Int64: UInt32] = [:]
        private var rows: [Row] = []
        private var strings: [String] = []
        private var eventIDTexts: [String] = []

        /// A builder reading strings through `store`'s dictionary, with room for `capacity` events.
        init(store: Store, capacity: Int = 0) {
            self.store = store
            marks = store.strings.takeMarks()
            rows.reserveCapacity(capacity)
        }

        /// Adds the event in `row`, a row of ``Store/eventColumns``.
        mutating func append(_ row: SQLiteRow) throws {
            let id = row.int(0)
            let packed = try store.eventRow(row, column: 3, id: id)
            var values = InlineArray<13, UInt32>(repeating: 0)
            for column in EventRow.Column.allCases {
                if let stringID = packed[column] { values[column.rawValue] = try index(of: stringID) }
            }
            let eventID: EventIDBits
            if row.isBlob(1) {
                guard let uuid = row.withBlob(1, EventUUID.init(bytes:)) else { throw StoreError.corruptEventRow(id: id) }
                eventID = .uuid(uuid)
            } else if let text = row.text(1) {
                eventID = .text(UInt32(eventIDTexts.count))
                eventIDTexts.append(text)
            } else {
                eventID = .none
            }
            rows.append(Row(rowID: id, time: row.int(2), eventID: eventID, values: values, readOnly: packed.readOnly,
                            block: packed.block, slot: Int(packed.slot)))
        }

        /// The list, events in the order appended; the marks go back to the dictionary.
        func finish() -> EventList {
            store.strings.giveBack(marks)
            return EventList(rows: rows, strings: strings, eventIDTexts: eventIDTexts)
        }

        /// The table index plus one of string `id` (0 when the store has no such string).
        private mutating func index(of id: Int64) throws -> UInt32 {
            if let found = marks[id] { return found }
            if !marks.reaches(id), let found = overflow[id] { return found }
            var index: UInt32 = 0
            if let value = try store.strings.value(for: id) {
                strings.append(value)
                index = UInt32(strings.count)
            }
            if marks.reaches(id) { marks[id] = index } else { overflow[id] = index }
            return index
        }
    }
}
