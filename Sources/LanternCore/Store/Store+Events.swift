/// Reading CloudTrail events back: by eventID, by row, counts, raw records.
extension Store {
    /// The event columns every read selects, in the order ``EventList/Builder`` expects.
    var eventColumns: String { "e.id, e.event_id, e.time, " + eventRowColumns }

    /// The columns ``eventRow(_:column:id:)`` reads: the packed `fields`,
    /// or the columns of a store from before them opened read-only.
    var eventRowColumns: String { packedEventRows ? "e.fields" : EventRow.unpackedColumns }

    /// The stored event with `eventID`, or nil.
    public func event(eventID: String) throws -> StoredEvent? {
        let statement = try db.cached("SELECT \(eventColumns) FROM events e WHERE e.uid = ?")
        try statement.bind([.integer(EventWriter.uid(ofEventID: eventID))])
        defer { statement.reset() }
        var builder = EventList.Builder(store: self)
        while try statement.step() { try builder.append(statement.row) }
        return builder.finish().first { $0.eventID == eventID }
    }

    /// The events found by any of `values` in `window`, in time order, at
    /// most `limit` (the earliest). The index is read first — packed rows
    /// and recent entries of every value, merged, each event once — and
    /// only the events kept are read, in row order.
    public func events(
        matching values: [String], in window: TimeWindow, lookup: EventLookup = .activity, limit: Int = 100_000
    ) throws -> (events: EventList, truncated: Bool) {
        var entries: [PostingList.Entry] = []
        for value in Set(values) {
            guard let valueID = try strings.existingID(for: value) else { continue }
            try indexEntries(of: valueID, in: window, lookup: lookup, atLeast: limit < .max ? limit + 1 : limit, into: &entries)
        }
        entries.sort { ($0.time, $0.event) < ($1.time, $1.event) }
        var kept: [Int64] = []
        kept.reserveCapacity(min(entries.count, limit))
        var truncated = false
        for (index, entry) in entries.enumerated() where index == 0 || entry.event != entries[index - 1].event {
            // An event found by two values sorts twice, side by side (same time).
            guard kept.count < limit else {
                truncated = true
                break
            }
            kept.append(entry.event)
        }
        return (try events(rowIDs: kept), truncated)
    }

    /// Appends the index entries of `valueID` in `window` to `entries`: the
    /// packed rows, then the entries not packed yet. Reading stops after
    /// the row that brings this value's packed entries to `atLeast` (later
    /// rows hold only later events).
    func indexEntries(
        of valueID: Int64, in window: TimeWindow, lookup: EventLookup = .activity, atLeast: Int = .max,
        into entries: inout [PostingList.Entry]
    ) throws {
        if lookup == .activity, hasPostings {
            let start = entries.count
            let packed = try db.cached("SELECT hour, data FROM event_postings WHERE value = ? AND hour >= ? ORDER BY hour")
            try packed.bind([.integer(valueID), .integer(PostingList.hour(of: window.from))])
            defer { packed.reset() }
            while entries.count - start < atLeast, try packed.step() {
                let row = packed.row
                let day = PostingList.day(ofRowEndingAt: row.int(0))
                let outcome = row.withBlob(1) { data -> Bool? in
                    guard let first = PostingList.firstHour(of: data, day: day) else { return false }  // never written empty
                    // Rows come in time order: one starting after the window ends the scan.
                    guard first * PostingList.hour <= window.to else { return nil }
                    return PostingList.decode(data, day: day, from: window.from, to: window.to, into: &entries)
                }
                guard let valid = outcome else { break }
                guard valid else { throw StoreError.corruptPostingList(value: valueID, day: day) }
            }
        }
        let recent = try db.cached("""
            SELECT time, event FROM \(lookup.rawValue) WHERE value = ? AND time BETWEEN ? AND ? ORDER BY time LIMIT ?
            """)
        try recent.bind([
            .integer(valueID), .integer(window.from), .integer(window.to), .integer(Int64(atLeast)),
        ])
        defer { recent.reset() }
        while try recent.step() {
            entries.append(PostingList.Entry(time: recent.row.int(0), event: recent.row.int(1)))
        }
    }

    /// The event row's values (``EventRow``) read from ``eventRowColumns`` at `column` of event row `id`.
    func eventRow(_ row: SQLiteRow, column: Int32, id: Int64) throws -> EventRow {
        guard packedEventRows else { return EventRow(unpacked: row, from: column) }
        guard let packed = row.withBlob(column, EventRow.init(decoding:)) else { throw StoreError.corruptEventRow(id: id) }
        return packed
    }

    /// The stored events with the given row ids, in time order (read once
    /// each, in row order, which keeps neighbouring rows' pages together).
    /// Each distinct string is looked up once (``EventList/Builder``).
    func events(rowIDs: [Int64]) throws -> EventList {
        var builder = EventList.Builder(store: self, capacity: rowIDs.count)
        try forEachEvent(rowIDs: rowIDs, columns: eventColumns) { try builder.append($0) }
        var list = builder.finish()
        list.sortByTime()
        return list
    }

    /// Calls `body` with `columns` of the events with the given row ids, in
    /// row order, each once. Rows are read up to 64 ids per statement: one
    /// statement run per row cost about a microsecond a row on its own.
    func forEachEvent(rowIDs: [Int64], columns: String, _ body: (SQLiteRow) throws -> Void) throws {
        var ids = rowIDs.sorted()
        ids.removeSubrange(ids.partitioningAdjacentDuplicates())
        guard let last = ids.last else { return }
        let width = ids.count <= 8 ? 8 : 64
        let placeholders = Array(repeating: "?", count: width).joined(separator: ", ")
        let statement = try db.cached("SELECT \(columns) FROM events e WHERE e.id IN (\(placeholders))")
        defer { statement.reset() }
        for start in stride(from: 0, to: ids.count, by: width) {
            statement.reset()
            for i in 0..<width {
                // The last run repeats its last id; IN reads it once.
                statement.bind(start + i < ids.count ? ids[start + i] : last, at: Int32(i + 1))
            }
            while try statement.step() { try body(statement.row) }
        }
    }

