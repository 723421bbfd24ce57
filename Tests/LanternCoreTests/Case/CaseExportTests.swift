import Foundation
import Testing

@testable import LanternCore

/// Case workflow and export: the three formats validated independently,
/// determinism, import round trip, redaction and file mode.
@Suite(.serialized) struct CaseExportTests {
    @Test func caseWorkflowPersists() throws {
        let fixture = try CaseFixture.shared()
        let store = try Store(path: fixture.databasePath)
        let record = try #require(try store.caseRecord(id: fixture.caseID))
        #expect(record.verdict == .needsEscalation)
        #expect(record.analyst == "alice")
        #expect(record.updated == "2024-01-02T03:13:00Z")
        #expect(record.findings.map(\.findingID) == [CaseFixture.credentialFinding, CaseFixture.maliciousFinding])
        #expect(record.findings.first?.verdict == .truePositive)
        #expect(record.findings.first?.tags == ["credential-theft"])
        #expect(record.tags == ["tor"])
        #expect(record.notes.map(\.analyst) == ["alice", "bob"])
        #expect(record.evidence.count == 2)
        #expect(try store.caseIDs(containingFinding: CaseFixture.maliciousFinding) == [fixture.caseID])
        #expect(try store.cases().contains { $0.id == fixture.caseID })
        #expect(try store.appliedMigrations().contains("v3-cases"))
    }

    @Test func jsonExportValidatesAgainstTheSchemaAndHoldsTheCase() throws {
        let fixture = try CaseFixture.shared()
        let text = try fixture.export(.json)
        let file = fixture.directory.appendingPathComponent("case.json").path
        try AtomicFile.write(text, to: file)
        let schema = TestSupport.packageRoot.appendingPathComponent("docs/case.schema.json").path
        let result = try CaseFixture.validate(["json", schema, file])
        #expect(result.status == 0, "schema validation failed: \(result.stderr)")

        let json = try JSONValue.parse(text)
        #expect(json["schemaVersion"]?.stringValue == CaseExporter.schemaVersion)
        #expect(json[path: "case", "verdict"]?.stringValue == "needs-escalation")
        #expect(json["findings"]?.arrayValue?.count == 2)
        #expect(json["findings"]?.arrayValue?.allSatisfy { $0["original"]?.objectMembers != nil } == true)
        let observables = try #require(json["observables"]?.arrayValue)
        let ip = try #require(observables.first { $0["value"]?.stringValue == CaseFixture.maliciousIP })
        #expect(ip[path: "enrichment", "verdict"]?.stringValue == "malicious")
        #expect(ip["starred"]?.boolValue == true)
        let starred = try #require(json["starredEvents"]?.arrayValue?.first)
        #expect(starred["eventID"]?.stringValue == CaseFixture.assumeRoleEvent)
        #expect(starred[path: "normalized", "eventName"]?.stringValue == "AssumeRole")
        #expect(starred[path: "raw", "eventID"]?.stringValue == CaseFixture.assumeRoleEvent)
        #expect(starred["trail"]?.arrayValue?.count == 2)
        #expect((json[path: "correlatedEvents", "events"]?.arrayValue?.count ?? 0) > 0)
        #expect(json["verdicts"]?.arrayValue?.count == 2)
        #expect(json["notes"]?.arrayValue?.count == 2)
        #expect(json[path: "provenance", "tool", "version"]?.stringValue == LanternVersion.current)
        #expect((json[path: "provenance", "sources"]?.arrayValue?.count ?? 0) > 0)
        #expect(json[path: "provenance", "enrichmentSources"]?.arrayValue?.contains { $0["name"]?.stringValue == "ipsum" } == true)
    }

    @Test func sessionTokensAreRedacted() throws {
        let fixture = try CaseFixture.shared()
        // The stored raw record carries the ingest's marker in place of the token
        // (CredentialRedactionTests); exports redact that member whatever it holds.
        let store = try Store(path: fixture.databasePath)
        let event = try #require(try store.event(eventID: CaseFixture.assumeRoleEvent))
        let raw = try JSONValue.parse(try store.rawRecord(of: event))
        let token = try #require(raw[path: "responseElements", "credentials", "sessionToken"]?.stringValue)
        #expect(token.hasPrefix("<redacted:sessionToken sha256:"))

        let text = try fixture.export(.json)
        #expect(!text.contains(token))
        let json = try JSONValue.parse(text)
        let starred = try #require(json["starredEvents"]?.arrayValue?.first)
        #expect(starred[path: "raw", "responseElements", "credentials", "sessionToken"]?.stringValue == "REDACTED")
        // No unredacted token or secret anywhere in any format.
        for format in CaseExporter.Format.allCases {
            let exported = try fixture.export(format)
            #expect(!exported.contains(token), "\(format) leaks the session token")
        }
        #expect(!text.contains("\"sessionToken\": \"I"))
    }

