/// Reading CloudTrail events back: by eventID, by row, counts, raw records.
extension Store {
    static let eventColumns = """
        e.id, e.event_id, e.time, s1.value, s2.value, s3.value, s4.value, s5.value, s6.value, s7.value,
        s8.value, s9.value, s10.value, s11.value, s12.value, s13.value, e.read_only, e.block, e.slot
        """

    static let eventJoins = """
        LEFT JOIN strings s1 ON s1.id = e.source LEFT JOIN strings s2 ON s2.id = e.name
        LEFT JOIN strings s3 ON s3.id = e.ip LEFT JOIN strings s4 ON s4.id = e.user_agent
        LEFT JOIN strings s5 ON s5.id = e.error_code LEFT JOIN strings s6 ON s6.id = e.region
        LEFT JOIN strings s7 ON s7.id = e.recipient LEFT JOIN strings s8 ON s8.id = e.identity_type
        LEFT JOIN strings s9 ON s9.id = e.arn LEFT JOIN strings s10 ON s10.id = e.access_key
        LEFT JOIN strings s11 ON s11.id = e.principal_id LEFT JOIN strings s12 ON s12.id = e.account
        LEFT JOIN strings s13 ON s13.id = e.issuer
        """

    static func storedEvent(_ row: SQLiteRow) -> StoredEvent {
        StoredEvent(
            rowID: row.int(0), eventID: row.text(1), time: row.int(2), eventSource: row.text(3),
            eventName: row.text(4), sourceIPAddress: row.text(5), userAgent: row.text(6), errorCode: row.text(7),
            awsRegion: row.text(8), recipientAccountId: row.text(9), identityType: row.text(10), arn: row.text(11),
            accessKeyId: row.text(12), principalId: row.text(13), accountId: row.text(14),
            sessionIssuerArn: row.text(15), readOnly: row.optionalInt(16).map { $0 != 0 },
            block: row.int(17), slot: Int(row.int(18)))
    }

    /// The stored event with `eventID`, or nil.
    public func event(eventID: String) throws -> StoredEvent? {
        try db.prepare("SELECT \(Store.eventColumns) FROM events e \(Store.eventJoins) WHERE e.uid = ?")
            .query([.integer(StableHash.hash(eventID))], Store.storedEvent)
            .first(where: { $0.eventID == eventID })
    }

    /// The stored events with the given row ids, in time order. Strings
    /// are resolved through the dictionary cache, so repeated values
    /// (sources, names, IPs) cost one lookup each.
    public func events(rowIDs: [Int64]) throws -> [StoredEvent] {
        guard !rowIDs.isEmpty else { return [] }
        let statement = try db.prepare("""
            SELECT id, event_id, time, source, name, ip, user_agent, error_code, region, recipient,
                identity_type, arn, access_key, principal_id, account, issuer, read_only, block, slot
            FROM events WHERE id = ?
            """)
        var result: [StoredEvent] = []
        result.reserveCapacity(rowIDs.count)
        for id in rowIDs {
            try statement.bind([.integer(id)])
            guard try statement.step() else { continue }
            let row = statement.row
            func string(_ column: Int32) throws -> String? { try strings.value(for: row.optionalInt(column)) }
            result.append(StoredEvent(
                rowID: row.int(0), eventID: row.text(1), time: row.int(2), eventSource: try string(3),
                eventName: try string(4), sourceIPAddress: try string(5), userAgent: try string(6),
                errorCode: try string(7), awsRegion: try string(8), recipientAccountId: try string(9),
                identityType: try string(10), arn: try string(11), accessKeyId: try string(12),
                principalId: try string(13), accountId: try string(14), sessionIssuerArn: try string(15),
                readOnly: row.optionalInt(16).map { $0 != 0 }, block: row.int(17), slot: Int(row.int(18))))
        }
        statement.reset()
        return result.sorted { ($0.time, $0.rowID) < ($1.time, $1.rowID) }
    }

    /// The row ids of events in `window` that are found by any of `values`
    /// in any of `roles` (all roles when nil), in time order, at most `limit`.
    /// One range scan of the correlation index per value.
    public func eventRowIDs(
        matching values: [String], roles: Set<EventRole>? = nil, in window: TimeWindow, limit: Int = 100_000
    ) throws -> (ids: [Int64], truncated: Bool) {
        let statement = try db.prepare("""
            SELECT event, time, role FROM event_index WHERE value = ? AND time BETWEEN ? AND ? ORDER BY time
            """)
        var seen: Set<Int64> = []
        var found: [(time: Int64, id: Int64)] = []
        var truncated = false
        for value in Set(values) {
            guard let valueID = try strings.existingID(for: value) else { continue }
            try statement.bind([.integer(valueID), .integer(window.from), .integer(window.to)])
            while try statement.step() {
                let row = statement.row
                if let roles, let role = EventRole(rawValue: row.int(2)), !roles.contains(role) { continue }
                let id = row.int(0)
                if seen.insert(id).inserted {
                    found.append((row.int(1), id))
                    if found.count > limit * 2 { truncated = true; break }
                }
            }
            statement.reset()
        }
        found.sort { ($0.time, $0.id) < ($1.time, $1.id) }
        if found.count > limit {
            truncated = true
            found.removeLast(found.count - limit)
        }
        return (found.map(\.id), truncated)
    }

    /// The query plan SQLite uses for the correlation lookup (for tests
    /// proving it is an index search, never a table scan).
    public func correlationQueryPlan() throws -> [String] {
        try db.prepare("""
            EXPLAIN QUERY PLAN SELECT event, time, role FROM event_index WHERE value = ? AND time BETWEEN ? AND ? ORDER BY time
            """).query([.integer(1), .integer(0), .integer(1)]) { $0.text(3) ?? "" }
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
        guard let block = try db.prepare("SELECT data FROM raw_blocks WHERE id = ?")
            .query([.integer(event.block)], { $0.blob(0) }).first,
            let records = RawBlockCodec.decode(block), event.slot < records.count
        else { throw StoreError.corruptRawBlock(block: event.block) }
        return records[event.slot]
    }
}
