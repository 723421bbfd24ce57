import Foundation
import Testing

@testable import LanternCore

/// Intel and ownership loaded through `ingest` into a real store, read back
/// by the `Enricher`, and the `enrich` CLI's JSON contract.
@Suite(.serialized) struct EnrichmentIntegrationTests {
    @Test func ingestRecognisesEnrichmentFilesAndEnricherAnswers() throws {
        let (store, directory) = try TestSupport.temporaryStore()
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = try Ingestor(store: store).ingest(paths: [
            try TestSupport.sharedData("intel/ipsum"), try TestSupport.sharedData("intel/tor"),
            try TestSupport.sharedData("intel/misp-warninglists/rfc1918"),
            try TestSupport.sharedData("ownership/aws-ip-ranges.json"),
            try TestSupport.sharedData("ownership/known-aws-accounts.yaml"),
        ])
        let kinds = Set(report.enrichment.map(\.kind))
        #expect(kinds == ["intel-plain", "intel-misp-warninglist", "aws-ip-ranges", "known-aws-accounts"])
        #expect(report.events.stored == 0 && report.findings.stored == 0)
        // ipsum: count the data lines independently.
        let ipsum = try String(contentsOfFile: try TestSupport.sharedData("intel/ipsum/ipsum.txt"), encoding: .utf8)
        let ipsumLines = ipsum.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
        #expect(report.enrichment.first { $0.name == "ipsum" }?.entries == ipsumLines.count)

        let enricher = try Enricher(store: store)
        #expect(enricher.problems.isEmpty)
        let listed = try #require(ipsumLines.first.map { String($0.split(separator: "\t")[0]) })
        let bad = enricher.enrich(try #require(Observable(detecting: listed)))
        #expect(bad.verdict == .malicious)
        #expect(bad.reputation?.sources.contains { $0.source.name == "ipsum" } == true)
        let aws = enricher.enrich(try #require(Observable(detecting: "3.225.16.109")))
        #expect(aws.ip?.aws?.region == "us-east-1")
        #expect(aws.ip?.aws?.services.contains("EC2") == true)
        let nothing = enricher.enrich(try #require(Observable(detecting: "203.0.113.77")))
        #expect(nothing.verdict == .unknown)

        // Reloading a source replaces it (no stale indicators), history keeps both loads.
        let directory2 = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory2) }
        let smaller = directory2.appendingPathComponent("ipsum.txt")
        try "# trimmed\n198.51.100.7\t3\n".write(to: smaller, atomically: true, encoding: .utf8)
        try EnrichmentLoader.load(path: smaller.path, into: store)
        let reloaded = try Enricher(store: store)
        #expect(reloaded.enrich(try #require(Observable(detecting: listed))).reputation?.sources.contains { $0.source.name == "ipsum" } == false)
        #expect(reloaded.enrich(try #require(Observable(detecting: "198.51.100.7"))).verdict == .malicious)
        #expect(try store.enrichmentSources().first { $0.name == "ipsum" }?.entries == 1)
    }

    @Test func enrichCommandPrintsTheDocumentedJSON() throws {
        let binary = try TestSupport.lanternBinary()
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = directory.appendingPathComponent("demo.db").path
        #expect(try TestSupport.run(binary, ["demo", "--no-tui", "--db", db]).status == 0)
        // A real Tor exit node that the demo's Tor list holds.
        let result = try TestSupport.run(binary, ["enrich", "--db", db, "185.220.101.13", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONValue.parse(result.stdout)
        #expect(json["kind"]?.stringValue == "ipv4")
        #expect(json["verdict"]?.stringValue == "malicious")
        let sources = json["reputation"]?.arrayValue?.compactMap { $0["source"]?.stringValue } ?? []
        #expect(sources.contains("tor-exit-nodes"))
        for key in ["kind", "value", "verdict", "reputation", "ownership"] { #expect(json[key] != nil, "missing \(key)") }
        let account = try JSONValue.parse(try TestSupport.run(binary, ["enrich", "--db", db, "123837392027", "--json"]).stdout)
        #expect(account[path: "ownership", "account", "name"]?.stringValue == "security-lab")
        let aws = try JSONValue.parse(try TestSupport.run(binary, ["enrich", "--db", db, "3.225.16.109", "--json"]).stdout)
        #expect(aws[path: "ownership", "aws", "region"]?.stringValue == "us-east-1")
    }
}
