import Foundation
import Testing

@testable import LanternCore

@Suite(.serialized) struct IngestTests {
    @Test func cloudTrailMatchesIndependentGroundTruth() throws {
        let path = try TestSupport.sharedData("cloudtrail")
        let truth = try TestSupport.groundTruth("cloudtrail", [path])
        let (store, directory) = try TestSupport.temporaryStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = try Ingestor(store: store).ingest(paths: [path])

        #expect(report.events.stored == truth["unique_event_ids"] as? Int)
        #expect(report.events.stored == 3210)
        #expect(report.events.skipped == 0)
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(try store.eventNameCounts() == truth["by_event_name"] as? [String: Int])

        // Every field of every event, compared with the independent reading.
        let events = try #require(truth["events"] as? [String: [String: Any]])
        #expect(events.count == 3210)
        for (eventID, expected) in events {
            let stored = try #require(try store.event(eventID: eventID), "event \(eventID) missing")
            func check(_ key: String, _ actual: String?) {
                let want = expected[key] as? String
                #expect(actual == want, "\(eventID) \(key)")
            }
            check("eventTime", Timestamp.string(milliseconds: stored.time))
            check("eventSource", stored.eventSource)
            check("eventName", stored.eventName)
            check("sourceIPAddress", stored.sourceIPAddress)
            check("userAgent", stored.userAgent)
            check("errorCode", stored.errorCode)
            check("awsRegion", stored.awsRegion)
            check("recipientAccountId", stored.recipientAccountId)
            check("userIdentity.type", stored.identityType)
            check("userIdentity.arn", stored.arn)
            check("userIdentity.accessKeyId", stored.accessKeyId)
            check("userIdentity.principalId", stored.principalId)
            check("userIdentity.accountId", stored.accountId)
            check("sessionIssuer.arn", stored.sessionIssuerArn)
        }

        // A second ingest adds nothing: every record is a duplicate.
        let again = try Ingestor(store: store).ingest(paths: [path])
        #expect(again.events.stored == 0)
        #expect(again.events.duplicate == 3210)
        #expect(try store.counts().events == 3210)
        #expect(try store.integrityCheck() == "ok")
    }

    /// Lossless but for credential secrets (this sample's GetFederationToken carries a session
    /// token, which is stored as a marker: `CredentialRedactionTests`).
    @Test func rawRecordsAreKeptByteForByte() throws {
        let file = try TestSupport.sharedData(
            "cloudtrail/stratus-detonation/detonation-logs/aws.persistence.sts-federation-token.json")
        let (store, directory) = try TestSupport.temporaryStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try Ingestor(store: store).ingest(paths: [file])
        let original = try JSONValue.parse(Array(try Data(contentsOf: URL(fileURLWithPath: file))))
        for record in original.arrayValue ?? [] {
            let id = try #require(record["eventID"]?.stringValue)
            let stored = try #require(try store.event(eventID: id))
            let raw = try store.rawRecord(of: stored)
            #expect(CaseRedaction.redact(try JSONValue.parse(raw)) == CaseRedaction.redact(record))
            if CaseRedaction.redact(record) == record { #expect(try JSONValue.parse(raw) == record) }
        }
    }

    @Test func findingsMatchIndependentGroundTruth() throws {
        let path = try TestSupport.sharedData("findings")
        let truth = try TestSupport.groundTruth("findings", [path])
        let (store, directory) = try TestSupport.temporaryStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try Ingestor(store: store).ingest(paths: [path])
        try compareFindings(store: store, truth: truth)

        let again = try Ingestor(store: store).ingest(paths: [path])
        #expect(again.findings.stored == 0)
        #expect(again.findings.updated == 0)
        #expect(again.events.stored == 0)
    }

    @Test func demoDataBuildsAndMatchesGroundTruth() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("demo.db").path
        let report = try DemoData.build(at: path)
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.events.stored == 2900)
        let demo = try #require(DemoData.directory)
        let store = try Store(path: path)
        try compareFindings(store: store, truth: try TestSupport.groundTruth("findings", [demo + "/findings"]))
        #expect(try store.counts().findings == 14)

