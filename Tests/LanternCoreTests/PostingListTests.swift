import Foundation
import Testing

@testable import LanternCore

/// The packed correlation index: blobs per value of a day's hours, plus the
/// recent entries a live ingest adds one by one; reads must see both as one.
@Suite struct PostingListTests {
    @Test func daysAreFloorDivisions() {
        let day = PostingList.day
        #expect(PostingList.day(of: 0) == 0)
        #expect(PostingList.day(of: day - 1) == 0)
        #expect(PostingList.day(of: day) == 1)
        #expect(PostingList.day(of: -1) == -1)
        #expect(PostingList.day(of: -day) == -1)
        #expect(PostingList.day(of: -day - 1) == -2)
    }

    @Test(arguments: [Int64(-3), 0, 19_500])
    func packedEntriesComeBackOnceAndOnlyInTheirWindow(day: Int64) {
        var rng = SplitMix64(seed: UInt64(bitPattern: day) &+ 11)
        let start = day * PostingList.day
        var entries: [PostingList.Entry] = []
        var event: Int64 = 0
        for _ in 0..<5_000 {
            event += Int64(rng.next() % 5_000) + 1
            // Busy hours and empty ones, as a principal's day has.
            let hour = Int64(rng.next() % 3 == 0 ? rng.next() % 24 : 9 + rng.next() % 3)
            let offset = hour * PostingList.hour + Int64(rng.next() % UInt64(PostingList.hour))
            // CloudTrail times are whole seconds; other sources may carry milliseconds.
            let time = start + (rng.next() % 3 == 0 ? offset : offset / 1000 * 1000)
            entries.append(.init(time: time, event: event))
        }
        for i in stride(from: entries.count - 1, to: 0, by: -1) {
            entries.swapAt(i, Int(rng.next() % UInt64(i + 1)))  // any order in
        }
        let rows = PostingList.encodeRows(entries + entries.prefix(50), day: day)
        // Rows of whole hours, in order, each within a page unless one hour alone is bigger.
        #expect(rows.count > 1)
        #expect(zip(rows, rows.dropFirst()).allSatisfy { $0.lastHour < $1.lastHour })
        for row in rows {
            let first = row.data.withUnsafeBytes { PostingList.firstHour(of: $0, day: day) }
            #expect(row.data.count <= PostingList.rowBytes || first == row.lastHour)
            #expect(PostingList.day(ofRowEndingAt: row.lastHour) == day)
        }
        let data = rows.flatMap(\.data)  // the rows of a day, back to back, are one valid blob
        #expect(data.count < entries.count * 6, "\(data.count) bytes for \(entries.count) entries")

        let windows = (0..<30).map { _ -> (Int64, Int64) in
            let a = start - PostingList.hour + Int64(rng.next() % UInt64(PostingList.day + 2 * PostingList.hour))
            let b = a + Int64(rng.next() % UInt64(4 * PostingList.hour))
            return (a, b)
        } + [(Int64.min, Int64.max), (start, start), (start + PostingList.day, Int64.max)]
        for (from, to) in windows {
            var decoded: [PostingList.Entry] = []
            let valid = data.withUnsafeBytes { PostingList.decode($0, day: day, from: from, to: to, into: &decoded) }
            #expect(valid)
            let expected = entries.filter { $0.time >= from && $0.time <= to }
            #expect(decoded.count == expected.count)
            #expect(Set(decoded.map(\.event)) == Set(expected.map(\.event)))
            #expect(decoded.allSatisfy { entry in expected.contains(entry) })
        }
    }

    @Test func truncatedOrMalformedDataIsRefused() {
        let data = PostingList.encodeRows([.init(time: 1_000, event: 300), .init(time: 2_000, event: 301)], day: 0)
            .flatMap(\.data)
        // Cut short; a section longer than the blob; an hour past the day's 24; a varint that never ends.
        for bad in [[UInt8](data.dropLast()), [0, 9, 1, 2], [24, 2, 1, 2], [0, 0x80]] {
            var decoded: [PostingList.Entry] = []
            #expect(!bad.withUnsafeBytes { PostingList.decode($0, day: 0, from: .min, to: .max, into: &decoded) }, "\(bad)")
        }
    }

    /// Files ingested into an empty store are packed; a second ingest adds
    /// its entries one by one to `event_index`. Activity and profiles read
    /// both, and match the independent Python reading before and after the
    /// recent entries are folded into the packed days.
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

    /// A live ingest folds what it added once enough waits; one with less leaves it in `event_index`.
    @Test func aLiveIngestFoldsOnceEnoughEntriesWait() throws {
        let invictus = try TestSupport.sharedData("cloudtrail/invictus")
        let files = try FileManager.default.contentsOfDirectory(atPath: invictus + "/CloudTrail")
            .filter { $0.hasSuffix(".json") }.sorted().map { invictus + "/CloudTrail/" + $0 }
        let (store, directory) = try TestSupport.temporaryStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        func recent() throws -> Int64 {
            guard case .integer(let count)? = try store.db.scalar("SELECT count(*) FROM event_index") else { return -1 }
            return count
        }
        _ = try Ingestor(store: store).ingest(paths: [files[0]])
        _ = try Ingestor(store: store).ingest(paths: [files[1]])
        let waiting = try recent()
        #expect(waiting > 0)
        var tuning = Ingestor.Tuning()
        tuning.foldRecentIndexAt = waiting + 1
        _ = try Ingestor(store: store, tuning: tuning).ingest(paths: [files[2]])
        #expect(try recent() == 0)
        let three = directory.appendingPathComponent("three")
        try FileManager.default.createDirectory(at: three, withIntermediateDirectories: true)
        for file in files.prefix(3) {
            try FileManager.default.copyItem(atPath: file, toPath: three.appendingPathComponent((file as NSString).lastPathComponent).path)
        }
        for value in ["123837392027", "3.225.16.109"] {
            let truth = try TestSupport.run("/usr/bin/env", [
                "python3", TestSupport.packageRoot.appendingPathComponent("scripts/truth_activity.py").path,
                "activity", three.path, value,
            ])
            #expect(truth.status == 0, "\(truth.stderr)")
            let expected = try JSONSerialization.jsonObject(with: Data(truth.stdout.utf8)) as? [String] ?? []
            let activity = try Correlator(store: store).activity(of: try #require(Observable(detecting: value)), in: .all)
            if value == "123837392027" { #expect(!expected.isEmpty) }  // the account is on every event
            #expect(Set(activity.events.compactMap(\.eventID)) == Set(expected), "\(value)")
            #expect(try store.aggregate(matching: [value]).total == expected.count, "\(value)")
        }
        let stored = try store.counts().events
        #expect(stored > 0)
    }

    @Test func aCorruptPackedDayIsAnErrorNamingIt() throws {
        let (store, directory) = try TestSupport.temporaryStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try Ingestor(store: store).ingest(paths: [try TestSupport.sharedData("cloudtrail/invictus")])
        let key = try #require(try store.strings.existingID(for: CorrelationTests.bertJanKey))
        // An hour past the day's 24, then an empty row (never written, so not "nothing here").
        for data in ["x'80'", "x''"] {
            try store.db.execute("UPDATE event_postings SET data = \(data) WHERE value = \(key)")
            let error = #expect(throws: StoreError.self) {
                try Correlator(store: store).activity(of: try #require(Observable(detecting: CorrelationTests.bertJanKey)), in: .all)
            }
            let text = try #require(error).description
            #expect(text.contains("value \(key)") && text.contains("corrupt"), "\(data): \(text)")
        }
    }
}
