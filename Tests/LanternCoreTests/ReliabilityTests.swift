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

    /// A reader opening while another connection holds the database
    /// waits for it (from its very first statement) instead of failing
    /// with "database is locked".
    @Test func aReaderOpeningWhileTheDatabaseIsHeldWaits() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("held.db").path
        _ = try Store(path: path)  // Made, then closed: the holder needs the only open connection.
        let held = LockedData()
        let released = LockedData()
        let holder = Thread {
            do {
                let connection = try SQLiteConnection(path: path)
                try connection.execute("""
                    PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;
                    INSERT INTO lantern_state (key, value) VALUES ('held', 'yes');
                    """)
                held.set(Data("held".utf8))
                Thread.sleep(forTimeInterval: 0.5)
                released.set(Data("released".utf8))
                try connection.execute("COMMIT; PRAGMA locking_mode = NORMAL; SELECT count(*) FROM lantern_state;")
            } catch {
                held.set(Data("failed: \(error)".utf8))
            }
        }
        holder.start()
        while held.get().isEmpty { Thread.sleep(forTimeInterval: 0.01) }
        #expect(String(decoding: held.get(), as: UTF8.self) == "held")
        let reader = try Store(path: path, readOnly: true)
        #expect(!released.get().isEmpty, "the reader opened while the database was held")
        #expect(try reader.db.scalar("SELECT value FROM lantern_state WHERE key = 'held'") == .text("yes"))
    }

    // MARK: - Full disk, read-only file system, missing database directory

    /// A small first ingest, then a corpus too big for the space left: the second run fails with
    /// a clear message and a non-zero status, and the database still passes `PRAGMA
    /// integrity_check` with the first run's data intact. `fill` runs the CLI in a setting
    /// where writes fail after a few MB.
    func fullDiskKeepsEarlierData(db: String, scratch: URL, fill: ([String]) throws -> (status: Int32, stdout: String, stderr: String))
        throws -> (status: Int32, stderr: String)
    {
        let binary = try TestSupport.lanternBinary()
        let small = try TestSupport.sharedData("cloudtrail/stratus-detonation/detonation-logs/aws.persistence.iam-create-admin-user.json")
        let first = try fill([binary, "ingest", "--db", db, "--json", small])
        #expect(first.status == 0, "the first, small ingest must fit: \(first.stderr)")
        let truth = try TestSupport.groundTruth("cloudtrail", [small])
        let firstCount = try #require(truth["unique_event_ids"] as? Int)
        #expect(try Store(path: db, readOnly: true).counts().events == firstCount)

        let corpus = scratch.appendingPathComponent("corpus").path
        let generated = try TestSupport.run(binary, ["bench", "corpus", "--events", "40000", "--out", corpus])
        #expect(generated.status == 0, "\(generated.stderr)")
        let second = try fill([binary, "ingest", "--db", db, corpus])
        #expect(second.status != 0, "an ingest that cannot fit must fail")
        #expect(second.status != 65, "a full disk is a runtime failure, not bad input")
        #expect(!second.stderr.contains("Fatal error"), "crashed: \(second.stderr)")

        // Sound, the first run's events all there, and of the failed run exactly the files whose
        // commit went through (a file's `sources` row commits with its events).
        let store = try Store(path: db)
        #expect(try store.integrityCheck() == "ok")
        let count = try store.counts().events
        guard case .integer(let committed)? = try store.db.scalar("SELECT sum(stored) FROM sources") else {
            throw TestFailure("no sources rows")
        }
        #expect(count == Int(committed), "\(count) events, but the committed files hold \(committed)")
        #expect(count >= firstCount && count < firstCount + 40_000)
        let records = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: small))) as? [[String: Any]])
        for id in records.compactMap({ $0["eventID"] as? String }) {
            let event = try #require(try store.event(eventID: id), "event \(id) of the first run was lost")
            #expect(try JSONValue.parse(try store.rawRecord(of: event))["eventID"]?.stringValue == id)
        }
        return (second.status, second.stderr)
    }

    /// Mounts a tmpfs with `options` at `mountPoint` (created); fails the test when mount fails.
    /// The caller unmounts it (`umount -l`).
    func mountTmpfs(_ mountPoint: URL, options: String) throws -> URL {
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        let mounted = try TestSupport.run("/bin/mount", ["-t", "tmpfs", "-o", options, "tmpfs", mountPoint.path])
        try #require(mounted.status == 0, "mount -t tmpfs failed: \(mounted.stderr)")
        return mountPoint
    }

    /// A real full disk: a 3 MB tmpfs mounted for the test (needs root; on this project's
    /// development and CI machines the tests run as root, and a failure to mount fails the test).
    @Test func fullDiskOnARealFileSystemFailsCleanly() throws {
        guard getuid() == 0 else {
            // Without root there is no mount; the RLIMIT_FSIZE test below covers the same path.
            Issue.record("not root: cannot mount a small tmpfs to fill; run as root for the ENOSPC check")
            return
        }
        let scratch = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let mountPoint = try mountTmpfs(scratch.appendingPathComponent("small-disk"), options: "size=3m,mode=0700")
        defer { _ = try? TestSupport.run("/bin/umount", ["-l", mountPoint.path]) }
        let db = mountPoint.appendingPathComponent("lantern/lantern.db").path

        let failed = try fullDiskKeepsEarlierData(db: db, scratch: scratch) { command in
            try TestSupport.run(command[0], Array(command.dropFirst()))
        }
        #expect(failed.stderr.contains("ingest failed: database or disk is full"), "\(failed.stderr)")

        // With room again, the same ingest completes: exactly the corpus plus the first file.
        let grown = try TestSupport.run("/bin/mount", ["-o", "remount,size=256m", mountPoint.path])
        try #require(grown.status == 0, "remount failed: \(grown.stderr)")
        let binary = try TestSupport.lanternBinary()
        let retry = try TestSupport.run(binary, ["ingest", "--db", db, "--json", scratch.appendingPathComponent("corpus").path])
        #expect(retry.status == 0, "\(retry.stderr)")
        let truth = try TestSupport.groundTruth("cloudtrail", [scratch.appendingPathComponent("corpus").path])
        let corpusEvents = try #require(truth["unique_event_ids"] as? Int)
        do {
            // Scoped: an open connection would keep the file system from going read-only below.
            let after = try Store(path: db)
            #expect(try after.counts().events == corpusEvents + 3)
            #expect(try after.integrityCheck() == "ok")
        }

        // Read-only file system: an ingest fails, naming the database, and changes nothing;
        // reading still works (readOnlyFileSystemAndFilesGiveClearErrors checks it in detail).
        let remount = try TestSupport.run("/bin/mount", ["-o", "remount,ro", mountPoint.path])
        try #require(remount.status == 0, "remount ro failed: \(remount.stderr)")
        let small = try TestSupport.sharedData("cloudtrail/stratus-detonation/detonation-logs/aws.credential-access.ec2-get-password-data.json")
        let refused = try TestSupport.run(binary, ["ingest", "--db", db, small])
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("database \(db)") && refused.stderr.contains("Read-only file system"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("Fatal error"))
        let read = try TestSupport.run(binary, ["findings", "--db", db])
        #expect(read.status == 0, "\(read.stderr)")
        let writable = try TestSupport.run("/bin/mount", ["-o", "remount,rw", mountPoint.path])
        try #require(writable.status == 0, "remount rw failed: \(writable.stderr)")
        let final = try Store(path: db)
        #expect(try final.integrityCheck() == "ok")
        #expect(try final.counts().events == corpusEvents + 3)
    }

    /// A read-only database file, a read-only file system and a folder the user cannot write:
    /// writing commands exit 1 naming the database and the reason (never SQLite's bare "unable
    /// to open database file" / "attempt to write a readonly database"), reading commands read a
    /// read-only file, the TUI does not mistake an unreadable database for an empty one, and
    /// nothing changes. Root ignores file modes, so the read-only file is a read-only bind mount
    /// of the file alone and the file system a tmpfs remounted `ro` (needs root: the tests run as
    /// root here and in CI; without root, or without mount/setpriv, the test fails).
    @Test func immutableURIEscapesEverythingButPlainPathCharacters() {
        #expect(Store.immutableURI("/media/evidence/case 7/l#1?.db%") ==
            "file:/media/evidence/case%207/l%231%3F.db%25?immutable=1")
        #expect(Store.immutableURI("/e/caf\u{e9}.db") == "file:/e/caf%C3%A9.db?immutable=1")
    }

    @Test func readOnlyFileSystemAndFilesGiveClearErrors() throws {
        try #require(getuid() == 0, "needs root to mount a read-only tmpfs and bind mount; run the tests as root")
        let binary = try TestSupport.lanternBinary()
        let scratch = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let mountPoint = try mountTmpfs(scratch.appendingPathComponent("disk"), options: "size=64m,mode=0755")
        defer { _ = try? TestSupport.run("/bin/umount", ["-l", mountPoint.path]) }
        let db = mountPoint.appendingPathComponent("lantern/l.db").path
        let first = try TestSupport.sharedData("cloudtrail/stratus-detonation/detonation-logs/aws.persistence.iam-create-admin-user.json")
        let second = try TestSupport.sharedData("cloudtrail/stratus-detonation/detonation-logs/aws.credential-access.ec2-get-password-data.json")
        #expect(try TestSupport.run(binary, ["ingest", "--db", db, first]).status == 0)
        let events = try Store(path: db, readOnly: true).counts().events
        #expect(events > 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: db))

        func expectClearFailure(_ arguments: [String], _ texts: [String], as user: [String] = []) throws {
            let command = user + [binary] + arguments
            let result = try TestSupport.run(command[0], Array(command.dropFirst()))
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            for text in texts { #expect(result.stderr.contains(text), "\(arguments): \(result.stderr)") }
            #expect(!result.stderr.contains("Fatal error"), "\(arguments): \(result.stderr)")
            #expect(!result.stdout.contains("No data"), "\(arguments): \(result.stdout)")
        }

        // 1. The database file alone read-only (its folder writable): writes refused, reads work.
        let bound = try TestSupport.run("/bin/mount", ["--bind", db, db])
        try #require(bound.status == 0, "bind mount failed: \(bound.stderr)")
        let readOnlyFile = try TestSupport.run("/bin/mount", ["-o", "remount,bind,ro", db])
        try #require(readOnlyFile.status == 0, "remount,bind,ro failed: \(readOnlyFile.stderr)")
        for arguments in [["ingest", "--db", db, second], ["case", "new", "t", "--db", db], ["intel", "add", "--db", db, first],
                          ["intel", "remove", "x", "--db", db]] {
            try expectClearFailure(arguments, ["cannot write database \(db): the database file is not writable (Read-only file system)"])
        }
        let listed = try TestSupport.run(binary, ["findings", "--db", db, "--json"])
        #expect(listed.status == 0, "a read-only database file is still read: \(listed.stderr)")
        #expect(try JSONValue.parse(listed.stdout).arrayValue != nil)
        let unmounted = try TestSupport.run("/bin/umount", [db])
        try #require(unmounted.status == 0, "umount of the bind mount failed: \(unmounted.stderr)")

        // 2. A folder the user cannot write (as `nobody`; the file readable, the folder 0755 root's).
        chmod(scratch.path, 0o755)
        chmod(mountPoint.appendingPathComponent("lantern").path, 0o755)
        chmod(db, 0o644)
        let setpriv = try #require(["/usr/bin/setpriv", "/bin/setpriv"].first { FileManager.default.isExecutableFile(atPath: $0) },
                                   "setpriv (util-linux) is needed to drop root for this test")
        let nobody = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
        try expectClearFailure(["ingest", "--db", db, second],
                               ["cannot write database \(db): the database file is not writable (Permission denied)"], as: nobody)
        chmod(db, 0o666)
        try expectClearFailure(["ingest", "--db", db, second],
                               ["cannot write database \(db): its folder \(mountPoint.path)/lantern is not writable (Permission denied)",
                                "l.db-wal"], as: nobody)
        chmod(db, 0o600)
        do { _ = try Store(path: db) }  // the last connection to close removes the -wal and -shm files
        #expect(!FileManager.default.fileExists(atPath: db + "-shm"))

        // 3. The whole file system read-only (evidence mounted read-only): writes refused naming
        // the reason; reading works — a WAL database cannot get its -shm file there, so it is
        // opened as immutable — and shows exactly what a writable mount shows.
        let before = try TestSupport.run(binary, ["findings", "--db", db, "--json"])
        let remount = try TestSupport.run("/bin/mount", ["-o", "remount,ro", mountPoint.path])
        try #require(remount.status == 0, "remount ro failed: \(remount.stderr)")
        try expectClearFailure(["ingest", "--db", db, second],
                               ["cannot write database \(db): the database file is not writable (Read-only file system)"])
        let readOnlyListing = try TestSupport.run(binary, ["findings", "--db", db, "--json"])
        #expect(readOnlyListing.status == 0, "\(readOnlyListing.stderr)")
        #expect(readOnlyListing.stdout == before.stdout)
        let store = try Store(path: db, readOnly: true)
        #expect(try store.counts().events == events)
        let writable = try TestSupport.run("/bin/mount", ["-o", "remount,rw", mountPoint.path])
        try #require(writable.status == 0, "remount rw failed: \(writable.stderr)")

        // Nothing changed: the same bytes, sound, the same events.
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == bytes)
        let after = try Store(path: db)
        #expect(try after.integrityCheck() == "ok")
        #expect(try after.counts().events == events)
    }

    /// The same with the file-size limit (RLIMIT_FSIZE, SIGXFSZ ignored so writes fail with EFBIG):
    /// needs no privileges.
    @Test func fileSizeLimitFailsCleanly() throws {
        let scratch = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let db = scratch.appendingPathComponent("db/lantern.db").path
        let failed = try fullDiskKeepsEarlierData(db: db, scratch: scratch) { command in
            // 4096 blocks of 512 bytes: 2 MiB per file.
            let quoted = command.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
            return try TestSupport.run("/bin/sh", ["-c", "trap '' XFSZ; ulimit -f 4096; exec \(quoted)"])
        }
        #expect(failed.status == 1, "\(failed.stderr)")
        #expect(failed.stderr.contains("ingest failed"), "\(failed.stderr)")
        print("ingest past RLIMIT_FSIZE: \(failed.stderr)")
    }

    /// A database path whose directory cannot be created (it lies under a file), and one that is created.
    @Test func missingDatabaseDirectoryGivesAClearError() throws {
        let binary = try TestSupport.lanternBinary()
        let scratch = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let file = scratch.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: file)
        let small = try TestSupport.sharedData("cloudtrail/stratus-detonation/detonation-logs/aws.persistence.iam-create-admin-user.json")
        let path = file.appendingPathComponent("sub/l.db").path
        let under = try TestSupport.run(binary, ["ingest", "--db", path, small])
        #expect(under.status == 1)
        #expect(under.stderr.contains(path) && under.stderr.contains("Not a directory"), "\(under.stderr)")
        #expect(!under.stderr.contains("Fatal error"))
        // A directory that is missing is created, private (0700), for a new database.
        let fresh = scratch.appendingPathComponent("new/dir/l.db").path
        #expect(try TestSupport.run(binary, ["ingest", "--db", fresh, small]).status == 0)
        let mode = try FileManager.default.attributesOfItem(atPath: scratch.appendingPathComponent("new/dir").path)[.posixPermissions]
        #expect(mode as? Int == 0o700)
        #expect(try FileManager.default.attributesOfItem(atPath: fresh)[.posixPermissions] as? Int == 0o600)
    }
}
