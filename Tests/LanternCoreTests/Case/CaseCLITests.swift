import Foundation
import Testing

@testable import LanternCore

/// `lantern case …` end to end with the real binary.
@Suite(.serialized) struct CaseCLITests {
    @Test func caseCommandsExportAndImportIntoAnotherDatabase() throws {
        let binary = try TestSupport.lanternBinary()
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = directory.appendingPathComponent("a/demo.db").path
        let other = directory.appendingPathComponent("b/demo.db").path
        _ = try DemoData.build(at: db)
        _ = try DemoData.build(at: other)
        let environment = ProcessInfo.processInfo.environment.merging(["LANTERN_ANALYST": "carol"]) { $1 }
        func lantern(_ arguments: [String], database: String = db) throws -> (status: Int32, stdout: String, stderr: String) {
            try TestSupport.run(binary, ["case"] + arguments + ["--db", database], environment: environment)
        }

        let created = try lantern(["new", "Tor access", "--finding", CaseFixture.maliciousFinding])
        #expect(created.status == 0, "\(created.stderr)")
        let caseID = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(caseID.hasPrefix("c-"))
        #expect(try lantern(["add", caseID, CaseFixture.credentialFinding]).status == 0)
        #expect(try lantern(["verdict", caseID, "--finding", CaseFixture.maliciousFinding, "true-positive"]).status == 0)
        #expect(try lantern(["verdict", caseID, "benign-ish"]).status == 64)
        #expect(try lantern(["note", caseID, "seen from tor"]).status == 0)
        #expect(try lantern(["tag", caseID, "tor"]).status == 0)
        #expect(try lantern(["star", caseID, "--event", CaseFixture.assumeRoleEvent, "--via", "finding:\(CaseFixture.credentialFinding)"]).status == 0)
        #expect(try lantern(["star", caseID, CaseFixture.maliciousIP, "--via", "finding:\(CaseFixture.maliciousFinding)"]).status == 0)
        #expect(try lantern(["star", caseID, "--event", "no-such-event"]).status == 1)
        #expect(try lantern(["add", "c-missing", CaseFixture.credentialFinding]).status == 1)

        let list = try lantern(["list", "--json"])
        #expect(try JSONValue.parse(list.stdout).arrayValue?.first?["id"]?.stringValue == caseID)
        let show = try lantern(["show", caseID])
        #expect(show.stdout.contains("true-positive"))
        #expect(show.stdout.contains("carol"))
        #expect(show.stdout.contains("★ event \(CaseFixture.assumeRoleEvent)"))

        let file = directory.appendingPathComponent("case.json").path
        #expect(try lantern(["export", caseID, "-o", file]).status == 0)
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let exported = try String(contentsOfFile: file, encoding: .utf8)
        #expect(try lantern(["export", caseID]).stdout == exported)
        for format in ["md", "stix"] {
            let result = try lantern(["export", "--finding", CaseFixture.maliciousFinding, "--format", format])
            #expect(result.status == 0 && !result.stdout.isEmpty, "\(format): \(result.stderr)")
        }
        #expect(try lantern(["export", caseID, "--format", "pdf"]).status == 64)

        // Import into another database: the same case, and the same export apart from provenance times.
        let imported = try lantern(["import", file], database: other)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == caseID)
        #expect(try lantern(["import", file], database: other).status == 1)
        #expect(try lantern(["import", "--replace", file], database: other).status == 0)
        let again = try JSONValue.parse(try lantern(["export", caseID], database: other).stdout)
        let first = try JSONValue.parse(exported)
        for key in ["case", "findings", "correlatedEvents", "starredEvents", "starredObservables",
                    "relatedFindings", "pivotTrail", "verdicts", "notes"] {
            let same = again[key] == first[key]
            #expect(same, "\(key) differs after import")
        }
        // Observables match too, but for the intel load dates of the other database.
        func verdicts(_ json: JSONValue) -> [String] {
            (json["observables"]?.arrayValue ?? []).map {
                "\($0["kind"]?.stringValue ?? "") \($0["value"]?.stringValue ?? "") \($0[path: "enrichment", "verdict"]?.stringValue ?? "")"
            }
        }
        #expect(verdicts(again) == verdicts(first))
        #expect(try Store(path: other).caseRecord(id: caseID) == Store(path: db).caseRecord(id: caseID))

        // A bad file is bad input.
        let bad = directory.appendingPathComponent("bad.json").path
        try Data("{\"schemaVersion\": \"9.0\"}".utf8).write(to: URL(fileURLWithPath: bad))
        #expect(try lantern(["import", bad], database: other).status == 65)
    }

    @Test func schemaRejectsBrokenExports() throws {
        let fixture = try CaseFixture.shared()
        let schema = TestSupport.packageRoot.appendingPathComponent("docs/case.schema.json").path
        guard case .object(var members) = try JSONValue.parse(try fixture.export(.json)) else { throw TestFailure("not an object") }
        members.removeAll { $0.key == "provenance" }
        let file = fixture.directory.appendingPathComponent("broken.json").path
        try AtomicFile.write(JSONWriter().string(.object(members)), to: file)
        let result = try CaseFixture.validate(["json", schema, file])
        #expect(result.status == 1)
        #expect(result.stderr.contains("provenance"))
    }
}
