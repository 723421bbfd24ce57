import Foundation
import Testing

@testable import LanternCore

/// Raw records are compressed in blocks on the parsing thread; the writer
/// stores those blocks as they are unless it dropped duplicates from one.
/// Every path must keep each stored record byte for byte, in the slot its
/// event row names.
@Suite(.serialized) struct RawBlockPackingTests {
    /// Record `i`: distinct eventID, time, IP and spacing, so bytes are checkable exactly.
    static func record(_ i: Int) -> String {
        let id = String(format: "%08x-0000-4000-8000-%012x", i, i * 7)
        let time = Timestamp.string(milliseconds: 1_767_225_600_000 + Int64(i) * 1_000)
        let gap = String(repeating: " ", count: i % 3)
        return """
            {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/u\(i % 7)",\
            "accountId":"111122223333","accessKeyId":"AKIAEXAMPLE\(String(format: "%09d", i % 11))"},\
            "eventTime":"\(time)","eventSource":"s3.amazonaws.com","eventName":\(gap)"GetObject",\
            "awsRegion":"us-east-1","sourceIPAddress":"10.0.\(i / 256).\(i % 256)","userAgent":"agent/\(i % 5)",\
            "eventID":"\(id)","eventType":"AwsApiCall","recipientAccountId":"111122223333","n":\(i)}
            """
    }

    static func write(_ indices: [Int], to url: URL) throws {
        let body = "{\"Records\":[" + indices.map(record).joined(separator: ",") + "]}"
        try Data(body.utf8).write(to: url)
    }

    static func eventID(_ i: Int) -> String { String(format: "%08x-0000-4000-8000-%012x", i, i * 7) }

    /// Every record in `indices` is stored with exactly its bytes, and every
    /// block holds exactly the events that point into it.
    static func expectExact(_ store: Store, _ indices: some Sequence<Int>) throws {
        for i in indices {
            let event = try #require(try store.event(eventID: eventID(i)), "record \(i) missing")
            #expect(try store.rawRecord(of: event) == Array(record(i).utf8), "record \(i)")
        }
        let ids = try store.db.prepare("SELECT id FROM events").query { $0.int(0) }
        let slots = Dictionary(grouping: try store.events(rowIDs: ids), by: \.block).mapValues { $0.map(\.slot).sorted() }
        let blocks = try store.db.prepare("SELECT id, count FROM raw_blocks").query { ($0.int(0), Int($0.int(1))) }
        #expect(blocks.count == slots.count)
        for (block, count) in blocks { #expect(slots[block] == Array(0..<count), "block \(block)") }
    }

    @Test func bulkLoadWithDuplicatesInsideBlocksKeepsEveryRecordExactly() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let a = directory.appendingPathComponent("a.json")
        let b = directory.appendingPathComponent("b.json")
        try Self.write(Array(0..<150), to: a)
        // Overlaps a (100..<150), and repeats record 5 and 120 in the middle of a block.
        try Self.write(Array(100..<200) + [5, 120] + Array(200..<300), to: b)
        let store = try Store(path: directory.appendingPathComponent("l.db").path)

        let report = try Ingestor(store: store).ingest(paths: [a.path, b.path])

        #expect(report.events.stored == 300)
        #expect(report.events.duplicate == 52)
        #expect(try store.db.scalar("SELECT count(*) FROM raw_dictionaries") == .integer(1))
        try Self.expectExact(store, 0..<300)
    }

    @Test func liveIngestIntoAStoreReusesItsDictionary() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let a = directory.appendingPathComponent("a.json")
        let c = directory.appendingPathComponent("c.json")
        try Self.write(Array(0..<200), to: a)
        try Self.write(Array(150..<400), to: c)
        let store = try Store(path: directory.appendingPathComponent("l.db").path)
        _ = try Ingestor(store: store).ingest(paths: [a.path])

        let report = try Ingestor(store: store).ingest(paths: [c.path])

