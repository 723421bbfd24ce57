import Foundation

/// Reads CloudTrail logs and findings from files and directories into a ``Store``.
///
/// Formats are recognised by content, never by file name. Every record is
/// either stored, counted as a duplicate, or reported with its file, index
/// and reason; one bad record never loses the good ones around it.
public final class Ingestor {
    /// Progress while ingesting, for a progress bar.
    public struct Progress: Sendable {
        public var filesDone: Int
        public var filesTotal: Int
        public var currentFile: String
        public var events: Int
        public var findings: Int
        /// Every file is read; the indexes are being built (a bulk load)
        /// or the recent index entries packed, which can take a while.
        public var indexing = false
    }

    /// Records per transaction within a large file.
    static let batchSize = 50_000

    private let store: Store
    private let strings: StringDictionary
    private let events: EventWriter
    private let findings: FindingWriter
    private let insertSource: SQLiteStatement

    /// Thresholds an ingest works with (tests lower them to reach every path with little data).
    public struct Tuning: Sendable {
        /// Index entries added one by one (`event_index`, by a live ingest
        /// into a store that has events) from which they are packed into
        /// `event_postings`: below it, folding would rewrite many packed
        /// days for a few entries each.
        public var foldRecentIndexAt: Int64 = 100_000
        /// Records after which the raw-record dictionary is trained again,
        /// on a sample of all of them (``RawBlockPacker``).
        public var retrainDictionaryAfter = 200_000

        public init() {}
    }

    private let tuning: Tuning

