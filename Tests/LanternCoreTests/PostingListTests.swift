import Foundation
import Testing

@testable import LanternCore

/// The packed correlation index: one blob per value and hour, plus the
/// recent entries a live ingest adds one by one; reads must see both as one.
@Suite struct PostingListTests {
    @Test func hoursAreFloorDivisions() {
        let hour = PostingList.hour
        #expect(PostingList.bucket(of: 0) == 0)
        #expect(PostingList.bucket(of: hour - 1) == 0)
        #expect(PostingList.bucket(of: hour) == 1)
        #expect(PostingList.bucket(of: -1) == -1)
        #expect(PostingList.bucket(of: -hour) == -1)
        #expect(PostingList.bucket(of: -hour - 1) == -2)
    }

    @Test(arguments: [Int64(-3), 0, 468_000])
    func packedEntriesComeBackOnceAndOnlyInTheirWindow(bucket: Int64) {
        var rng = SplitMix64(seed: UInt64(bitPattern: bucket) &+ 11)
        let start = bucket * PostingList.hour
        var entries: [PostingList.Entry] = []
        var event: Int64 = 0
        for _ in 0..<2_000 {
            event += Int64(rng.next() % 5_000) + 1
            let offset = Int64(rng.next() % UInt64(PostingList.hour))
            // CloudTrail times are whole seconds; other sources may carry milliseconds.
            let time = start + (rng.next() % 3 == 0 ? offset : offset / 1000 * 1000)
            entries.append(.init(time: time, event: event))
        }
        for i in stride(from: entries.count - 1, to: 0, by: -1) {
            entries.swapAt(i, Int(rng.next() % UInt64(i + 1)))  // any order in, event order out
        }
        let data = PostingList.encode(entries + entries.prefix(50), bucket: bucket)
        #expect(data.count < entries.count * 6, "\(data.count) bytes for \(entries.count) entries")

        for _ in 0..<20 {
            let a = start + Int64(rng.next() % UInt64(PostingList.hour))
            let b = start + Int64(rng.next() % UInt64(PostingList.hour))
            let (from, to) = (min(a, b), max(a, b))
            var decoded: [PostingList.Entry] = []
            let valid = data.withUnsafeBytes { PostingList.decode($0, bucket: bucket, from: from, to: to, into: &decoded) }
            #expect(valid)
            let expected = entries.filter { $0.time >= from && $0.time <= to }
            #expect(decoded.count == expected.count)
            #expect(Set(decoded.map(\.event)) == Set(expected.map(\.event)))
            #expect(decoded.allSatisfy { entry in expected.contains(entry) })
        }
    }

    @Test func truncatedDataIsRefused() {
        let data = PostingList.encode([.init(time: 1_000, event: 300), .init(time: 2_000, event: 301)], bucket: 0)
        for cut in [[UInt8](data.dropLast()), [0x80], [0x05]] {
            var decoded: [PostingList.Entry] = []
            #expect(!cut.withUnsafeBytes { PostingList.decode($0, bucket: 0, from: .min, to: .max, into: &decoded) })
        }
    }

    /// Files ingested into an empty store are packed; a second ingest adds
    /// its entries one by one to `event_index`. Activity and profiles read
    /// both, and match the independent Python reading before and after the
    /// recent entries are folded into the packed hours.
    @Test func packedAndRecentEntriesReadAsOneBeforeAndAfterFolding() throws {
        let invictus = try TestSupport.sharedData("cloudtrail/invictus")
        let files = try FileManager.default.contentsOfDirectory(atPath: invictus + "/CloudTrail")
            .filter { $0.hasSuffix(".json") }.sorted().map { invictus + "/CloudTrail/" + $0 }
        #expect(files.count > 20)
        let (store, directory) = try TestSupport.temporaryStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try Ingestor(store: store).ingest(paths: Array(files.prefix(files.count / 2)))
        _ = try Ingestor(store: store).ingest(paths: Array(files.dropFirst(files.count / 2)))
        func rows(_ table: String) throws -> Int64 {
            guard case .integer(let count)? = try store.db.scalar("SELECT count(*) FROM \(table)") else { return -1 }
            return count
        }
        let recent = try rows("event_index")
        let packed = try rows("event_postings")
        #expect(recent > 0 && packed > 0, "recent \(recent), packed \(packed)")

        let script = TestSupport.packageRoot.appendingPathComponent("scripts/truth_activity.py").path
        let values = [CorrelationTests.bertJan, CorrelationTests.bertJanKey, "3.225.16.109", "123837392027"]
        func check() throws {
            for value in values {
                let result = try TestSupport.run("/usr/bin/env", ["python3", script, "activity", invictus, value])
                let expected = try #require(
                    try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String], "\(result.stderr)")
                let activity = try Correlator(store: store).activity(of: try #require(Observable(detecting: value)), in: .all)
                #expect(activity.events.count == expected.count, "\(value)")
                #expect(Set(activity.events.compactMap(\.eventID)) == Set(expected), "\(value)")
                #expect(try store.aggregate(matching: activity.matchedValues).total == expected.count, "\(value)")
            }
        }
        try check()
        try store.db.transaction { try EventWriter.foldRecentIndex(store.db) }
        #expect(try rows("event_index") == 0)
        try check()
    }

    @Test func aCorruptPackedHourIsAnErrorNamingIt() throws {
        let (store, directory) = try TestSupport.temporaryStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try Ingestor(store: store).ingest(paths: [try TestSupport.sharedData("cloudtrail/invictus")])
        let key = try #require(try store.strings.existingID(for: CorrelationTests.bertJanKey))
        try store.db.execute("UPDATE event_postings SET data = x'80' WHERE value = \(key)")
        let error = #expect(throws: StoreError.self) {
            try Correlator(store: store).activity(of: try #require(Observable(detecting: CorrelationTests.bertJanKey)), in: .all)
        }
        let text = try #require(error).description
        #expect(text.contains("value \(key)") && text.contains("corrupt"), "\(text)")
    }
}