        #expect(report.events.stored == 200)
        #expect(report.events.duplicate == 50)
        #expect(try store.db.scalar("SELECT count(*) FROM raw_dictionaries") == .integer(1))
        #expect(try store.db.scalar("SELECT count(DISTINCT dictionary) FROM raw_blocks") == .integer(1))
        try Self.expectExact(store, 0..<400)
    }

    /// The first batch trains a dictionary; after `retrainDictionaryAfter`
    /// records one trained on a sample of all of them takes over. Blocks of
    /// both stay readable byte for byte.
    @Test func aSecondDictionaryTrainedOnASampleTakesOver() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var files: [String] = []
        for part in 0..<6 {
            let file = directory.appendingPathComponent("part\(part).json")
            try Self.write(Array(part * 2_000..<(part + 1) * 2_000), to: file)
            files.append(file.path)
        }
        let store = try Store(path: directory.appendingPathComponent("l.db").path)
        var tuning = Ingestor.Tuning()
        tuning.retrainDictionaryAfter = 9_000

        let report = try Ingestor(store: store, tuning: tuning).ingest(paths: files)

        #expect(report.events.stored == 12_000)
        #expect(try store.db.scalar("SELECT count(*) FROM raw_dictionaries") == .integer(2))
        #expect(try store.db.scalar("SELECT count(DISTINCT dictionary) FROM raw_blocks") == .integer(2))
        // Every block after the first one of the second dictionary uses it.
        #expect(try store.db.scalar("""
            SELECT count(*) FROM raw_blocks WHERE dictionary = 1 AND id > (SELECT min(id) FROM raw_blocks WHERE dictionary = 2)
            """) == .integer(0))
        try Self.expectExact(store, 0..<12_000)
    }

    @Test func aFewRecordsAreStoredWithoutADictionary() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let a = directory.appendingPathComponent("a.json")
        try Self.write(Array(0..<40) + [3], to: a)
        let store = try Store(path: directory.appendingPathComponent("l.db").path)

        let report = try Ingestor(store: store).ingest(paths: [a.path])

        #expect(report.events.stored == 40)
        #expect(try store.db.scalar("SELECT count(*) FROM raw_dictionaries") == .integer(0))
        try Self.expectExact(store, 0..<40)
    }

    /// `uid` keeps 31 bits of the eventID's hash, so distinct eventIDs can
    /// share one: both events are stored (bulk and live), each is found by
    /// its own eventID, and a repeat of either is still a duplicate.
    @Test func eventIDsSharingAUidAreStillTwoEvents() throws {
        var seen: [Int64: String] = [:]
        var pair: (String, String)?
        for n in 0..<2_000_000 where pair == nil {
            let id = String(format: "00000000-0000-4000-8000-%012x", n)
            let uid = EventWriter.uid(ofEventID: id)
            if let other = seen[uid] { pair = (other, id) } else { seen[uid] = id }
        }
        let (first, second) = try #require(pair)
        #expect(EventWriter.uid(ofEventID: first) == EventWriter.uid(ofEventID: second))
        func record(_ id: String, _ n: Int) -> String {
            """
            {"eventVersion":"1.08","eventTime":"2026-01-01T00:00:0\(n)Z","eventSource":"s3.amazonaws.com",\
            "eventName":"GetObject","sourceIPAddress":"10.0.0.\(n)","eventID":"\(id)","n":\(n)}
            """
        }
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let both = directory.appendingPathComponent("both.json")
        let again = directory.appendingPathComponent("again.json")
        try Data("{\"Records\":[\(record(first, 1)),\(record(second, 2))]}".utf8).write(to: both)
        try Data("{\"Records\":[\(record(second, 2)),\(record(first, 1))]}".utf8).write(to: again)
        for (name, paths) in [("bulk", [both.path, again.path]), ("live", [both.path])] {
            let store = try Store(path: directory.appendingPathComponent("\(name).db").path)
            if name == "live" {  // the store has events, so the collision meets the live check
                _ = try Ingestor(store: store).ingest(paths: [try TestSupport.sharedData("cloudtrail/invictus")])
            }
            var stored = 0
            for path in paths + (name == "live" ? [again.path] : []) {
                stored += try Ingestor(store: store).ingest(paths: [path]).events.stored
            }
            #expect(stored == 2, "\(name)")
            #expect(try store.event(eventID: first)?.sourceIPAddress == "10.0.0.1", "\(name)")
            #expect(try store.event(eventID: second)?.sourceIPAddress == "10.0.0.2", "\(name)")
        }
    }

    /// The v4 migration turns a stored full hash into the 31-bit `uid` in
    /// SQL; it must equal what the writer and lookups compute.
    @Test func theMigrationsUidEqualsTheWritersUid() throws {
        let (store, directory) = try TestSupport.temporaryStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        var rng = SplitMix64(seed: 5)
        for _ in 0..<1_000 {
            let id = String(format: "%08x-%04x-4%03x-8%03x-%012llx", UInt32(truncatingIfNeeded: rng.next()),
                            UInt16(truncatingIfNeeded: rng.next()), rng.next() % 4096, rng.next() % 4096,
                            rng.next() % (1 << 48))
            let migrated = try store.db.scalar("SELECT ? & 2147483647", [.integer(StableHash.hash(id))])
            #expect(migrated == .integer(EventWriter.uid(ofEventID: id)), "\(id)")
        }
    }

    /// EventIDs are stored as 16 bytes when they are lowercase UUIDs, as
    /// their text otherwise, and read back (``EventList``) exactly either way.
    @Test func eventIDsRoundTripWhetherPackedOrKeptAsText() throws {
        let canonical = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
        #expect(EventWriter.encodeEventID(canonical) == .blob(
            [0x0a, 0x1b, 0x2c, 0x3d, 0x4e, 0x5f, 0x4a, 0x6b, 0x8c, 0x7d, 0x9e, 0x0f, 0x1a, 0x2b, 0x3c, 0x4d]))
        let texts = [canonical, canonical.uppercased(), "0a1b2c3d4e5f-4a6b-8c7d-9e0f1a2b3c4d-", "short", "",
                     "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4g", "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4\u{e9}"]
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("ids.json")
        let records = texts.map { ["eventTime": "2024-01-01T00:00:00Z", "eventName": "A", "eventID": $0] }
        try JSONSerialization.data(withJSONObject: ["Records": records]).write(to: file)
        let store = try Store(path: directory.appendingPathComponent("l.db").path)
        #expect(try Ingestor(store: store).ingest(paths: [file.path]).events.stored == texts.count)
        for text in texts {
            #expect(try store.event(eventID: text)?.eventID == text, "\(text)")
        }
        let kinds = try store.db.prepare("SELECT typeof(event_id) FROM events ORDER BY id").query { $0.text(0) ?? "" }
        #expect(kinds == ["blob"] + Array(repeating: "text", count: texts.count - 1))
    }
}
