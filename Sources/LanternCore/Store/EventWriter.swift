import Foundation

/// Appends CloudTrail events to the store: the row, its correlation index
/// entries, its identity links and its raw record, packed into compressed blocks.
///
/// Two modes. *Live* keeps every index current as it goes (any store).
/// *Bulk* is for loading into an empty store: duplicates are caught in
/// memory, index entries are sorted outside the store (``IndexRunSorter``),
/// and the indexes are built once, in key order, by ``finish()`` — several times faster,
/// since nothing is inserted at random places in a large B-tree. A bulk
/// load cut short (crash, kill) is completed the next time the store opens.
///
/// Use inside a transaction; call ``flush()`` before committing so every
/// committed event has its raw record.
final class EventWriter {
    /// Records per compressed block: small blocks keep a lookup cheap
    /// (one block is inflated per event shown), large ones compress better.
    static let blockSize = 128
    /// Records gathered before training the raw-record dictionary (about
    /// 8 MB of CloudTrail; see ``RawDictionary/largestSize``).
    static let trainingRecords = 8000

    enum Mode {
        case live
        case bulk
    }

    /// Whether the parsing thread says where raw blocks end (the caller
    /// then calls ``flush()`` at each); otherwise the writer cuts them itself.
    let blocksFromParser: Bool
    private let db: SQLiteConnection
    private let strings: StringDictionary
    private let insertEvent: SQLiteStatement
    private let insertIndex: SQLiteStatement
    /// Bulk mode: index entries wait here and are inserted sorted by ``finish()``.
    private let sorter: IndexRunSorter?
    private let insertIssue: SQLiteStatement
    private let insertLink: SQLiteStatement
    private let insertBlock: SQLiteStatement
    private let insertDictionary: SQLiteStatement
    private let selectUID: SQLiteStatement?
    private var blockID: Int64
    private var dictionary: (id: Int64, codec: RawDictionary)?
    private var seenUIDs: Set<Int64> = []
    private var knownLinks: Set<Link> = []
    /// Records waiting for a block: bytes back to back, their lengths and their events' fields.
    private var pendingBytes: [UInt8] = []
    private var pendingLengths: [Int] = []
    private var pendingFields: [EventFields] = []
    /// Where each pending record's values lie, when the scanner said (``RawRecordElision/Spans``).
    private var pendingSpans: [RawRecordElision.Spans?] = []

    init(db: SQLiteConnection, strings: StringDictionary, mode: Mode, blocksFromParser: Bool = false) throws {
        self.db = db
        self.strings = strings
        self.blocksFromParser = blocksFromParser
        insertEvent = try db.prepare("INSERT INTO events (uid, time, event_id, fields) VALUES (?, ?, ?, ?)")
        if mode == .bulk {
            // Index entries are sorted outside the store; after a crash the
            // index is rebuilt from the raw records instead.
            try db.execute("""
                DROP INDEX IF EXISTS events_uid;
                INSERT OR REPLACE INTO lantern_state (key, value) VALUES ('bulk_load', 'in progress');
                """)
            selectUID = nil
        } else {
            selectUID = try db.prepare("SELECT 1 FROM events WHERE uid = ? AND event_id IS ?")
        }
        insertIndex = try db.prepare("INSERT INTO event_index (value, time, event) VALUES (?, ?, ?)")
        sorter = mode == .bulk ? IndexRunSorter() : nil
        insertIssue = try db.prepare("INSERT OR IGNORE INTO credential_issues (value, time, event) VALUES (?, ?, ?)")
        insertLink = try db.prepare("INSERT OR IGNORE INTO identity_links (identity, kind, other) VALUES (?, ?, ?)")
        insertBlock = try db.prepare("INSERT INTO raw_blocks (id, codec, dictionary, count, data) VALUES (?, ?, ?, ?, ?)")
        insertDictionary = try db.prepare("INSERT INTO raw_dictionaries (data) VALUES (?)")
        if case .integer(let maxID)? = try db.scalar("SELECT max(id) FROM raw_blocks") {
            blockID = maxID + 1
        } else {
            blockID = 1
        }
        let latest = try db.prepare("SELECT id, data FROM raw_dictionaries ORDER BY id DESC LIMIT 1")
        let rows: [(Int64, [UInt8])] = try latest.query { row in (row.int(0), row.blob(1)) }
        if let row = rows.first, let codec = RawDictionary(data: row.1) {
            dictionary = (row.0, codec)
        }
    }

