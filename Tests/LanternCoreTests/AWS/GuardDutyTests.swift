import Foundation
import Testing

@testable import LanternCore

/// `sync guardduty`: request building, and ListDetectors → ListFindings →
/// GetFindings paging against the loopback stub serving real GuardDuty
/// finding shapes (moto has no GuardDuty findings API).
@Suite(.timeLimit(.minutes(1)))
struct GuardDutyTests {
    static let sample = "findings/panther/guardduty_test_findings.jsonl"

    /// Unique finding IDs in the sample, read with JSONSerialization.
    static func expectedIDs() throws -> Set<String> {
        let text = try String(contentsOfFile: try TestSupport.sharedData(sample), encoding: .utf8)
        var ids: Set<String> = []
        for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            let finding = object?["log"] as? [String: Any] ?? object
            if let id = finding?["id"] as? String { ids.insert(id) }
        }
        return ids
    }

    @Test func listFindingsBodyCarriesCriteriaSortAndPaging() throws {
        let client = GuardDutyClient(client: try AWSClient(
            configuration: AWSConfiguration(
                credentials: AWSCredentials(accessKeyID: "AKIAEXAMPLE", secretAccessKey: "s"), region: "us-east-1",
                endpointURL: "http://127.0.0.1:1"),
            service: .guardDuty), pageSize: 200)
        #expect(client.pageSize == 50)
        let criteria = GuardDutyClient.Criteria(updatedSince: 1_795_860_000_000, minimumSeverity: 7)
        let body = JSONWriter(pretty: false).string(client.listBody(criteria: criteria, nextToken: "n1"))
        #expect(body == #"{"findingCriteria":{"criterion":{"service.archived":{"eq":["false"]},"#
            + #""updatedAt":{"gte":1795860000000},"severity":{"gte":7}}},"#
            + #""sortCriteria":{"attributeName":"updatedAt","orderBy":"DESC"},"maxResults":50,"nextToken":"n1"}"#)
        #expect(JSONWriter(pretty: false).string(GuardDutyClient.Criteria(includeArchived: true).json) == #"{"criterion":{}}"#)
        #expect(throws: AWSError.self) { try GuardDutyClient.detectorPath("../x") }
    }

    @Test func syncPagesEveryDetectorsFindingsThroughTheNormaliser() async throws {
        let server = try await AWSStubServer.start(["--guardduty", try TestSupport.sharedData(Self.sample)])
        defer { server.stop() }
        let ids = try Self.expectedIDs()
        let (directory, db) = try LiveTestSupport.temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pageSize = 3
        let report = try await LiveTestSupport.blocking {
            try GuardDutySync.run(
                client: GuardDutyClient(client: try server.client(.guardDuty), pageSize: pageSize), detectors: [],
                criteria: .init(), into: try Store(path: db))
        }
        #expect(report.detectors == ["d6b654308cdb0f3da20d9ae5112f232a"])
        #expect(report.pages == (ids.count + pageSize - 1) / pageSize)
        #expect(report.fetched == ids.count)
        #expect(report.tally.stored == ids.count)
        #expect(report.rejected.isEmpty)
        let stored = try await LiveTestSupport.blocking { () -> [Finding] in
            let store = try Store(path: db)
            return try ids.compactMap { try store.finding(id: $0) }
        }
        #expect(stored.count == ids.count)
        #expect(stored.allSatisfy { $0.product == "GuardDuty" })

        // On the wire: ListDetectors (GET, signed for guardduty), then ListFindings/GetFindings pairs.
        let requests = try server.requests()
        #expect(requests.first?["method"] as? String == "GET")
        #expect((requests.first?["path"] as? String)?.hasPrefix("/detector?maxResults=") == true)
        let gets = requests.filter { ($0["path"] as? String)?.hasSuffix("/findings/get") == true }
        #expect(gets.count == report.pages)
        #expect(requests.allSatisfy { ($0["authorization"] as? String)?.contains("/guardduty/aws4_request") == true })
    }

    @Test func syncGuardDutyThroughTheCLIAndItsErrors() async throws {
        let server = try await AWSStubServer.start(["--guardduty", try TestSupport.sharedData(Self.sample)])
        defer { server.stop() }
        let ids = try Self.expectedIDs()
        let (directory, db) = try LiveTestSupport.temporaryDatabase()
        defer { try? FileManager.default.removeItem(at: directory) }
        let env = ["AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "stub-secret", "AWS_REGION": "us-east-1"]
        let first = try await LiveTestSupport.lantern(
            ["sync", "guardduty", "--db", db, "--endpoint-url", server.endpoint, "--json"], environment: env)
        #expect(first.status == 0, "\(first.stderr)")
        let summary = try JSONValue.parse(first.stdout)
        #expect(summary["fetched"]?.intValue == ids.count)
        #expect(summary["stored"]?.intValue == ids.count)
        let second = try await LiveTestSupport.lantern(
            ["sync", "guardduty", "--db", db, "--endpoint-url", server.endpoint, "--json"], environment: env)
        #expect(try JSONValue.parse(second.stdout)["duplicate"]?.intValue == ids.count)

        let unknown = try await LiveTestSupport.lantern(
            ["sync", "guardduty", "--db", db, "--endpoint-url", server.endpoint, "--detector", "ffffffffffffffff"],
            environment: env)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("BadRequestException") && unknown.stderr.contains("not owned"), "\(unknown.stderr)")

        let denied = try await AWSStubServer.start(["--deny"])
        defer { denied.stop() }
        let refused = try await LiveTestSupport.lantern(
            ["sync", "guardduty", "--db", db, "--endpoint-url", denied.endpoint], environment: env)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("AccessDeniedException") && refused.stderr.contains("lack permission"), "\(refused.stderr)")
    }
}
