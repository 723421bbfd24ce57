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
    }

    /// Records per transaction within a large file.
    static let batchSize = 50_000

    private let store: Store
    private let strings: StringDictionary
    private let events: EventWriter
    private let findings: FindingWriter
    private let insertSource: SQLiteStatement

    /// Prepares to ingest into `store`.
    public init(store: Store) throws {
        self.store = store
        strings = store.strings
        events = try EventWriter(db: store.db, strings: strings)
        findings = try FindingWriter(db: store.db)
        insertSource = try store.db.prepare("""
            INSERT INTO sources (path, size, mtime, kind, records, stored, duplicates, skipped, ingested_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    /// Ingests every file under `paths`.
    public func ingest(paths: [String], progress: ((Progress) -> Void)? = nil) throws -> IngestReport {
        var report = IngestReport()
        let listing = InputFiles.expand(paths)
        report.problems += listing.problems
        // Never read the database itself when it lies inside an ingested directory.
        let own = Set(["", "-wal", "-shm", "-journal"].map { Ingestor.realPath(store.path + $0) })
        let files = listing.files.filter { !own.contains(Ingestor.realPath($0)) }
        for (i, file) in files.enumerated() {
            progress?(Progress(filesDone: i, filesTotal: files.count, currentFile: file,
                               events: report.events.stored, findings: report.findings.stored))
            try ingest(file: file, into: &report)
        }
        progress?(Progress(filesDone: files.count, filesTotal: files.count, currentFile: "",
                           events: report.events.stored, findings: report.findings.stored))
        return report
    }

    static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private func ingest(file: String, into report: inout IngestReport) throws {
        let source: any ByteSource
        do {
            source = try openByteSource(path: file)
        } catch {
            report.problems.append(.init(file: file, record: nil, reason: "cannot read: \(error)"))
            return
        }
        var info = stat()
        stat(file, &info)
        report.files += 1
        report.bytes += Int64(info.st_size)

        var fileTally = FileTally()
        var pendingInTransaction = 0
        var failure: Error?
        try store.db.execute("BEGIN IMMEDIATE")
        let stream = RecordStream(source: source)
        stream.forEachRecord({ bytes, index, container in
            guard failure == nil else { return }
            do {
                try self.ingest(record: bytes, index: index, container: container, file: file,
                                tally: &fileTally, report: &report)
                pendingInTransaction += 1
                if pendingInTransaction >= Ingestor.batchSize {
                    try self.events.flush()
                    try self.store.db.execute("COMMIT")
                    try self.store.db.execute("BEGIN IMMEDIATE")
                    pendingInTransaction = 0
                }
            } catch {
                failure = error
            }
        }, problem: { problem in
            fileTally.skipped += 1
            report.problems.append(.init(file: file, record: problem.recordIndex, reason: problem.reason))
        })
        do {
            if let failure { throw failure }
            try events.flush()
            try insertSource.execute([
                .text(file), .integer(Int64(info.st_size)), .integer(Int64(info.st_mtim.tv_sec)),
                .text(fileTally.kind), .integer(Int64(fileTally.records)), .integer(Int64(fileTally.stored)),
                .integer(Int64(fileTally.duplicates)), .integer(Int64(fileTally.skipped)),
                .text(Timestamp.string(milliseconds: Store.nowMilliseconds())),
            ])
            try store.db.execute("COMMIT")
        } catch {
            try? store.db.execute("ROLLBACK")
            strings.clearCache()
            try events.discardPending()
            throw error
        }
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

    private func ingest(
        record bytes: UnsafeBufferPointer<UInt8>, index: Int, container: RecordStream.Container, file: String,
        tally: inout FileTally, report: inout IngestReport
    ) throws {
        tally.records += 1
        func skip(_ reason: String, events isEvent: Bool) {
            tally.skipped += 1
            if isEvent { report.events.skipped += 1 } else { report.findings.skipped += 1 }
            report.problems.append(.init(file: file, record: index, reason: reason))
        }
        func storeEvent(_ event: CloudTrailEvent, raw: UnsafeBufferPointer<UInt8>) throws {
            tally.sawEvents = true
            if try events.add(event, raw: raw) {
                tally.stored += 1
                report.events.stored += 1
            } else {
                tally.duplicates += 1
                report.events.duplicate += 1
            }
        }

        switch container {
        case .records:
            do {
                try storeEvent(try CloudTrailScanner.scan(bytes), raw: bytes)
            } catch let rejection as CloudTrailScanner.Rejection {
                skip(rejection.description, events: true)
            }
            return
        case .events:
            // `lookup-events` output: the record is a JSON string member.
            guard let value = try? JSONValue.parse(bytes), let text = value["CloudTrailEvent"]?.stringValue else {
                skip("lookup-events entry has no CloudTrailEvent string", events: true)
                return
            }
            var raw = Array(text.utf8)
            try raw.withUnsafeMutableBufferPointer { buffer in
                let view = UnsafeBufferPointer(buffer)
                do {
                    try storeEvent(try CloudTrailScanner.scan(view), raw: view)
                } catch let rejection as CloudTrailScanner.Rejection {
                    skip("CloudTrailEvent: \(rejection)", events: true)
                }
            }
            return
        case .findings, .array, .document:
            break
        }

        if container != .findings {
            do {
                try storeEvent(try CloudTrailScanner.scan(bytes), raw: bytes)
                return
            } catch CloudTrailScanner.Rejection.notCloudTrail {
                // Not an event: try the finding shapes below.
            } catch let rejection as CloudTrailScanner.Rejection {
                skip(rejection.description, events: true)
                return
            }
        }
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes)
        } catch {
            skip("malformed JSON: \(error)", events: false)
            return
        }
        // EventBridge "AWS API Call via CloudTrail": the detail is the record.
        if let detail = value["detail"], detail["eventName"] != nil {
            var raw = Array(JSONWriter(pretty: false).string(detail).utf8)
            try raw.withUnsafeMutableBufferPointer { buffer in
                let view = UnsafeBufferPointer(buffer)
                do {
                    try storeEvent(try CloudTrailScanner.scan(view), raw: view)
                } catch let rejection as CloudTrailScanner.Rejection {
                    skip("EventBridge detail: \(rejection)", events: true)
                }
            }
            return
        }
        let found: [Finding]
        do {
            found = try FindingNormalizer.findings(in: value)
        } catch {
            if container == .findings {
                skip(error.description, events: false)
            } else {
                tally.skipped += 1
                report.unrecognized += 1
                report.problems.append(.init(file: file, record: index, reason: "not a CloudTrail event or finding; skipped"))
            }
            return
        }
        tally.sawFindings = true
        for finding in found {
            switch try findings.add(finding, source: nil) {
            case .stored:
                tally.stored += 1
                report.findings.stored += 1
            case .replaced:
                tally.stored += 1
                report.findings.updated += 1
            case .duplicate:
                tally.duplicates += 1
                report.findings.duplicate += 1
            }
        }
    }
}