    /// Adds `event` with its `raw` record (its values at `spans` in it, when
    /// known); false when an event with the same eventID is already stored.
    func add(_ event: CloudTrailEvent, raw: UnsafeBufferPointer<UInt8>, spans: RawRecordElision.Spans? = nil) throws -> Bool {
        let hash = event.eventID.map(StableHash.hash) ?? StableHash.hash(raw)
        let uid = event.eventID == nil ? hash : EventWriter.uid(ofEventIDHash: hash)
        let eventID = event.eventID.map(EventWriter.encodeEventID) ?? .null
        if let selectUID {
            try selectUID.bind([.integer(uid), eventID])
            let exists = try selectUID.step()
            selectUID.reset()
            if exists { return false }
        } else if !seenUIDs.insert(hash).inserted {
            return false
        }
        let (block, slot) = nextSlot()
        let s = insertEvent
        s.reset()
        s.bind(uid, at: 1)
        s.bind(event.time, at: 2)
        try s.bind(eventID, at: 3)
        // The index entries repeat column values: resolve each string once.
        var resolved: [(value: String, id: Int64)] = []
        func id(_ value: String?) throws -> Int64? {
            guard let value else { return nil }
            if let known = resolved.first(where: { $0.value == value }) { return known.id }
            let id = try strings.id(for: value)
            resolved.append((value, id))
            return id
        }
        var row = EventRow(readOnly: event.readOnly, block: block, slot: slot)
        for column in EventRow.Column.allCases { row[column] = try id(column.value(in: event.fields)) }
        try s.bind(.blob(row.encoded), at: 4)
        _ = try s.step()
        let (arn, principalID, issuer) = (row[.arn], row[.principalID], row[.issuer])
        let rowID = db.lastInsertRowID
        var indexed: [Int64] = []
        for entry in event.indexEntries {
            guard let valueID = try id(entry.value) else { continue }
            if entry.role == .issuedAccessKey || entry.role == .issuedSession {
                try insert(insertIssue, valueID, event.time, rowID)
            } else if !indexed.contains(valueID) {
                indexed.append(valueID)
            }
        }
        if let sorter {
            for valueID in indexed { try sorter.append(.init(value: valueID, time: event.time, event: rowID)) }
        } else {
            for valueID in indexed { try insert(insertIndex, valueID, event.time, rowID) }
        }
        if let arn, let principalID { try link(arn, .principalID, principalID) }
        if let arn, let issuer { try link(arn, .sessionIssuer, issuer) }
        pendingBytes.append(contentsOf: raw)
        pendingLengths.append(raw.count)
        pendingFields.append(event.fields)
        pendingSpans.append(spans)
        if !blocksFromParser, pendingLengths.count >= EventWriter.blockSize, !wantsTraining {
            try flush()
        }
        return true
    }

    private func insert(_ statement: SQLiteStatement, _ valueID: Int64, _ time: Int64, _ rowID: Int64) throws {
        statement.reset()
        statement.bind(valueID, at: 1)
        statement.bind(time, at: 2)
        statement.bind(rowID, at: 3)
        _ = try statement.step()
    }

    /// Kinds of `identity_links` rows.
    enum LinkKind: Int64 {
        /// A principal ID seen on events of an ARN.
        case principalID = 1
        /// The session issuer (role) of an assumed-role session ARN.
        case sessionIssuer = 2
    }