        // The GuardDuty-in-ASFF findings carry their ProductFields observables.
        let tor = try #require(try store.findings().first { $0.type.contains("TorIPCaller") })
        let detail = try #require(try store.finding(id: tor.id))
        #expect(detail.observables.contains {
            $0.observable == Observable(kind: .ipv4, "185.220.101.13")
                && $0.path.hasPrefix("ProductFields.action/awsApiCallAction/remoteIpDetails")
        })
        #expect(detail.observables.contains { $0.observable.kind == .accessKey })
    }

    func compareFindings(store: Store, truth: [String: Any]) throws {
        let expected = try #require(truth["findings"] as? [String: [String: Any]])
        let stored = try store.findings()
        #expect(stored.count == expected.count)
        for finding in stored {
            let want = try #require(expected[finding.id], "unexpected finding \(finding.id)")
            func check(_ key: String, _ actual: String?) {
                #expect(actual == want[key] as? String, "\(finding.id) \(key)")
            }
            check("product", finding.product)
            check("type", finding.type)
            check("title", finding.title)
            check("severity_label", finding.severityLabel)
            #expect(finding.severity == want["severity_normalized"] as? Int, "\(finding.id) severity")
            check("account", finding.account)
            check("region", finding.region)
            check("created", finding.created)
            check("updated", finding.updated)
            check("first_seen", finding.firstSeen)
            check("last_seen", finding.lastSeen)
            check("status", finding.status)
        }
    }

    @Test func everyShapeOfCloudTrailInputIsRead() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = try TestSupport.sharedData(
            "cloudtrail/stratus-detonation/detonation-logs/aws.credential-access.secretsmanager-batch-retrieve-secrets.json")
        let records = try #require(try JSONValue.parse(Array(Data(contentsOf: URL(fileURLWithPath: source)))).arrayValue)
        let writer = JSONWriter(pretty: false)
        // JSON Lines, S3 delivery gzip in an AWSLogs tree, lookup-events output, EventBridge.
        let third = records.count / 3
        let lines = records[0..<third].map { writer.string($0) }.joined(separator: "\n")
        try lines.write(to: directory.appendingPathComponent("events.jsonl"), atomically: true, encoding: .utf8)
        let tree = directory.appendingPathComponent("AWSLogs/111122223333/CloudTrail/us-east-1/2024/11/30")
        try FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)
        let delivery = writer.string(.object([("Records", .array(Array(records[third..<2 * third])))]))
        let plain = tree.appendingPathComponent("x.json")
        try delivery.write(to: plain, atomically: true, encoding: .utf8)
        try TestSupport.run("/usr/bin/gzip", ["-n", plain.path])
        let lookup = JSONValue.object([("Events", .array(records[(2 * third)...].map {
            .object([("EventId", $0["eventID"] ?? .null), ("CloudTrailEvent", .string(writer.string($0)))])
        }))])
        try writer.string(lookup).write(to: directory.appendingPathComponent("lookup.json"), atomically: true, encoding: .utf8)

        let (store, dbDirectory) = try TestSupport.temporaryStore()
        defer { try? FileManager.default.removeItem(at: dbDirectory) }
        let report = try Ingestor(store: store).ingest(paths: [directory.path])
        #expect(report.files == 3)
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.events.stored == records.count)
        let truth = try TestSupport.groundTruth("cloudtrail", [directory.path])
        #expect(truth["unique_event_ids"] as? Int == records.count)
    }

    @Test func badFileBetweenGoodOnesIsReportedAndTheGoodOnesStored() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = try TestSupport.sharedData("cloudtrail/stratus-detonation/detonation-logs")
        let names = try FileManager.default.contentsOfDirectory(atPath: good).filter { $0.hasSuffix(".json") }.sorted()
        try FileManager.default.copyItem(atPath: good + "/" + names[0], toPath: directory.appendingPathComponent("a.json").path)
        try FileManager.default.copyItem(atPath: good + "/" + names[1], toPath: directory.appendingPathComponent("c.json").path)
        // Truncated JSON, corrupt gzip, binary junk, an event without a valid time.
        try Data(#"{"Records":[{"eventTime":"2024-01-01T00:00:00Z","eventName":"A","eventID":"x1"},{"eventTi"#.utf8)
            .write(to: directory.appendingPathComponent("b1.json"))
        try Data([0x1F, 0x8B, 0x08, 0x00, 0x01, 0x02, 0x03]).write(to: directory.appendingPathComponent("b2.json.gz"))
        try Data((0..<300).map { UInt8(truncatingIfNeeded: $0 &* 37) }).write(to: directory.appendingPathComponent("b3.bin"))
        try Data(#"[{"eventTime":"yesterday","eventName":"A","eventID":"x2"}]"#.utf8)
            .write(to: directory.appendingPathComponent("b4.json"))

        let (store, dbDirectory) = try TestSupport.temporaryStore()
        defer { try? FileManager.default.removeItem(at: dbDirectory) }
        let report = try Ingestor(store: store).ingest(paths: [directory.path])
        let truth = try TestSupport.groundTruth("cloudtrail", [good + "/" + names[0], good + "/" + names[1]])
        let expected = try #require(truth["unique_event_ids"] as? Int)
        // The good files, plus the complete record before the truncation.
        #expect(report.events.stored == expected + 1)
        #expect(try store.event(eventID: "x1") != nil)
        let files = Set(report.problems.map { ($0.file as NSString).lastPathComponent })
        #expect(files == ["b1.json", "b2.json.gz", "b3.bin", "b4.json"])
        let timeProblem = try #require(report.problems.first { $0.file.hasSuffix("b4.json") })
        #expect(timeProblem.record == 0)
        #expect(timeProblem.reason.contains("eventTime"))
    }

    /// A malformed record in the middle of a delivery file is reported by
    /// file and record; the records on both sides of it are stored.
    @Test func malformedRecordInsideADeliveryFileSparesItsNeighbours() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("mixed.json")
        try Data("""
            {"Records":[{"eventTime":"2024-01-01T00:00:00Z","eventName":"A","eventID":"m1"},
            {"eventTime":"2024-01-01T00:00:01Z","eventName":"B","eventID":"m2","userAgent":"x" "y"},
            {"eventTime":"2024-01-01T00:00:02Z","eventName":"C","eventID":"m3"}]}
            """.utf8).write(to: file)
        let (store, dbDirectory) = try TestSupport.temporaryStore()
        defer { try? FileManager.default.removeItem(at: dbDirectory) }
        let report = try Ingestor(store: store).ingest(paths: [file.path])
        #expect(report.events.stored == 2 && report.events.skipped == 1)
        #expect(try store.event(eventID: "m1") != nil && store.event(eventID: "m3") != nil)
        #expect(try store.event(eventID: "m2") == nil)
        let problem = try #require(report.problems.first)
        #expect(report.problems.count == 1 && problem.file == file.path && problem.record == 1)
        #expect(problem.reason.contains("malformed JSON"), "\(problem.reason)")
    }

    @Test func databaseFileIsPrivateAndMigrationsAreRecorded() throws {
        let (store, directory) = try TestSupport.temporaryStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let attributes = try FileManager.default.attributesOfItem(atPath: store.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try store.appliedMigrations() == Schema.migrations.map(\.name))
        // Reopening applies nothing twice.
        let reopened = try Store(path: store.path)
        #expect(try reopened.appliedMigrations() == Schema.migrations.map(\.name))
    }
}
