import Foundation
import Testing

@testable import LanternCore

/// A demo database with one case built at fixed times, shared by the case tests.
final class CaseFixture: @unchecked Sendable {
    static let maliciousFinding =
        "arn:aws:guardduty:us-east-1:123837392027:detector/b872970653f83c984218e13e3503f012/finding/0be9d39f6b89c11bd2e96fb723e0097b"
    static let credentialFinding = "5aa5e9f692cecc57f628eeb98786172f"
    /// An AssumeRole event of the invictus run whose responseElements carry a sessionToken.
    static let assumeRoleEvent = "aa8d0d50-f346-45dc-b6d7-8d208322ca9e"
    static let maliciousIP = "185.220.101.13"

    let directory: URL
    let databasePath: String
    let caseID: String

    private static let lock = NSLock()
    nonisolated(unsafe) private static var cached: CaseFixture?

    /// The fixture, built on first use.
    static func shared() throws -> CaseFixture {
        lock.lock()
        defer { lock.unlock() }
        if let cached { return cached }
        let fixture = try CaseFixture()
        cached = fixture
        return fixture
    }

    private init() throws {
        directory = try TestSupport.temporaryDirectory()
        databasePath = directory.appendingPathComponent("demo.db").path
        _ = try DemoData.build(at: databasePath)
        let store = try Store(path: databasePath)
        let record = try store.createCase(title: "Stolen instance credentials | tor", analyst: "alice", time: "2024-01-02T03:04:05Z")
        caseID = record.id
        try store.addFinding(Self.credentialFinding, toCase: caseID, time: "2024-01-02T03:05:00Z")
        try store.addFinding(Self.maliciousFinding, toCase: caseID, time: "2024-01-02T03:06:00Z")
        try store.setVerdict(.truePositive, case: caseID, finding: Self.credentialFinding, analyst: "alice", time: "2024-01-02T03:07:00Z")
        try store.setVerdict(.needsEscalation, case: caseID, analyst: "alice", time: "2024-01-02T03:08:00Z")
        try store.addNote("Keys used from a Tor exit node", toCase: caseID, analyst: "alice", time: "2024-01-02T03:09:00Z")
        try store.addNote("Role session minted by AssumeRole", toCase: caseID, finding: Self.credentialFinding, analyst: "bob",
                          time: "2024-01-02T03:10:00Z")
        try store.addTag("tor", case: caseID, time: "2024-01-02T03:11:00Z")
        try store.addTag("credential-theft", case: caseID, finding: Self.credentialFinding, time: "2024-01-02T03:11:00Z")
        try store.star(.event(eventID: Self.assumeRoleEvent), case: caseID,
                       trail: [PivotStep(kind: "finding", value: Self.credentialFinding), PivotStep(kind: "accessKey", value: "ASIATFQR7NSC36DZQP7P")],
                       analyst: "alice", time: "2024-01-02T03:12:00Z")
        guard let ip = Observable(kind: .ipv4, Self.maliciousIP) else { throw TestFailure("bad IP") }
        try store.star(.observable(ip), case: caseID, trail: [PivotStep(kind: "finding", value: Self.maliciousFinding)],
                       analyst: "alice", time: "2024-01-02T03:13:00Z")
    }

    /// The case exported in `format` from a fresh connection.
    func export(_ format: CaseExporter.Format, caseID: String? = nil) throws -> String {
        let store = try Store(path: databasePath)
        guard let record = try store.caseRecord(id: caseID ?? self.caseID) else { throw TestFailure("case missing") }
        return try CaseExporter(store: store).render(record, format: format)
    }

    /// Runs `scripts/validate_case.py`; a missing Python module fails the test loudly.
    static func validate(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let script = TestSupport.packageRoot.appendingPathComponent("scripts/validate_case.py").path
        let result = try TestSupport.run("/usr/bin/env", ["python3", script] + arguments)
        if result.status == 2 {
            throw TestFailure("validate_case.py could not run (install jsonschema and stix2: scripts/install-deps.sh): \(result.stderr)")
        }
        return result
    }
}