    private func link(_ identity: Int64, _ kind: LinkKind, _ other: Int64) throws {
        guard knownLinks.insert(Link(identity: identity, kind: kind.rawValue, other: other)).inserted else { return }
        try insertLink.execute([.integer(identity), .integer(kind.rawValue), .integer(other)])
    }

    private struct Link: Hashable {
        var identity: Int64
        var kind: Int64
        var other: Int64
    }

    /// Whether records are being held back to train the dictionary.
    private var wantsTraining: Bool {
        dictionary == nil && pendingLengths.count < EventWriter.trainingRecords
    }

    /// The block and slot the next record will occupy.
    private func nextSlot() -> (Int64, Int64) {
        let index = pendingLengths.count
        return (blockID + Int64(index / EventWriter.blockSize), Int64(index % EventWriter.blockSize))
    }

    /// Writes every pending record into blocks (training the dictionary
    /// first when enough records have been seen).
    func flush() throws {
        guard !pendingLengths.isEmpty else { return }
        let (stored, storedLengths) = pendingBytes.withUnsafeBufferPointer { all in
            var offset = 0
            let records = pendingLengths.map { length in
                defer { offset += length }
                return UnsafeBufferPointer(rebasing: all[offset..<offset + length])
            }
            return RawRecordElision.stored(records, fields: pendingFields, spans: pendingSpans)
        }
        if dictionary == nil, storedLengths.count >= 100,
           let trained = RawDictionary.train(samples: stored, sizes: storedLengths) {
            try adopt(dictionary: trained)
        }
        var offset = 0
        var index = 0
        while index < storedLengths.count {
            let end = min(index + EventWriter.blockSize, storedLengths.count)
            let lengths = Array(storedLengths[index..<end])
            let size = lengths.reduce(0, +)
            try storeBlock(RawBlockCodec.encode(
                bytes: stored[offset..<offset + size], lengths: lengths, dictionary: dictionary?.codec),
                count: lengths.count)
            offset += size
            index = end
        }
        clearPending()
    }

    private func clearPending() {
        pendingBytes.removeAll(keepingCapacity: true)
        pendingLengths.removeAll(keepingCapacity: true)
        pendingFields.removeAll(keepingCapacity: true)
        pendingSpans.removeAll(keepingCapacity: true)
    }

    /// Stores one compressed block of `count` records under the next block id.
    private func storeBlock(_ data: [UInt8], count: Int) throws {
        try insertBlock.execute([
            .integer(blockID), .integer(RawBlockCodec.zstdStoredForms), dictionary.map { .integer($0.id) } ?? .null,
            .integer(Int64(count)), .blob(data),
        ])
        blockID += 1
    }

    /// Whether new blocks are compressed with a dictionary.
    var hasDictionary: Bool { dictionary != nil }

    /// Whether records added since the last block are waiting for one.
    var hasPendingRecords: Bool { !pendingLengths.isEmpty }

    /// Stores a trained dictionary (`data`, its bytes); later blocks use it.
    func adopt(dictionary data: [UInt8]) throws {
        guard let codec = RawDictionary(data: data) else { return }
        try insertDictionary.execute([.blob(data)])
        dictionary = (db.lastInsertRowID, codec)
    }

    /// Builds the indexes of a bulk load by appending in key order. In live
    /// mode, packs the recent index entries into `event_postings` once
    /// `foldThreshold` of them wait (below, folding would rewrite many
    /// packed days for a few entries each).
    func finish(foldThreshold: Int64) throws {
        try flush()
        guard let sorter else {
            // Counting stops at the threshold: the recent table may be a whole store's index (upgraded from v3).
            let waiting = try db.scalar("SELECT count(*) FROM (SELECT 1 FROM event_index LIMIT ?)", [.integer(foldThreshold)])
            if waiting == .integer(foldThreshold) { try EventWriter.foldRecentIndex(db) }
            return
        }
        try EventWriter.appendPostings(sorted: sorter, to: db)
        try db.execute("""
            CREATE INDEX IF NOT EXISTS events_uid ON events(uid);
            DELETE FROM lantern_state WHERE key = 'bulk_load';
            """)
    }

