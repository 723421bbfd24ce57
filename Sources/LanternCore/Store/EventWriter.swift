/// Appends CloudTrail events to the store: the row, its correlation index
/// entries and its raw record, packed into compressed blocks.
///
/// Use inside a transaction; call ``flush()`` before committing so every
/// committed event has its raw record.
final class EventWriter {
    /// Records per compressed block: small blocks keep a lookup cheap
    /// (one block is inflated per event shown), large ones compress better.
    static let blockSize = 64

    private let db: SQLiteConnection
    private let strings: StringDictionary
    private let insertEvent: SQLiteStatement
    private let insertIndex: SQLiteStatement
    private let insertBlock: SQLiteStatement
    private var blockID: Int64
    private var pendingBytes: [UInt8] = []
    private var pendingLengths: [Int] = []

    init(db: SQLiteConnection, strings: StringDictionary) throws {
        self.db = db
        self.strings = strings
        insertEvent = try db.prepare("""
            INSERT OR IGNORE INTO events (uid, time, event_id, source, name, ip, user_agent, error_code, region,
                recipient, identity_type, arn, access_key, principal_id, account, issuer, read_only, block, slot)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertIndex = try db.prepare("INSERT OR IGNORE INTO event_index (value, time, event, role) VALUES (?, ?, ?, ?)")
        insertBlock = try db.prepare("INSERT INTO raw_blocks (id, codec, count, data) VALUES (?, ?, ?, ?)")
        if case .integer(let maxID)? = try db.scalar("SELECT max(id) FROM raw_blocks") {
            blockID = maxID + 1
        } else {
            blockID = 1
        }
    }

    /// Adds `event` with its `raw` record; false when an event with the same
    /// eventID is already stored.
    func add(_ event: CloudTrailEvent, raw: UnsafeBufferPointer<UInt8>) throws -> Bool {
        let uid = event.eventID.map(StableHash.hash) ?? StableHash.hash(raw)
        let s = insertEvent
        s.reset()
        s.bind(uid, at: 1)
        s.bind(event.time, at: 2)
        try s.bind(event.eventID.map(SQLiteValue.text) ?? .null, at: 3)
        s.bind(try strings.id(forOptional: event.eventSource), at: 4)
        s.bind(try strings.id(forOptional: event.eventName), at: 5)
        s.bind(try strings.id(forOptional: event.sourceIPAddress), at: 6)
        s.bind(try strings.id(forOptional: event.userAgent), at: 7)
        s.bind(try strings.id(forOptional: event.errorCode), at: 8)
        s.bind(try strings.id(forOptional: event.awsRegion), at: 9)
        s.bind(try strings.id(forOptional: event.recipientAccountId), at: 10)
        s.bind(try strings.id(forOptional: event.identityType), at: 11)
        s.bind(try strings.id(forOptional: event.arn), at: 12)
        s.bind(try strings.id(forOptional: event.accessKeyId), at: 13)
        s.bind(try strings.id(forOptional: event.principalId), at: 14)
        s.bind(try strings.id(forOptional: event.accountId), at: 15)
        s.bind(try strings.id(forOptional: event.sessionIssuerArn), at: 16)
        s.bind(event.readOnly.map { $0 ? 1 : 0 }, at: 17)
        s.bind(blockID, at: 18)
        s.bind(Int64(pendingLengths.count), at: 19)
        _ = try s.step()
        guard db.changes > 0 else { return false }
        let rowID = db.lastInsertRowID
        for entry in event.indexEntries {
            let i = insertIndex
            i.reset()
            i.bind(try strings.id(for: entry.value), at: 1)
            i.bind(event.time, at: 2)
            i.bind(rowID, at: 3)
            i.bind(entry.role.rawValue, at: 4)
            _ = try i.step()
        }
        pendingBytes.append(contentsOf: raw)
        pendingLengths.append(raw.count)
        if pendingLengths.count >= EventWriter.blockSize { try flush() }
        return true
    }

    /// Writes the pending partial block.
    func flush() throws {
        guard !pendingLengths.isEmpty else { return }
        let data = RawBlockCodec.encode(bytes: pendingBytes, lengths: pendingLengths)
        try insertBlock.execute([.integer(blockID), .integer(RawBlockCodec.zstd), .integer(Int64(pendingLengths.count)), .blob(data)])
        blockID += 1
        pendingBytes.removeAll(keepingCapacity: true)
        pendingLengths.removeAll(keepingCapacity: true)
    }

    /// Drops the pending block after a rollback and re-reads the next block id.
    func discardPending() throws {
        pendingBytes.removeAll(keepingCapacity: true)
        pendingLengths.removeAll(keepingCapacity: true)
        if case .integer(let maxID)? = try db.scalar("SELECT max(id) FROM raw_blocks") {
            blockID = maxID + 1
        } else {
            blockID = 1
        }
    }
}
