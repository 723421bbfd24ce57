import Foundation
import Testing

@testable import LanternCore

/// Event rows keep their string ids packed in one blob (schema v5). The
/// blob round-trips, refuses what it is not, and a store written before
/// (one column per value) is upgraded, or read as it is when opened read-only,
/// with every event, raw record and activity answer unchanged.
@Suite(.serialized) struct EventRowTests {
    @Test func packedRowsRoundTripAndMalformedOnesAreRefused() throws {
        var row = EventRow(readOnly: true, block: 1 << 40, slot: 127)
        row[.source] = 0
        row[.ip] = Int64.max - 1
        row[.issuer] = 300
        for candidate in [row, EventRow(readOnly: nil, block: 1, slot: 0), EventRow(readOnly: false, block: 0, slot: 5)] {
            let encoded = candidate.encoded
            let decoded = encoded.withUnsafeBytes { EventRow(decoding: $0) }
            #expect(decoded == candidate)
            for column in EventRow.Column.allCases { #expect(decoded?[column] == candidate[column]) }
            // Cut short, or with a byte too many: refused.
            #expect(encoded.dropLast().withUnsafeBytes { EventRow(decoding: UnsafeRawBufferPointer($0)) } == nil)
            #expect((encoded + [0]).withUnsafeBytes { EventRow(decoding: $0) } == nil)
        }
        #expect(row[.name] == nil && row[.source] == 0 && row[.ip] == Int64.max - 1)
        var badFlag = EventRow(readOnly: nil, block: 1, slot: 0).encoded
        badFlag[EventRow.Column.allCases.count] = 3
        #expect(badFlag.withUnsafeBytes { EventRow(decoding: $0) } == nil)
    }

    /// Copies `source`'s data into a new database at `path` laid out as
    /// schema v4 left it: migrations v1–v4 applied, one column per value.
    static func writeV4Store(from source: Store, to path: String) throws {
        let db = try SQLiteConnection(path: path)
        try db.execute("CREATE TABLE lantern_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        for migration in Schema.migrations.prefix(4) {
            try db.execute(migration.sql)
            try db.prepare("INSERT INTO lantern_migrations VALUES (?, 'then')").execute([.text(migration.name)])
        }
        try db.execute("ATTACH DATABASE '\(source.path)' AS new")
        for table in ["strings", "raw_dictionaries", "raw_blocks", "event_postings", "event_index", "identity_links",
                      "credential_issues", "sources"] {
            try db.execute("INSERT INTO main.\(table) SELECT * FROM new.\(table)")
        }
        let read = try db.prepare("SELECT id, uid, time, event_id, fields FROM new.events ORDER BY id")
        let write = try db.prepare("""
            INSERT INTO main.events (id, uid, time, event_id, source, name, ip, user_agent, error_code, region,
                recipient, identity_type, arn, access_key, principal_id, account, issuer, read_only, block, slot)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try read.bind([])
        while try read.step() {
            let r = read.row
            let row = try #require(r.withBlob(4) { EventRow(decoding: $0) })
            var values: [SQLiteValue] = [.integer(r.int(0)), .integer(r.int(1)), .integer(r.int(2)), r.value(3)]
            values += EventRow.Column.allCases.map { row[$0].map(SQLiteValue.integer) ?? .null }
            values += [row.readOnly.map { .integer($0 ? 1 : 0) } ?? .null, .integer(row.block), .integer(row.slot)]
            try write.execute(values)
        }
        read.reset()
        try db.execute("CREATE INDEX IF NOT EXISTS events_uid ON events(uid); DETACH DATABASE new")
    }

    @Test func aStoreFromBeforeIsUpgradedOrReadAsItIs() throws {
        let invictus = try TestSupport.sharedData("cloudtrail/invictus")
        let (store, directory) = try TestSupport.temporaryStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try Ingestor(store: store).ingest(paths: [invictus])
        let count = Int64(try store.counts().events)
        #expect(count > 1000)
        let events = try store.events(rowIDs: Array(1...count))
        let raw = try events.map { try store.rawRecord(of: $0) }
        let values = [CorrelationTests.bertJan, CorrelationTests.bertJanKey, "3.225.16.109", "123837392027"]
        func activity(_ store: Store) throws -> [EventList] {
            try values.map { try Correlator(store: store).activity(of: try #require(Observable(detecting: $0)), in: .all).events }
        }
        let expected = try activity(store)
        #expect(expected.allSatisfy { !$0.isEmpty })

        let old = directory.appendingPathComponent("v4.db").path
        try Self.writeV4Store(from: store, to: old)
        let readOnlyCopy = directory.appendingPathComponent("v4-copy.db").path
        try FileManager.default.copyItem(atPath: old, toPath: readOnlyCopy)

        // Read-only: nothing is migrated, the columns are read as they are.
        let reader = try Store(path: readOnlyCopy, readOnly: true)
        #expect(!reader.packedEventRows)
        #expect(try reader.events(rowIDs: Array(1...count)) == events)
        #expect(try activity(reader) == expected)
        #expect(try reader.eventNameCounts() == (try store.eventNameCounts()))

        // Writable: upgraded to packed rows, and everything reads the same.
        let upgraded = try Store(path: old)
        #expect(upgraded.packedEventRows)
        #expect(try upgraded.appliedMigrations() == Schema.migrations.map(\.name))
        #expect(try upgraded.db.scalar("SELECT count(*) FROM pragma_table_info('events')") == .integer(5))
        let after = try upgraded.events(rowIDs: Array(1...count))
        #expect(after == events)
        #expect(try after.map { try upgraded.rawRecord(of: $0) } == raw)
        #expect(try activity(upgraded) == expected)
        #expect(try upgraded.aggregate(matching: [CorrelationTests.bertJan]).total
            == (try store.aggregate(matching: [CorrelationTests.bertJan])).total)
        #expect(try upgraded.event(eventID: try #require(events[5].eventID)) == events[5])
        #expect(try upgraded.integrityCheck() == "ok")

        // The real binary says why a first open takes a while, once.
        let viaCLI = directory.appendingPathComponent("v4-cli.db").path
        try Self.writeV4Store(from: store, to: viaCLI)
        let binary = try TestSupport.lanternBinary()
        let first = try TestSupport.run(binary, ["activity", "3.225.16.109", "--db", viaCLI])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("upgrading \(viaCLI) (v5-packed-event-rows)"), "\(first.stderr)")
        let second = try TestSupport.run(binary, ["activity", "3.225.16.109", "--db", viaCLI])
        #expect(second.status == 0 && !second.stderr.contains("upgrading"), "\(second.stderr)")
        #expect(first.stdout == second.stdout)
    }
}
