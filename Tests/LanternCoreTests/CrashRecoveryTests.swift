import Foundation
import Testing

@testable import LanternCore

/// SIGKILL in the middle of an ingest: the store stays sound, committed
/// batches are complete, and re-running the ingest ends with exactly the
/// expected events, indexed, and no duplicates.
@Suite(.serialized) struct CrashRecoveryTests {
    static func corpus() throws -> (directory: URL, events: Int) {
        let directory = try TestSupport.temporaryDirectory()
        let demo = try #require(DemoData.directory)
        var templates: [JSONValue] = []
        let files = try FileManager.default.subpathsOfDirectory(atPath: demo + "/cloudtrail").filter { $0.hasSuffix(".json.gz") }
        for file in files.prefix(10) {
            RecordStream(source: try openByteSource(path: demo + "/cloudtrail/" + file)).forEachRecord({ bytes, _, _ in
                if let value = try? JSONValue.parse(bytes) { templates.append(value) }
            }, problem: { _ in })
        }
        var generator = CorpusGenerator(events: 30_000, seed: 3)
        generator.recordsPerFile = 500
        let result = try generator.write(to: directory.path, templates: templates)
        return (directory, result.events)
    }

    @Test(arguments: [0.15, 0.4, 0.8])
    func killedIngestRecoversToExactCounts(delay: Double) throws {
        let binary = try TestSupport.lanternBinary()
        let (corpus, total) = try Self.corpus()
        defer { try? FileManager.default.removeItem(at: corpus) }
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = directory.appendingPathComponent("k.db").path

        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["ingest", "--db", db, "--json", corpus.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: delay)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        // Opening completes an interrupted bulk load; the file is sound.
        let store = try Store(path: db)
        #expect(try store.integrityCheck() == "ok")
        let partial = try store.counts().events
        #expect(partial <= total)

        let report = try Ingestor(store: store).ingest(paths: [corpus.path])
        #expect(report.problems.isEmpty)
        #expect(try store.counts().events == total)
        #expect(report.events.stored + report.events.duplicate == total)
        #expect(report.events.stored == total - partial)
        #expect(try store.integrityCheck() == "ok")

        // Every event is reachable through the correlation index by its access key.
        let sample = try store.sampleEvents(count: 20, seed: 1)
        for event in sample {
            let key = try #require(event.accessKeyId)
            let found = try store.events(matching: [key], in: TimeWindow(from: event.time, to: event.time))
            #expect(found.events.contains { $0.rowID == event.rowID })
        }
    }

    /// Starts `lantern ingest` of `corpus` into `db`, kills it with SIGKILL after `delay` seconds.
    static func killIngest(binary: String, db: String, corpus: String, after delay: Double) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["ingest", "--db", db, "--json", corpus]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: delay)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// What a killed ingest left behind must be whole: the file is sound, and the events are
    /// exactly those of the files whose commit went through (one commit per 500-record file:
    /// a file's `sources` row, with its stored count, commits with its events), each with its
    /// raw record.
    static func checkCommittedBatches(_ store: Store, total: Int, perFile: Int) throws -> Int {
        #expect(try store.integrityCheck() == "ok")
        let events = try store.counts().events
        // A re-run adds a `sources` row (with 0 stored) for each file it finds already stored.
        guard case .integer(let stored)? = try store.db.scalar("SELECT coalesce(sum(stored), 0) FROM sources") else {
            throw TestFailure("no sources sum")
        }
        #expect(events <= total)
        #expect(events == Int(stored), "\(events) events but the committed files stored \(stored)")
        #expect(events % perFile == 0, "\(events) events: a file was committed in part")
        for event in try store.sampleEvents(count: min(10, events), seed: 7) {
            let raw = try store.rawRecord(of: event)
            let value = try JSONValue.parse(raw)
            #expect(value["eventID"]?.stringValue == event.eventID)
        }
        return events
    }

    /// SIGKILL at random moments, many times over: half the rounds kill twice in a row on the
    /// same database (the second kill lands in the re-run that resumes the first). The seed is
    /// printed; `LANTERN_CRASH_SEED=N` repeats a run.
    @Test func killedAtRandomPointsRepeatedlyRecoversToExactCounts() throws {
        let binary = try TestSupport.lanternBinary()
        let (corpus, total) = try Self.corpus()
        defer { try? FileManager.default.removeItem(at: corpus) }
        let seed = ProcessInfo.processInfo.environment["LANTERN_CRASH_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 1...999_999)
        print("killedAtRandomPointsRepeatedly: LANTERN_CRASH_SEED=\(seed)")
        var generator = SeededGenerator(seed: seed)
        // How long a whole ingest of the corpus takes here, so kill points spread over all of it.
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let started = Date()
        let full = try TestSupport.run(binary, ["ingest", "--db", directory.appendingPathComponent("full.db").path, corpus.path])
        #expect(full.status == 0, "\(full.stderr)")
        let span = max(0.2, Date().timeIntervalSince(started))

        for round in 0..<8 {
            let db = directory.appendingPathComponent("r\(round).db").path
            let kills = round % 2 == 0 ? 1 : 2
            var counts: [Int] = []
            for _ in 0..<kills {
                let delay = Double.random(in: 0.02...(span * 1.1), using: &generator)
                try Self.killIngest(binary: binary, db: db, corpus: corpus.path, after: delay)
                let store = try Store(path: db)
                counts.append(try Self.checkCommittedBatches(store, total: total, perFile: 500))
            }
            // Nothing committed is ever lost by a later kill.
            #expect(counts == counts.sorted(), "round \(round): counts went down \(counts) (seed \(seed))")
            let store = try Store(path: db)
            let partial = try store.counts().events
            let report = try Ingestor(store: store).ingest(paths: [corpus.path])
            #expect(report.problems.isEmpty, "round \(round) (seed \(seed)): \(report.problems.prefix(3))")
            #expect(report.events.stored == total - partial)
            #expect(report.events.duplicate == partial)
            #expect(try store.counts().events == total)
            #expect(try store.integrityCheck() == "ok")
            // No duplicates by eventID.
            guard case .integer(let distinct)? = try store.db.scalar("SELECT count(DISTINCT event_id) FROM events") else {
                throw TestFailure("no distinct count")
            }
            #expect(Int(distinct) == total, "round \(round) (seed \(seed))")
        }
    }
}