    /// Packs every entry of `sorter` into `event_postings`, appended in key
    /// order, many rows per statement (the per-statement overhead was most
    /// of an append).
    private static func appendPostings(sorted sorter: IndexRunSorter, to db: SQLiteConnection) throws {
        let rows = 64
        let values = Array(repeating: "(?, ?, ?)", count: rows).joined(separator: ", ")
        let insertMany = try db.prepare("INSERT OR REPLACE INTO event_postings (value, hour, data) VALUES \(values)")
        let insertOne = try db.prepare("INSERT OR REPLACE INTO event_postings (value, hour, data) VALUES (?, ?, ?)")
        var pending: [(value: Int64, hour: Int64, data: [UInt8])] = []
        pending.reserveCapacity(rows)
        var grouper = PostingGrouper()
        func store(_ value: Int64, _ day: Int64, _ entries: [PostingList.Entry]) throws {
            for (hour, data) in PostingList.encodeRows(entries, day: day) {
                pending.append((value, hour, data))
                guard pending.count == rows else { continue }
                insertMany.reset()
                for (i, row) in pending.enumerated() {
                    insertMany.bind(row.value, at: Int32(3 * i + 1))
                    insertMany.bind(row.hour, at: Int32(3 * i + 2))
                    try insertMany.bind(.blob(row.data), at: Int32(3 * i + 3))
                }
                _ = try insertMany.step()
                pending.removeAll(keepingCapacity: true)
            }
        }
        try sorter.drain { entry in try grouper.add(entry, then: store) }
        try grouper.close(then: store)
        for row in pending { try insertOne.execute([.integer(row.value), .integer(row.hour), .blob(row.data)]) }
    }

    /// Moves the entries of `event_index` into `event_postings`, merged
    /// with the days already packed.
    static func foldRecentIndex(_ db: SQLiteConnection) throws {
        let recent = try db.prepare("SELECT value, time, event FROM event_index ORDER BY value, time, event")
        let packed = try db.prepare("SELECT hour, data FROM event_postings WHERE value = ? AND hour BETWEEN ? AND ?")
        let remove = try db.prepare("DELETE FROM event_postings WHERE value = ? AND hour BETWEEN ? AND ?")
        let insert = try db.prepare("INSERT INTO event_postings (value, hour, data) VALUES (?, ?, ?)")
        var grouper = PostingGrouper()
        func store(_ value: Int64, _ day: Int64, _ entries: [PostingList.Entry]) throws {
            var merged = entries
            let hours: [SQLiteValue] = [.integer(value), .integer(day * 24), .integer(day * 24 + 23)]
            try packed.bind(hours)
            defer { packed.reset() }
            while try packed.step() {
                let valid = packed.row.withBlob(1) {
                    PostingList.decode($0, day: day, from: .min, to: .max, into: &merged)
                }
                guard valid else { throw StoreError.corruptPostingList(value: value, day: day) }
            }
            packed.reset()
            try remove.execute(hours)
            for (hour, data) in PostingList.encodeRows(merged, day: day) {
                try insert.execute([.integer(value), .integer(hour), .blob(data)])
            }
        }
        try recent.bind([])
        while try recent.step() {
            let row = recent.row
            try grouper.add(.init(value: row.int(0), time: row.int(1), event: row.int(2)), then: store)
        }
        recent.reset()
        try grouper.close(then: store)
        try db.execute("DELETE FROM event_index")
    }

    /// Cuts entries arriving in key order into runs of one value and one day.
    private struct PostingGrouper {
        private var value: Int64 = 0
        private var day: Int64 = 0
        private var entries: [PostingList.Entry] = []

        mutating func add(
            _ entry: IndexRunSorter.Entry, then body: (Int64, Int64, [PostingList.Entry]) throws -> Void
        ) throws {
            let entryDay = PostingList.day(of: entry.time)
            if entry.value != value || entryDay != day { try close(then: body) }
            value = entry.value
            day = entryDay
            entries.append(PostingList.Entry(time: entry.time, event: entry.event))
        }