    @Test func exportsAreByteIdentical() throws {
        let fixture = try CaseFixture.shared()
        for format in CaseExporter.Format.allCases {
            #expect(try fixture.export(format) == fixture.export(format), "\(format) export is not deterministic")
        }
    }

    @Test func importRoundTripReproducesTheCase() throws {
        let fixture = try CaseFixture.shared()
        let store = try Store(path: fixture.databasePath)
        let original = try #require(try store.caseRecord(id: fixture.caseID))
        let exported = try fixture.export(.json)
        // Into the same store, replacing.
        #expect(throws: CaseError.caseExists(fixture.caseID)) { try CaseImporter.importCase(exported, into: store) }
        try #require(try store.deleteCase(id: fixture.caseID))
        let imported = try CaseImporter.importCase(exported, into: store)
        #expect(imported == original)
        #expect(try store.caseRecord(id: fixture.caseID) == original)
        #expect(try fixture.export(.json) == exported)
        try CaseImporter.importCase(exported, into: store, replace: true)
        #expect(try fixture.export(.json) == exported)
    }

    @Test func stixBundleParsesWithStix2() throws {
        let fixture = try CaseFixture.shared()
        let text = try fixture.export(.stix)
        let file = fixture.directory.appendingPathComponent("case.stix.json").path
        try AtomicFile.write(text, to: file)
        let result = try CaseFixture.validate(["stix", file])
        #expect(result.status == 0, "stix2 rejected the bundle: \(result.stderr)")
        let counts = try JSONValue.parse(result.stdout)
        #expect(counts["identity"]?.intValue == 1)
        #expect(counts["report"]?.intValue == 1)
        #expect((counts["indicator"]?.intValue ?? 0) >= 1)
        #expect(counts["sighting"]?.intValue == counts["indicator"]?.intValue)
        #expect(counts["note"]?.intValue == 2)
        #expect(text.contains("[ipv4-addr:value = '\(CaseFixture.maliciousIP)']"))
    }

    @Test func markdownHasTheSectionsAndValues() throws {
        let fixture = try CaseFixture.shared()
        let text = try fixture.export(.md)
        for section in ["# Case \(fixture.caseID): ", "## Summary", "## Findings", "## Timeline", "## Observables", "## Notes", "## Provenance"] {
            #expect(text.contains(section), "missing \(section)")
        }
        #expect(text.contains("Stolen instance credentials \\| tor"))
        #expect(text.contains("needs-escalation"))
        #expect(text.contains("true-positive"))
        #expect(text.contains("AssumeRole"))
        #expect(text.contains(CaseFixture.assumeRoleEvent))
        #expect(text.contains("`\(CaseFixture.maliciousIP)` | malicious"))
        #expect(text.contains("Keys used from a Tor exit node"))
        #expect(text.contains("bob"))
        // The timeline is in event-time order and the notes carry their times.
        #expect(text.contains("2024-01-02T03:09:00Z"))
    }

    @Test func filesAreWrittenAtomicallyWithMode0600() throws {
        let fixture = try CaseFixture.shared()
        let path = fixture.directory.appendingPathComponent("mode.json").path
        _ = FileManager.default.createFile(atPath: path, contents: Data("old".utf8), attributes: [.posixPermissions: 0o644])
        try AtomicFile.write(try fixture.export(.json), to: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("{"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: fixture.directory.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func nameBasedUUIDsMatchRFC4122() {
        // uuid.uuid5(uuid.NAMESPACE_DNS, "python.org") == 886313e1-3b8a-5372-9b90-0c9aee199e5d
        let dns: [UInt8] = [0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8]
        #expect(NameUUID.v5("python.org", namespace: dns) == "886313e1-3b8a-5372-9b90-0c9aee199e5d")
    }
}
