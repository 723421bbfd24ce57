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
}
