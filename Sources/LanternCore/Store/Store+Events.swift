/// Reading CloudTrail events back: by eventID, by row, counts, raw records.
extension Store {
    /// The event columns every read selects, in the order `storedEvent(resolving:)` expects.
    static let eventColumns = """
        e.id, e.event_id, e.time, e.source, e.name, e.ip, e.user_agent, e.error_code, e.region, e.recipient,
        e.identity_type, e.arn, e.access_key, e.principal_id, e.account, e.issuer, e.read_only, e.block, e.slot
        """

    /// The stored event with `eventID`, or nil.
    public func event(eventID: String) throws -> StoredEvent? {
        try db.cached("SELECT \(Store.eventColumns) FROM events e WHERE e.uid = ?")
            .query([.integer(StableHash.hash(eventID))]) { try storedEvent(resolving: $0) }
            .first(where: { $0.eventID == eventID })
    }

    /// The events found by any of `values` in `window`, in time order, at
    /// most `limit`: one index range scan joined to the events table per
    /// value (SQLite follows the row ids itself, no query per event).
    public func events(
        matching values: [String], in window: TimeWindow, lookup: EventLookup = .activity, limit: Int = 100_000
    ) throws -> (events: [StoredEvent], truncated: Bool) {
        let statement = try db.cached("""
            SELECT \(Store.eventColumns) FROM \(lookup.rawValue) i JOIN events e ON e.id = i.event
            WHERE i.value = ? AND i.time BETWEEN ? AND ? ORDER BY i.time LIMIT ?
            """)
        var seen: Set<Int64> = []
        var found: [StoredEvent] = []
        for value in Set(values) {
            guard let valueID = try strings.existingID(for: value) else { continue }
            try statement.bind([.integer(valueID), .integer(window.from), .integer(window.to), .integer(Int64(limit) + 1)])
            while try statement.step() {
                let event = try storedEvent(resolving: statement.row)
                if seen.insert(event.rowID).inserted { found.append(event) }
            }
            statement.reset()
        }
        found.sort { ($0.time, $0.rowID) < ($1.time, $1.rowID) }
        let truncated = found.count > limit
        if truncated { found.removeLast(found.count - limit) }
        return (found, truncated)
    }

    /// An event from a row of the 19 event columns, strings resolved through the cache.
    private func storedEvent(resolving row: SQLiteRow) throws -> StoredEvent {
        func string(_ column: Int32) throws -> String? { try strings.value(for: row.optionalInt(column)) }
        let fields = EventFields(
            eventID: EventWriter.decodeEventID(row.value(1)), time: row.int(2),
            eventSource: try string(3), eventName: try string(4), sourceIPAddress: try string(5),
            userAgent: try string(6), errorCode: try string(7), awsRegion: try string(8),
            recipientAccountId: try string(9), identityType: try string(10), arn: try string(11),
            accessKeyId: try string(12), principalId: try string(13), accountId: try string(14),
            sessionIssuerArn: try string(15), readOnly: row.optionalInt(16).map { $0 != 0 })
        return StoredEvent(rowID: row.int(0), fields: fields, block: row.int(17), slot: Int(row.int(18)))
    }

    /// The stored events with the given row ids (for sampling), in time order. Strings
    /// are resolved through the dictionary cache, so repeated values
    /// (sources, names, IPs) cost one lookup each.
    func events(rowIDs: [Int64]) throws -> [StoredEvent] {
        guard !rowIDs.isEmpty else { return [] }
        let statement = try db.prepare("SELECT \(Store.eventColumns) FROM events e WHERE e.id = ?")
        var result: [StoredEvent] = []
        result.reserveCapacity(rowIDs.count)
        for id in rowIDs {
            try statement.bind([.integer(id)])
            guard try statement.step() else { continue }
            result.append(try storedEvent(resolving: statement.row))
        }
        statement.reset()
        return result.sorted { ($0.time, $0.rowID) < ($1.time, $1.rowID) }
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

    /// The query plan SQLite uses for the correlation lookup (for tests
    /// proving it is an index search, never a table scan).
    public func correlationQueryPlan() throws -> [String] {
        try db.prepare("""
            EXPLAIN QUERY PLAN SELECT event, time FROM event_index WHERE value = ? AND time BETWEEN ? AND ? ORDER BY time LIMIT ?
            """).query([.integer(1), .integer(0), .integer(1), .integer(10)]) { $0.text(3) ?? "" }
    }

    /// How many events carry each eventName.
    public func eventNameCounts() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        let statement = try db.prepare(
            "SELECT s.value, count(*) FROM events e JOIN strings s ON s.id = e.name GROUP BY e.name")
        let rows = try statement.query { row in (row.text(0) ?? "", Int(row.int(1))) }
        for (name, count) in rows { counts[name] = count }
        return counts
    }

    /// The original bytes of an event's record, exactly as ingested.
    public func rawRecord(of event: StoredEvent) throws -> [UInt8] {
        let records = try rawRecords(inBlock: event.block)
        guard event.slot < records.count else { throw StoreError.corruptRawBlock(block: event.block) }
        return records[event.slot]
    }

    /// Every raw record of one block.
    func rawRecords(inBlock id: Int64) throws -> [[UInt8]] {
        let rows: [([UInt8], Int64?)] = try db.cached("SELECT data, dictionary FROM raw_blocks WHERE id = ?")
            .query([.integer(id)]) { row in (row.blob(0), row.optionalInt(1)) }
        guard let (block, dictionaryID) = rows.first,
              let records = RawBlockCodec.decode(block, dictionary: try rawDictionary(dictionaryID))
        else { throw StoreError.corruptRawBlock(block: id) }
        return records
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
    public func sampleEvents(count: Int, seed: UInt64) throws -> [StoredEvent] {
        guard case .integer(let maxID)? = try db.scalar("SELECT max(id) FROM events"), maxID > 0 else { return [] }
        var rng = SplitMix64(seed: seed)
        return try events(rowIDs: (0..<count).map { _ in Int64(rng.next() % UInt64(maxID)) + 1 })
    }
}