    /// Which index a lookup reads.
    public enum EventLookup: String, Sendable {
        /// Events a value took part in (`event_index`).
        case activity = "event_index"
        /// Events that minted a credential (`credential_issues`).
        case issued = "credential_issues"
    }

    /// Values linked to `identity` (principal IDs of a user ARN, the role of a session).
    func linkedValues(of identity: String, kind: EventWriter.LinkKind) throws -> [String] {
        guard let id = try strings.existingID(for: identity) else { return [] }
        return try db.prepare("SELECT other FROM identity_links WHERE identity = ? AND kind = ?")
            .query([.integer(id), .integer(kind.rawValue)]) { $0.int(0) }
            .compactMap { try strings.value(for: $0) }.sorted()
    }

    /// The query plans SQLite uses for the correlation lookup, packed rows
    /// and recent entries (for tests proving they are index searches, never
    /// table scans).
    public func correlationQueryPlan() throws -> [String] {
        try [
            "SELECT hour, data FROM event_postings WHERE value = ? AND hour >= ? ORDER BY hour",
            "SELECT time, event FROM event_index WHERE value = ? AND time BETWEEN ? AND ? ORDER BY time LIMIT ?",
        ].flatMap { sql in
            try db.prepare("EXPLAIN QUERY PLAN " + sql).query { $0.text(3) ?? "" }
        }
    }

    /// How many events carry each eventName.
    public func eventNameCounts() throws -> [String: Int] {
        var byID: [Int64: Int] = [:]
        let statement = try db.prepare("SELECT e.id, \(eventRowColumns) FROM events e")
        try statement.bind([])
        while try statement.step() {
            if let name = try eventRow(statement.row, column: 1, id: statement.row.int(0))[.name] { byID[name, default: 0] += 1 }
        }
        var counts: [String: Int] = [:]
        for (id, count) in byID { counts[try strings.value(for: id) ?? "", default: 0] += count }
        return counts
    }

    /// The original bytes of an event's record, exactly as ingested.
    public func rawRecord(of event: StoredEvent) throws -> [UInt8] {
        try rawBlock(event.block).record(of: event)
    }

    /// One raw block's records, as stored.
    struct RawBlock {
        var id: Int64
        var records: [[UInt8]]
        /// Whether the records are stored forms (``RawRecordElision``), not the records as they came.
        var storedForms: Bool

        /// The record of `event` (one of this block's), restored from its stored form.
        func record(of event: StoredEvent) throws -> [UInt8] {
            guard event.slot < records.count else { throw StoreError.corruptRawBlock(block: id) }
            guard storedForms else { return records[event.slot] }
            guard let record = RawRecordElision.restore(records[event.slot], fields: event.fields) else {
                throw StoreError.corruptRawBlock(block: id)
            }
            return record
        }
    }

    /// The raw block `id`, decompressed.
    func rawBlock(_ id: Int64) throws -> RawBlock {
        let rows: [([UInt8], Int64?, Int64)] = try db.cached("SELECT data, dictionary, codec FROM raw_blocks WHERE id = ?")
            .query([.integer(id)]) { row in (row.blob(0), row.optionalInt(1), row.int(2)) }
        guard let (block, dictionaryID, codec) = rows.first,
              codec == RawBlockCodec.zstd || codec == RawBlockCodec.zstdStoredForms,
              let records = RawBlockCodec.decode(block, dictionary: try rawDictionary(dictionaryID))
        else { throw StoreError.corruptRawBlock(block: id) }
        return RawBlock(id: id, records: records, storedForms: codec == RawBlockCodec.zstdStoredForms)
    }

    private func rawDictionary(_ id: Int64?) throws -> RawDictionary? {
        guard let id else { return nil }
        if let cached = rawDictionaries[id] { return cached }
        let rows: [[UInt8]] = try db.prepare("SELECT data FROM raw_dictionaries WHERE id = ?")
            .query([.integer(id)]) { row in row.blob(0) }
        guard let data = rows.first, let dictionary = RawDictionary(data: data) else {
            throw StoreError.corruptRawBlock(block: -id)
        }
        rawDictionaries[id] = dictionary
        return dictionary
    }
}

extension Store {
    /// `count` events picked pseudo-randomly (deterministic for a seed), for benchmarks.
    public func sampleEvents(count: Int, seed: UInt64) throws -> EventList {
        guard case .integer(let maxID)? = try db.scalar("SELECT max(id) FROM events"), maxID > 0 else { return [] }
        var rng = SplitMix64(seed: seed)
        return try events(rowIDs: (0..<count).map { _ in Int64(rng.next() % UInt64(maxID)) + 1 })
    }
}

extension Array where Element: Equatable {
    /// Moves the first of each run of equal neighbours to the front, in
    /// order, and returns the range of the rest (for `removeSubrange`).
    mutating func partitioningAdjacentDuplicates() -> Range<Int> {
        guard !isEmpty else { return 0..<0 }
        var kept = 1
        for index in 1..<count where self[index] != self[kept - 1] {
            self[kept] = self[index]
            kept += 1
        }
        return kept..<count
    }
}
