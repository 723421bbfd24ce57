import Foundation
import Testing

@testable import LanternCore

/// End-to-end tests of the real `lantern` binary.
@Suite(.serialized) struct CLITests {
    @Test func ingestReportsBadInputWithExit65AndKeepsGoodRecords() throws {
        let binary = try TestSupport.lanternBinary()
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = try TestSupport.sharedData("cloudtrail/stratus-detonation/detonation-logs/aws.persistence.iam-create-admin-user.json")
        try FileManager.default.copyItem(atPath: good, toPath: directory.appendingPathComponent("1-good.json").path)
        try Data("{\"Records\":[{\"eventTime\":".utf8).write(to: directory.appendingPathComponent("2-bad.json"))
        try FileManager.default.copyItem(
            atPath: try TestSupport.sharedData("findings/panther/guardduty_test_findings.jsonl"),
            toPath: directory.appendingPathComponent("3-findings.jsonl").path)
        let db = directory.appendingPathComponent("db/lantern.db").path

        let result = try TestSupport.run(binary, ["ingest", "--db", db, "--json", directory.path])
        #expect(result.status == 65)
        let summary = try JSONValue.parse(result.stdout)
        let truth = try TestSupport.groundTruth("cloudtrail", [good])
        #expect(summary[path: "events", "stored"]?.intValue == truth["unique_event_ids"] as? Int)
        #expect(summary["files"]?.intValue == 3)
        let errors = try #require(summary["errors"]?.arrayValue)
        #expect(errors.count == 1)
        #expect(errors.first?["file"]?.stringValue?.hasSuffix("2-bad.json") == true)
        #expect(errors.first?["record"]?.intValue == 0)
        #expect(errors.first?["reason"]?.stringValue?.isEmpty == false)
        #expect(summary[path: "findings", "stored"]?.intValue ?? 0 > 0)

        // The database directory was created private.
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("db").path)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)

        // Plain output names the file and record on standard error.
        let again = try TestSupport.run(binary, ["ingest", "--db", db, directory.path])
        #expect(again.status == 65)
        #expect(again.stderr.contains("2-bad.json record 0"))
        #expect(again.stdout.contains("0 stored"))
    }

    @Test func findingsAndShowPrintDocumentedJSON() throws {
        let binary = try TestSupport.lanternBinary()
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = directory.appendingPathComponent("demo.db").path
        let demo = try TestSupport.run(binary, ["demo", "--no-tui", "--db", db])
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == db)

        let list = try TestSupport.run(binary, ["findings", "--db", db, "--json"])
        #expect(list.status == 0)
        let findings = try #require(try JSONValue.parse(list.stdout).arrayValue)
        #expect(findings.count == 14)
        let keys = findings.first?.objectMembers?.map(\.key) ?? []
        for key in ["id", "product", "type", "title", "severity", "account", "region", "created", "updated",
                    "firstSeen", "lastSeen", "status"] {
            #expect(keys.contains(key), "findings JSON lacks \(key)")
        }
        // Most severe first.
        let scores = findings.compactMap { $0[path: "severity", "normalized"]?.intValue }
        #expect(scores == scores.sorted(by: >))

        let id = try #require(findings.first?["id"]?.stringValue)
        let show = try TestSupport.run(binary, ["show", "--db", db, id, "--json"])
        #expect(show.status == 0)
        let detail = try JSONValue.parse(show.stdout)
        #expect(detail["id"]?.stringValue == id)
        #expect(detail["original"]?.objectMembers?.isEmpty == false)
        #expect(detail["observables"]?.arrayValue?.isEmpty == false)

        let missing = try TestSupport.run(binary, ["show", "--db", db, "no-such-finding"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no finding"))
        let usage = try TestSupport.run(binary, ["findings", "--no-such-flag"])
        #expect(usage.status == 64)
    }

    /// Commands that only read refuse a database that is not there instead of creating an empty one
    /// (`enrich` and `intel list` create one only to load intel the configuration names:
    /// `ConfigCLITests.configuredIntelLoadsAutomatically`).
    @Test func readingCommandsDoNotCreateAMissingDatabase() throws {
        let binary = try TestSupport.lanternBinary()
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("typo.db").path
        let readers: [[String]] = [
            ["findings"], ["show", "x"], ["related", "1.2.3.4"], ["activity", "1.2.3.4"],
            ["enrich", "1.2.3.4"], ["intel", "list"], ["intel", "remove", "x"],
            ["case", "list"], ["case", "show", "c"], ["case", "export", "c"], ["case", "new", "title"],
            ["case", "add", "c", "f"], ["case", "note", "c", "text"], ["case", "verdict", "c", "benign"],
            ["case", "tag", "c", "t"], ["case", "star", "c", "1.2.3.4"],
        ]
        for arguments in readers {
            let result = try TestSupport.run(binary, arguments + ["--db", path])
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("no database at \(path)"), "\(arguments): \(result.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    /// The TUI on a missing database shows how to create one and creates nothing, even when the
    /// configuration names intel files (which would otherwise be loaded into a new, empty store).
    @Test func tuiOnAMissingDatabaseCreatesNothing() throws {
        let binary = try TestSupport.lanternBinary()
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("config/lantern")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        let intel = directory.appendingPathComponent("bad-ips.txt")
        try Data("185.220.101.13\n".utf8).write(to: intel)
        try Data("[sources]\nintel = [\"\(intel.path)\"]\n".utf8).write(to: config.appendingPathComponent("config.toml"))
        let path = directory.appendingPathComponent("db/typo.db").path
        let environment = ProcessInfo.processInfo.environment.merging(
            ["XDG_CONFIG_HOME": directory.appendingPathComponent("config").path,
             "XDG_STATE_HOME": directory.appendingPathComponent("state").path]) { $1 }
        let result = try TestSupport.run(binary, ["tui", "--db", path], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("No data in \(path) yet"), "\(result.stdout)")
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("db").path))
    }

    /// A path an attacker named (escape sequences in a folder name) is escaped in error messages too.
    @Test func errorMessagesEscapeHostilePaths() throws {
        let binary = try TestSupport.lanternBinary()
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let hostile = directory.appendingPathComponent("x\u{1B}]0;PWNED\u{07}")
        try Data("not a folder".utf8).write(to: hostile)
        let small = try TestSupport.sharedData("cloudtrail/stratus-detonation/detonation-logs/aws.persistence.iam-create-admin-user.json")
        let result = try TestSupport.run(binary, ["ingest", "--db", hostile.path + "/sub/l.db", small])
        #expect(result.status == 1)
        #expect(result.stderr.contains("x\\x1b]0;PWNED\\x07/sub"), "\(result.stderr)")
        #expect(result.stderr.contains("Not a directory"))
        #expect(!result.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }

    @Test func hostileStringsNeverReachTheTerminalRaw() throws {
        let binary = try TestSupport.lanternBinary()
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let title = "Evil\u{1B}]52;c;aGVsbG8=\u{07}\u{1B}[2J\u{202E}txt.exe\u{9B}31m"
        let finding = JSONValue.object([
            ("SchemaVersion", .string("2018-10-08")), ("Id", .string("hostile-1")),
            ("ProductArn", .string("arn:aws:securityhub:us-east-1::product/aws/securityhub")),
            ("AwsAccountId", .string("123456789012")), ("Types", .array([.string("TTPs/Test")])),
            ("CreatedAt", .string("2024-01-01T00:00:00Z")), ("UpdatedAt", .string("2024-01-01T00:00:00Z")),
            ("Severity", .object([("Label", .string("HIGH"))])), ("Title", .string(title)),
            ("Description", .string(title)),
        ])
        let file = directory.appendingPathComponent("hostile.json")
        try JSONWriter().string(finding).write(to: file, atomically: true, encoding: .utf8)
        let db = directory.appendingPathComponent("h.db").path
        #expect(try TestSupport.run(binary, ["ingest", "--db", db, file.path]).status == 0)

        for arguments in [["findings", "--db", db], ["show", "--db", db, "hostile-1"],
                          ["findings", "--db", db, "--json"], ["show", "--db", db, "hostile-1", "--json"]] {
            let result = try TestSupport.run(binary, arguments)
            #expect(result.status == 0)
            let scalars = result.stdout.unicodeScalars
            #expect(!scalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B || $0.value == 0x202E },
                    "raw control reached stdout for \(arguments)")
        }
        let plain = try TestSupport.run(binary, ["show", "--db", db, "hostile-1"])
        #expect(plain.stdout.contains("Evil\\x1b]52;c;aGVsbG8=\\x07\\x1b[2J\\u202etxt.exe\\x9b31m"))
        let json = try TestSupport.run(binary, ["show", "--db", db, "hostile-1", "--json"])
        #expect(try JSONValue.parse(json.stdout)["title"]?.stringValue == title)
    }
}

