import Foundation
import Testing

@testable import LanternCore

/// Hostile file-system shapes and concurrent use of one database.
@Suite(.serialized) struct ReliabilityTests {
    @Test func symlinkLoopIsReportedOnceAndTheRestIsRead() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let inner = directory.appendingPathComponent("logs")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: inner.appendingPathComponent("loop").path, withDestinationPath: directory.path)
        let sample = try TestSupport.sharedData("cloudtrail/stratus-detonation/detonation-logs/aws.persistence.iam-create-admin-user.json")
        try FileManager.default.copyItem(atPath: sample, toPath: inner.appendingPathComponent("a.json").path)
        let (store, dbDirectory) = try TestSupport.temporaryStore()
        defer { try? FileManager.default.removeItem(at: dbDirectory) }
        let report = try Ingestor(store: store).ingest(paths: [directory.path])
        let truth = try TestSupport.groundTruth("cloudtrail", [sample])
        #expect(report.events.stored == truth["unique_event_ids"] as? Int)
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.reason.contains("symlink loop") == true)
    }

    @Test func missingPathsAndReadOnlyDatabasesGiveClearErrors() throws {
        let (store, directory) = try TestSupport.temporaryStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = try Ingestor(store: store).ingest(paths: [directory.appendingPathComponent("nope.json").path])
        #expect(report.problems.first?.reason.contains("No such file") == true)
        // A database that does not exist cannot be opened read-only, and says so.
        #expect(throws: StoreError.self) { try Store(path: directory.appendingPathComponent("absent.db").path, readOnly: true) }
        // A read-only connection refuses writes with SQLite's read-only error, not a crash.
        let reader = try Store(path: store.path, readOnly: true)
        #expect {
            try reader.db.execute("INSERT INTO lantern_state (key, value) VALUES ('x', 'y')")
        } throws: { error in
            (error as? SQLiteError)?.isReadOnly == true
        }
    }

    @Test func readersKeepWorkingWhileAnIngestWrites() throws {
        let (store, directory) = try TestSupport.temporaryStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = store.path
        let corpus = try TestSupport.sharedData("cloudtrail/invictus")
        let failures = LockedData()
        let done = LockedData()
        let writer = Thread {
            do {
                let writerStore = try Store(path: path)
                _ = try Ingestor(store: writerStore).ingest(paths: [corpus])
            } catch {
                failures.set(Data("writer: \(error)".utf8))
            }
            done.set(Data("done".utf8))
        }
        writer.start()
        // Read the whole time the writer runs: counts only grow, no "database is locked".
        var last = 0
        var reads = 0
        while done.get().isEmpty {
            let reader = try Store(path: path, readOnly: true)
            let count = try reader.counts().events
            #expect(count >= last)
            last = count
            reads += 1
        }
        #expect(failures.get().isEmpty, "\(String(decoding: failures.get(), as: UTF8.self))")
        #expect(reads > 0)
        #expect(try Store(path: path, readOnly: true).counts().events == 2900)
    }
}
