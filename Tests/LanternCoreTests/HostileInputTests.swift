import Foundation
import Testing

@testable import LanternCore

/// Malformed and hostile input files: each is reported with its file, record and reason,
/// the run goes on, the good records are stored, memory stays bounded, and the CLI exits 65.
/// (Issue #9, "Malformed input".)
@Suite(.serialized) struct HostileInputTests {
    // MARK: - Fixtures

    /// One CloudTrail event as a JSON object text; `extra` members are added or replace.
    static func event(_ id: String, second: Int = 0, _ extra: [(String, String)] = []) -> String {
        var members: [(String, String)] = [
            ("eventVersion", #""1.08""#), ("eventTime", "\"2024-01-01T00:00:\(String(format: "%02d", second))Z\""),
            ("eventSource", #""s3.amazonaws.com""#), ("eventName", #""GetObject""#), ("eventID", "\"\(id)\""),
            ("awsRegion", #""us-east-1""#), ("sourceIPAddress", #""203.0.113.9""#),
            ("userIdentity", #"{"type":"IAMUser","arn":"arn:aws:iam::123456789012:user/alice","accessKeyId":"AKIAIOSFODNN7EXAMPLE"}"#),
        ]
        for (key, value) in extra {
            if let index = members.firstIndex(where: { $0.0 == key }) { members[index].1 = value } else { members.append((key, value)) }
        }
        return "{" + members.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    static func write(_ text: String, _ url: URL) throws { try Data(text.utf8).write(to: url) }

    /// gzip of `data` by the system's `gzip` (not the project's writer).
    static func gzip(_ data: Data, in directory: URL) throws -> Data {
        let plain = directory.appendingPathComponent("gzip-input-\(UUID().uuidString)")
        let packed = directory.appendingPathComponent("gzip-output-\(UUID().uuidString)")
        defer { for url in [plain, packed] { try? FileManager.default.removeItem(at: url) } }
        try data.write(to: plain)
        let result = try TestSupport.run("/bin/sh", ["-c", "gzip -n -c \"$0\" > \"$1\"", plain.path, packed.path])
        guard result.status == 0 else { throw TestFailure("gzip failed (is it installed?): \(result.stderr)") }
        return try Data(contentsOf: packed)
    }

    /// How many complete lines Python's zlib can inflate from a (possibly truncated) gzip file.
    static func completeLinesPythonInflates(_ path: String) throws -> Int {
        let script = """
            import sys, zlib
            data = open(sys.argv[1], 'rb').read()
            out = zlib.decompressobj(31).decompress(data)
            print(out.count(b'\\n'))
            """
        let result = try TestSupport.run("/usr/bin/env", ["python3", "-c", script, path])
        guard result.status == 0, let count = Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw TestFailure("python3 zlib check failed: \(result.stderr)")
        }
        return count
    }

    // MARK: - Every malformed shape in one run of the real binary

    @Test func everyMalformedInputIsReportedAndTheGoodRecordsKept() throws {
        let binary = try TestSupport.lanternBinary()
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        func file(_ name: String) -> URL { input.appendingPathComponent(name) }

        // Good data, with its count from the independent ground truth.
        let good = try TestSupport.sharedData("cloudtrail/stratus-detonation/detonation-logs/aws.persistence.iam-create-admin-user.json")
        try FileManager.default.copyItem(atPath: good, toPath: file("00-good.json").path)
        let goodCount = try #require(try TestSupport.groundTruth("cloudtrail", [good])["unique_event_ids"] as? Int)

        // Truncated gzip: 400 JSON Lines events, the compressed file cut in half.
        let lines = (0..<400).map { Self.event("gz-\($0)", second: $0 % 60) }.joined(separator: "\n") + "\n"
        let compressed = try Self.gzip(Data(lines.utf8), in: directory)
        try compressed.prefix(compressed.count / 2).write(to: file("01-truncated.jsonl.gz"))
        let truncatedKept = try Self.completeLinesPythonInflates(file("01-truncated.jsonl.gz").path)
        #expect(truncatedKept > 0 && truncatedKept < 400)
        // Corrupt gzip: bytes flipped in the middle of the deflate stream; and a bad CRC.
        var corrupt = compressed
        for index in (corrupt.count / 2)..<(corrupt.count / 2 + 16) { corrupt[index] ^= 0xA5 }
        try corrupt.write(to: file("02-corrupt.jsonl.gz"))
        var badCRC = compressed
        badCRC[badCRC.count - 8] ^= 0xFF
        try badCRC.write(to: file("03-bad-crc.jsonl.gz"))
        // Truncated JSON: an S3 delivery file cut inside its third record.
        try Self.write("{\"Records\":[" + Self.event("tj-1") + "," + Self.event("tj-2") + ",{\"eventVersion\":\"1.0", file("04-truncated.json"))
        // Invalid UTF-8 inside strings (bad bytes, an encoded surrogate, an overlong form).
        var invalid = Data(Self.event("utf8-1", [("eventName", "\"Get\u{FFFD}\"")]).utf8)
        let marker = try #require(invalid.range(of: Data("\u{FFFD}".utf8)))
        invalid.replaceSubrange(marker, with: [0xFF, 0xFE, 0xED, 0xA0, 0x80, 0xC0, 0xAF])
        invalid += Data("\n".utf8) + Data(Self.event("utf8-2").utf8) + Data("\n".utf8)
        try invalid.write(to: file("05-invalid-utf8.jsonl"))
        // 10,000-deep nesting: a JSON Lines line (the next line is kept) and a record in an S3 file.
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        try Self.write(Self.event("deep-1", [("requestParameters", deep)]) + "\n" + Self.event("deep-2") + "\n", file("06-deep.jsonl"))
        try Self.write("{\"Records\":[" + Self.event("deep-3") + "," + Self.event("deep-4", [("requestParameters", deep)]) + ","
                       + Self.event("deep-5") + "]}", file("07-deep-records.json"))
        // Wrong types for known fields: only a missing or unusable time loses the event.
        let wrong = [
            Self.event("wt-1", [("eventTime", "12345")]),
            Self.event("wt-2", [("userIdentity", #""not an object""#)]),
            Self.event("wt-3", [("eventName", #"{"a":1}"#)]),
            Self.event("wt-4", [("sourceIPAddress", "[1,2]")]),
            Self.event("wt-5", [("readOnly", #""yes""#), ("resources", #""x""#)]),
            Self.event("wt-6", [("userIdentity", #"{"type":1,"arn":["x"],"accessKeyId":5,"sessionContext":"s"}"#)]),
            Self.event("wt-7", [("eventID", "42")]),
        ].joined(separator: "\n") + "\n"
        try Self.write(wrong, file("08-wrong-types.jsonl"))
        try Self.write(#"{"Records":{"not":"an array"}}"#, file("09-records-object.json"))
        try Self.write(#"{"SchemaVersion":"2018-10-08","Id":42,"ProductArn":"arn:aws:securityhub:us-east-1::product/aws/securityhub","Title":"t"}"#,
                       file("10-finding-wrong-id.json"))
        // Empty and blank files.
        try Data().write(to: file("11-empty.json"))
        try Self.write(" \n\t\n", file("12-blank.jsonl"))
        // Binary junk without a NUL byte (so no format can claim it by that), and with NULs.
        var generator = SeededGenerator(seed: 9)
        try Data((0..<4096).map { _ in UInt8.random(in: 1...255, using: &generator) }).write(to: file("13-junk.bin"))
        try Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }).write(to: file("14-junk.dat"))
        // A symlink loop and a FIFO (which must never be opened: it would block the run).
        try FileManager.default.createSymbolicLink(atPath: file("15-loop").path, withDestinationPath: input.path)
        #expect(mkfifo(file("16-fifo").path, 0o644) == 0)

        let db = directory.appendingPathComponent("db/lantern.db").path
        let result = try TestSupport.run(binary, ["ingest", "--db", db, "--json", input.path])
        #expect(result.status == 65, "\(result.stderr)")
        let summary = try JSONValue.parse(result.stdout)
        let errors = try #require(summary["errors"]?.arrayValue)
        func reasons(_ name: String) -> [(record: Int?, reason: String)] {
            errors.filter { $0["file"]?.stringValue?.hasSuffix(name) == true }
                .map { ($0["record"]?.intValue, $0["reason"]?.stringValue ?? "") }
        }
        func expectReported(_ name: String, record: Int?? = nil, _ words: String..., sourceLocation: SourceLocation = #_sourceLocation) {
            let found = reasons(name)
            #expect(!found.isEmpty, "no error reported for \(name)", sourceLocation: sourceLocation)
            for word in words {
                #expect(found.contains { $0.reason.contains(word) }, "\(name): \(found) lacks '\(word)'", sourceLocation: sourceLocation)
            }
            if let record {
                #expect(found.contains { $0.record == record }, "\(name): \(found) lacks record \(String(describing: record))",
                        sourceLocation: sourceLocation)
            }
        }
        expectReported("01-truncated.jsonl.gz", "truncated")
        expectReported("02-corrupt.jsonl.gz", "corrupt gzip")
        expectReported("03-bad-crc.jsonl.gz", "corrupt gzip")
        expectReported("04-truncated.json", record: 2, "truncated")
        expectReported("06-deep.jsonl", record: 0, "deeper than")
        expectReported("07-deep-records.json", record: 1, "deeper than")
        expectReported("08-wrong-types.jsonl", record: 0, "eventTime")
        expectReported("09-records-object.json", record: 0, "not a CloudTrail event or finding")
        expectReported("10-finding-wrong-id.json", record: 0, "no Id")
        expectReported("11-empty.json", record: .some(nil), "empty file")
        expectReported("12-blank.jsonl", record: .some(nil), "empty file")
        expectReported("13-junk.bin", "not JSON")
        expectReported("14-junk.dat", "not JSON")
        expectReported("15-loop", "symlink loop")
        expectReported("16-fifo", "not a regular file")
        #expect(reasons("00-good.json").isEmpty)
        #expect(reasons("05-invalid-utf8.jsonl").isEmpty)
        // No problem is reported twice, and none is empty.
        #expect(errors.allSatisfy { $0["reason"]?.stringValue?.isEmpty == false })
        #expect(reasons("02-corrupt.jsonl.gz").count == 1)
        // Neither blank nor junk files became (empty) intel sources.
        #expect(summary["enrichment"]?.arrayValue?.isEmpty == true)

        // Everything good was stored: computed from the inputs above, not from the code.
        let partialGzip = min(truncatedKept, 400)
        let expected = goodCount + partialGzip + 2 /* tj-1, tj-2 */ + 2 /* utf8 */ + 1 /* deep-2 */ + 2 /* deep-3, deep-5 */ + 6 /* wt-2…7 */
        let store = try Store(path: db)
        #expect(summary[path: "events", "stored"]?.intValue == expected, "\(result.stdout)")
        #expect(try store.counts().events == expected)
        #expect(try store.integrityCheck() == "ok")
        for id in ["tj-1", "tj-2", "utf8-2", "deep-2", "deep-3", "deep-5", "wt-2", "wt-3", "wt-6"] {
            #expect(try store.event(eventID: id) != nil, "event \(id) was not stored")
        }
        for id in ["deep-1", "deep-4", "wt-1"] { #expect(try store.event(eventID: id) == nil, "event \(id) should be skipped") }
        // Invalid UTF-8 is stored as U+FFFD replacement characters, never as raw bytes.
        let mangled = try #require(try store.event(eventID: "utf8-1"))
        #expect(mangled.eventName?.hasPrefix("Get\u{FFFD}") == true, "\(String(describing: mangled.eventName))")
    }

    // MARK: - Unreadable files

    /// A file the user may not read: as root, the binary runs as `nobody` (root reads anything).
    @Test func unreadableFileIsReportedAndTheRestRead() throws {
        let binary = try TestSupport.lanternBinary()
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try Self.write(Self.event("r-1") + "\n", input.appendingPathComponent("a-readable.jsonl"))
        try Self.write(Self.event("r-2") + "\n", input.appendingPathComponent("b-secret.jsonl"))
        try Self.write(Self.event("r-3") + "\n", input.appendingPathComponent("c-readable.jsonl"))
        chmod(input.appendingPathComponent("b-secret.jsonl").path, 0o000)
        let db = directory.appendingPathComponent("db/l.db").path
        var command = [binary, "ingest", "--db", db, "--json", input.path]
        if getuid() == 0 {
            // Let `nobody` reach the binary and the working directory.
            for path in [directory.path, input.path] { chmod(path, 0o777) }
            for name in ["a-readable.jsonl", "c-readable.jsonl"] { chmod(input.appendingPathComponent(name).path, 0o644) }
            let setpriv = try #require(["/usr/bin/setpriv", "/bin/setpriv"].first { FileManager.default.isExecutableFile(atPath: $0) },
                                       "setpriv (util-linux) is needed to drop root for this test")
            command = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"] + command
        }
        let result = try TestSupport.run(command[0], Array(command.dropFirst()))
        #expect(result.status == 65, "\(result.stderr)")
        let summary = try JSONValue.parse(result.stdout)
        #expect(summary[path: "events", "stored"]?.intValue == 2)
        let errors = try #require(summary["errors"]?.arrayValue)
        #expect(errors.count == 1)
        #expect(errors.first?["file"]?.stringValue?.hasSuffix("b-secret.jsonl") == true)
        #expect(errors.first?["reason"]?.stringValue?.contains("Permission denied") == true, "\(errors)")
    }

    // MARK: - One 100 MB line

    /// A single 100 MB JSON Lines record between two small ones: all three are stored and the
    /// peak memory stays within a small multiple of the record (the file is 100 MB; the
    /// bound is what matters, not the time).
    @Test func hundredMegabyteLineIsStoredWithBoundedMemory() throws {
        let binary = try TestSupport.lanternBinary()
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("big.jsonl")
        _ = FileManager.default.createFile(atPath: path.path, contents: nil)
        let handle = try FileHandle(forWritingTo: path)
        try handle.write(contentsOf: Data((Self.event("big-1") + "\n").utf8))
        let head = Self.event("big-2", [("requestParameters", "{\"blob\":\"PLACEHOLDER\"}")])
        let parts = head.components(separatedBy: "PLACEHOLDER")
        try handle.write(contentsOf: Data(parts[0].utf8))
        let chunk = Data(repeating: UInt8(ascii: "A"), count: 1 << 20)
        for _ in 0..<100 { try handle.write(contentsOf: chunk) }
        try handle.write(contentsOf: Data((parts[1] + "\n" + Self.event("big-3") + "\n").utf8))
        try handle.close()
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path.path)[.size] as? Int)
        #expect(size > 100 << 20)

        let db = directory.appendingPathComponent("l.db").path
        let result = try TestSupport.run(binary, ["ingest", "--db", db, "--json", path.path])
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try JSONValue.parse(result.stdout)
        #expect(summary[path: "events", "stored"]?.intValue == 3)
        let peak = try #require(summary["peakRSS"]?.intValue)
        print("100 MB line: peak RSS \(peak >> 20) MiB")
        #expect(peak < 1_200 << 20, "peak RSS \(peak >> 20) MiB for a 100 MiB record")
        // The big record is kept whole.
        let store = try Store(path: db, readOnly: true)
        #expect(try store.event(eventID: "big-2") != nil)
    }

    // MARK: - In-process checks of the same shapes

    @Test func findingsWithWrongTypesSayWhy() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let base = #"{"SchemaVersion":"2018-10-08","Id":"ID","ProductArn":"arn:aws:securityhub:us-east-1::product/aws/securityhub","GeneratorId":"g","AwsAccountId":"123456789012","Types":["TTPs/Test"],"CreatedAt":"2024-01-01T00:00:00Z","UpdatedAt":"2024-01-01T00:00:00Z","Severity":{"Label":"HIGH"},"Title":"t","Resources":[{"Type":"AwsEc2Instance","Id":"i-1"}]}"#
        let variants = [
            ("f-severity-string", #""Severity":{"Label":"HIGH"}"#, #""Severity":"HIGH""#),
            ("f-resources-object", #""Resources":[{"Type":"AwsEc2Instance","Id":"i-1"}]"#, #""Resources":{"a":1}"#),
            ("f-types-string", #""Types":["TTPs/Test"]"#, #""Types":"TTPs""#),
            ("f-title-array", #""Title":"t""#, #""Title":["x"]"#),
            ("f-account-number", #""AwsAccountId":"123456789012""#, #""AwsAccountId":123456789012"#),
        ]
        var lines = variants.map { base.replacingOccurrences(of: "\"ID\"", with: "\"\($0.0)\"").replacingOccurrences(of: $0.1, with: $0.2) }
        lines.append(#"{"schemaVersion":"2.0","accountId":"123456789012","id":"gd-bad","type":"Recon:EC2/PortProbeUnprotectedPort","severity":"high","service":"oops","resource":[1]}"#)
        try Self.write(lines.joined(separator: "\n") + "\n", directory.appendingPathComponent("f.jsonl"))
        let (store, dbDirectory) = try TestSupport.temporaryStore()
        defer { try? FileManager.default.removeItem(at: dbDirectory) }
        let report = try Ingestor(store: store).ingest(paths: [directory.path])
        // Wrong types in optional fields are tolerated; the finding is kept.
        #expect(report.findings.stored == variants.count, "\(report.problems)")
        // A GuardDuty finding without a numeric severity is skipped, and the reason says so.
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.record == variants.count)
        #expect(report.problems.first?.reason.contains("gd-bad has no numeric severity") == true, "\(report.problems)")
    }

    @Test func emptyAndBinaryFilesAreNotIntelSources() throws {
        #expect(IntelFormat.detect(firstBytes: Data(), fileName: "x.txt") == nil)
        #expect(IntelFormat.detect(firstBytes: Data(" \n\t\r\n".utf8), fileName: "x.txt") == nil)
        var generator = SeededGenerator(seed: 4)
        let junk = Data((0..<2048).map { _ in UInt8.random(in: 1...255, using: &generator) })
        #expect(IntelFormat.detect(firstBytes: junk, fileName: nil) == nil)
        // Real lists still are, including one with a stray Latin-1 byte in a comment.
        #expect(IntelFormat.detect(firstBytes: Data("# caf\u{E9}\n1.2.3.4\n".utf8), fileName: nil) == .plainList)
        var latin1 = Data("# caf".utf8)
        latin1.append(0xE9)
        latin1.append(contentsOf: Array("\n1.2.3.4\n5.6.7.8\n9.9.9.9\n10.0.0.1\n".utf8))
        #expect(IntelFormat.detect(firstBytes: latin1, fileName: nil) == .plainList)
        #expect(IntelFormat.detect(firstBytes: Data("# only a comment\n".utf8), fileName: nil) == .plainList)
    }

    /// Tag characters hide whole ASCII strings; Hangul fillers look blank. Both are escaped, and
    /// JSON escapes beyond U+FFFF are surrogate pairs (a bare `\ue0001` would corrupt the text).
    @Test func invisibleTagsAndFillersAreEscapedAndJSONStaysValid() throws {
        let hidden = "ok\u{E0001}\u{E0069}\u{E0067}\u{3164}\u{115F}"
        #expect(TerminalText.sanitize(hidden) == "ok\\u{e0001}\\u{e0069}\\u{e0067}\\u3164\\u115f")
        let json = JSONWriter(pretty: false).string(.string(hidden))
        // U+E0001 = 0xD0001 above 0x10000: high 0xD800 + 0x340, low 0xDC00 + 0x001.
        #expect(json == #""ok\udb40\udc01\udb40\udc69\udb40\udc67\u3164\u115f""#)
        #expect(try JSONValue.parse(json) == .string(hidden))
        // Foundation's parser reads the same text back.
        let foundation = try JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed) as? String
        #expect(foundation == hidden)
    }

    /// A record nested too deep to check, inside a `Records` array: split out by its brackets
    /// (strings with brackets and escaped quotes inside do not confuse it), so it is reported
    /// by its parser and the records after it are read — at any chunk size.
    @Test(arguments: [7, 4096, 1 << 20])
    func tooDeepRecordInAnArrayIsSplitOutAndTheRestRead(chunk: Int) {
        let deep = "{\"a\":" + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + ",\"s\":\"]}\\\"[\"}"
        let text = "{\"Records\":[{\"x\":1}," + deep + ",{\"y\":2}]}"
        let stream = RecordStream(source: MemorySource(bytes: Array(text.utf8), chunk: chunk), chunkSize: chunk)
        var records: [String] = []
        var problems: [String] = []
        stream.forEachRecord({ bytes, _, _ in records.append(String(decoding: bytes, as: UTF8.self)) },
                             problem: { problems.append($0.reason) })
        #expect(records == [#"{"x":1}"#, deep, #"{"y":2}"#])
        #expect(problems.isEmpty, "\(problems)")
        #expect(throws: JSONError.self) { try JSONValue.parse(records.count > 1 ? records[1] : "") }
    }
}