        mutating func close(then body: (Int64, Int64, [PostingList.Entry]) throws -> Void) throws {
            guard !entries.isEmpty else { return }
            try body(value, day, entries)
            entries.removeAll(keepingCapacity: true)
        }
    }

    /// Completes a bulk load that was cut short (its sorted entries died
    /// with the process): drops duplicate events, rebuilds the correlation
    /// index from the raw records (sorted, as a bulk load builds it), restores
    /// the uniqueness index.
    static func recoverBulkLoad(_ store: Store) throws {
        let db = store.db
        try db.execute("""
            DELETE FROM events WHERE id IN (
                SELECT e.id FROM events e JOIN (
                    SELECT uid, event_id, min(id) AS keep FROM events GROUP BY uid, event_id HAVING count(*) > 1) d
                ON e.uid = d.uid AND e.event_id IS d.event_id AND e.id <> d.keep);
            DELETE FROM event_index;
            DELETE FROM event_postings;
            """)
        let sorter = IndexRunSorter()
        // Read in runs of rows, each run's strings gathered once (EventList).
        let rows = try db.prepare("SELECT \(store.eventColumns) FROM events e WHERE e.id > ? ORDER BY e.id LIMIT 4096")
        var after: Int64 = 0
        var cachedBlock: (id: Int64, block: Store.RawBlock)?
        while true {
            try rows.bind([.integer(after)])
            var builder = EventList.Builder(store: store, capacity: 4096)
            while try rows.step() { try builder.append(rows.row) }
            rows.reset()
            let run = builder.finish()
            guard let last = run.last?.rowID else { break }
            after = last
            for stored in run {
                if cachedBlock?.id != stored.block {
                    cachedBlock = (stored.block, try store.rawBlock(stored.block))
                }
                let record = try cachedBlock.flatMap { try $0.block.record(of: stored) }
                let event = record?.withUnsafeBufferPointer { try? CloudTrailScanner.scan($0) }
                guard let event else { continue }
                var indexed: Set<Int64> = []
                for entry in event.indexEntries where entry.role != .issuedAccessKey && entry.role != .issuedSession {
                    let valueID = try store.strings.id(for: entry.value)
                    guard indexed.insert(valueID).inserted else { continue }
                    try sorter.append(.init(value: valueID, time: event.time, event: stored.rowID))
                }
            }
        }
        try appendPostings(sorted: sorter, to: db)
        try db.execute("""
            CREATE INDEX IF NOT EXISTS events_uid ON events(uid);
            DELETE FROM lantern_state WHERE key = 'bulk_load';
            """)
    }

    /// Drops pending records after a rollback and re-reads the next block id.
    func discardPending() throws {
        clearPending()
        if case .integer(let maxID)? = try db.scalar("SELECT max(id) FROM raw_blocks") {
            blockID = maxID + 1
        } else {
            blockID = 1
        }
    }

    /// The `uid` column of an event with `eventID`: 31 bits of its hash,
    /// which SQLite stores in 4 bytes (the full hash took 8, and as many
    /// again in `events_uid`). Events that share one are told apart by
    /// their eventIDs. An event without an eventID keeps the full hash of
    /// its raw record (those 64 bits are its identity).
    static func uid(ofEventID eventID: String) -> Int64 {
        uid(ofEventIDHash: StableHash.hash(eventID))
    }

    /// ``uid(ofEventID:)`` from the eventID's ``StableHash`` (the writer has it already).
    static func uid(ofEventIDHash hash: Int64) -> Int64 {
        hash & 0x7FFF_FFFF
    }

    /// An eventID as stored: 16 bytes for a canonical lower-case UUID
    /// (8-4-4-4-12), else its text exactly.
    static func encodeEventID(_ text: String) -> SQLiteValue {
        EventUUID(text).map { .blob($0.bytes) } ?? .text(text)
    }

}