    /// Prepares to ingest into `store`.
    public init(store: Store, tuning: Tuning = Tuning()) throws {
        self.tuning = tuning
        self.store = store
        strings = store.strings
        // Loading into an empty store: build the indexes once at the end.
        let empty = try store.db.scalar("SELECT 1 FROM events LIMIT 1") == nil
        // A bounded page cache and no memory mapping: an ingest's memory
        // must not grow with the store (mapped pages count as resident).
        try store.db.execute("PRAGMA cache_size = -32768; PRAGMA mmap_size = 0")
        ResourceUsage.returnLargeBuffersToTheSystem()
        events = try store.db.transaction {
            try EventWriter(
                db: store.db, strings: store.strings, mode: empty ? .bulk : .live, blocksFromParser: true)
        }
        findings = try FindingWriter(db: store.db)
        insertSource = try store.db.prepare("""
            INSERT INTO sources (path, size, mtime, kind, records, stored, duplicates, skipped, ingested_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    /// Ingests every file under `paths`. Parsing runs on a second thread
    /// while this one writes, so both cores work.
    public func ingest(paths: [String], progress: ((Progress) -> Void)? = nil) throws -> IngestReport {
        var report = IngestReport()
        let started = Date()
        let listing = InputFiles.expand(paths)
        report.problems += listing.problems
        // Never read the database itself when it lies inside an ingested directory.
        let own = Set(["", "-wal", "-shm", "-journal"].map { Ingestor.realPath(store.path + $0) })
        let files = listing.files.filter { !own.contains(Ingestor.realPath($0)) }
        let pipeline = RecordPipeline(
            files: files, storeHasDictionary: events.hasDictionary, retrainDictionaryAfter: tuning.retrainDictionaryAfter)
        var file = FileState()
        var filesDone = 0
        do {
            while let batch = pipeline.next() {
                if let dictionary = batch.newDictionary { try events.adopt(dictionary: dictionary) }
                try batch.bytes.withUnsafeBufferPointer { bytes in
                    for item in batch.items {
                        switch item {
                        case .fileStart(let path, let size, let mtime):
                            progress?(Progress(filesDone: filesDone, filesTotal: files.count, currentFile: path,
                                               events: report.events.stored, findings: report.findings.stored))
                            file = FileState(path: path, size: size, mtime: mtime)
                            report.files += 1
                            report.bytes += size
                            try store.db.execute("BEGIN IMMEDIATE")
                        case .fileUnreadable(let path, let reason):
                            report.problems.append(.init(file: path, record: nil, reason: reason))
                        case .enrichment(let path, let kind):
                            report.files += 1
                            report.bytes += Int64(ResourceUsage.diskBytes(path))
                            do {
                                let outcome = try EnrichmentLoader.load(path: path, into: store, kind: kind)
                                report.enrichment.append((outcome.name, outcome.file.name, outcome.entries))
                                report.problems += outcome.issues.prefix(100).map {
                                    .init(file: path, record: $0.line, reason: "line \($0.line.map(String.init) ?? "?"): \($0.reason)")
                                }
                            } catch {
                                report.problems.append(.init(file: path, record: nil, reason: "\(error)"))
                            }
                            filesDone += 1
                        case .record(let index, let outcome, let range):
                            try store(outcome, index: index, raw: UnsafeBufferPointer(rebasing: bytes[range]),
                                      file: &file, report: &report)
                            file.pending += 1
                            try commitIfDue(&file)
                        case .blockEnd:
                            try events.flush()
                            try commitIfDue(&file)
                        case .problem(let index, let reason):
                            file.tally.skipped += 1
                            report.problems.append(.init(file: file.path, record: index, reason: reason))
                        case .fileEnd:
                            try finish(file)
                            filesDone += 1
                        }
                    }
                }
                pipeline.recycle(consume batch)
            }
            progress?(Progress(filesDone: files.count, filesTotal: files.count, currentFile: "",
                               events: report.events.stored, findings: report.findings.stored, indexing: true))
            try store.db.transaction { try events.finish(foldThreshold: tuning.foldRecentIndexAt) }
        } catch {
            pipeline.cancel()
            try? store.db.execute("ROLLBACK")
            strings.clearCache()
            try? events.discardPending()
            throw error
        }
        try? store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        progress?(Progress(filesDone: files.count, filesTotal: files.count, currentFile: "",
                           events: report.events.stored, findings: report.findings.stored))
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// Commits a large file every ``batchSize`` records, between raw blocks.
    private func commitIfDue(_ file: inout FileState) throws {
        guard file.pending >= Ingestor.batchSize, !events.hasPendingRecords else { return }
        try store.db.execute("COMMIT")
        try store.db.execute("BEGIN IMMEDIATE")
        file.pending = 0
    }

    static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The file being written, and its counts.
    private struct FileState {
        var path = ""
        var size: Int64 = 0
        var mtime: Int64 = 0
        var tally = FileTally()
        /// Records since the last commit.
        var pending = 0
    }

    private func finish(_ file: FileState) throws {
        try events.flush()
        try insertSource.execute([
            .text(file.path), .integer(file.size), .integer(file.mtime),
            .text(file.tally.kind), .integer(Int64(file.tally.records)), .integer(Int64(file.tally.stored)),
            .integer(Int64(file.tally.duplicates)), .integer(Int64(file.tally.skipped)),
            .text(Timestamp.string(milliseconds: Store.nowMilliseconds())),
        ])
        try store.db.execute("COMMIT")
    }

    private struct FileTally {
        var records = 0
        var stored = 0
        var duplicates = 0
        var skipped = 0
        var sawEvents = false
        var sawFindings = false

        var kind: String {
            switch (sawEvents, sawFindings) {
            case (true, true): return "mixed"
            case (true, false): return "cloudtrail"
            case (false, true): return "findings"
            case (false, false): return "unknown"
            }
        }
    }

    private func store(
        _ outcome: RecordClassifier.Outcome, index: Int, raw: UnsafeBufferPointer<UInt8>,
        file: inout FileState, report: inout IngestReport
    ) throws {
        file.tally.records += 1
        switch outcome {
        case .event(let event, _, let spans):
            file.tally.sawEvents = true
            if try events.add(event, raw: raw, spans: spans) {
                file.tally.stored += 1
                report.events.stored += 1
            } else {
                file.tally.duplicates += 1
                report.events.duplicate += 1
            }
        case .findings(let found):
            file.tally.sawFindings = true
            for finding in found {
                switch try findings.add(finding, source: nil) {
                case .stored:
                    file.tally.stored += 1
                    report.findings.stored += 1
                case .replaced:
                    file.tally.stored += 1
                    report.findings.updated += 1
                case .duplicate:
                    file.tally.duplicates += 1
                    report.findings.duplicate += 1
                }
            }
        case .skipped(let reason, let isEvent):
            file.tally.skipped += 1
            if isEvent { report.events.skipped += 1 } else { report.findings.skipped += 1 }
            report.problems.append(.init(file: file.path, record: index, reason: reason))
        case .unrecognized:
            file.tally.skipped += 1
            report.unrecognized += 1
            report.problems.append(.init(file: file.path, record: index, reason: "not a CloudTrail event or finding; skipped"))
        }
    }
}