/// The benchmark programs run (small N); figures are printed, never asserted.
@Suite(.serialized) struct BenchSmokeTests {
    @Test func benchCommandsRunOnASmallCorpus() throws {
        let binary = try TestSupport.lanternBinary()
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let corpus = directory.appendingPathComponent("corpus").path
        let work = directory.appendingPathComponent("work").path
        let generated = try TestSupport.run(binary, ["bench", "corpus", "--events", "3000", "--out", corpus])
        #expect(generated.status == 0, "\(generated.stderr)")
        #expect(generated.stdout.contains("wrote 3000 events"))
        let truth = try TestSupport.groundTruth("cloudtrail", [corpus])
        #expect(truth["unique_event_ids"] as? Int == 3000)
        let ingest = try TestSupport.run(binary, ["bench", "ingest", "--corpus", corpus, "--work", work, "--no-duckdb"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stdout.contains("events/s") && ingest.stdout.contains("× gzip"))
        let query = try TestSupport.run(binary, ["bench", "query", "--work", work, "--count", "5", "--no-duckdb"])
        #expect(query.status == 0, "\(query.stderr)")
        #expect(query.stdout.contains("p50") && query.stdout.contains("3000 events in store"))

        // The frame benchmark generates findings from the store's events and times a triage script.
        let db = work + "/lantern.db"
        let tui = try TestSupport.run(binary, ["bench", "tui", "--db", db, "--findings", "40"])
        #expect(tui.status == 0, "\(tui.stderr)")
        #expect(tui.stdout.contains("generated 40 findings, stored 40"))
        #expect(tui.stdout.contains("store: 3000 events, 40 findings"))
        #expect(tui.stdout.contains("all keys") && tui.stdout.contains("open finding") && tui.stdout.contains("p99"))
        // Every generated finding names a principal and a key that occur in the store's events.
        let store = try Store(path: db, readOnly: true)
        for summary in try store.findings(includingRaw: false) {
            let finding = try #require(try store.finding(id: summary.id))
            #expect(summary.raw.isEmpty && !finding.raw.isEmpty)
            let key = try #require(finding.observables.first { $0.observable.kind == .accessKey }?.observable)
            #expect(try !store.events(matching: [key.value], in: .all, limit: 1).events.isEmpty, "\(key.value) is in no event")
        }
    }
}
