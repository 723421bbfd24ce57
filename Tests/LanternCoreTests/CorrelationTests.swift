import Foundation
import Testing

@testable import LanternCore

/// Correlation on the real invictus attack run, checked against an
/// independent Python reading of the same files (`scripts/truth_activity.py`).
@Suite(.serialized) struct CorrelationTests {
    static let bertJan = "arn:aws:iam::123837392027:user/bert-jan"
    static let bertJanKey = "AKIATFQR7NSC8Q4X20BJ"
    static let sessionKey = "ASIATFQR7NSC2632JLFK"
    static let session = "arn:aws:sts::123837392027:assumed-role/stratus-red-team-get-usr-data-role/aws-go-sdk-1688990565286187801"
    static let role = "arn:aws:iam::123837392027:role/stratus-red-team-get-usr-data-role"

    /// One demo database for the whole suite (it is only read); each test opens its own connection.
    static let fixture: Result<String, any Error> = Result {
        let path = try TestSupport.temporaryDirectory().appendingPathComponent("demo.db").path
        _ = try DemoData.build(at: path)
        return path
    }

    func store() throws -> Store { try Store(path: try Self.fixture.get()) }

    func truth(_ arguments: [String]) throws -> Any {
        let script = TestSupport.packageRoot.appendingPathComponent("scripts/truth_activity.py").path
        let invictus = try TestSupport.sharedData("cloudtrail/invictus")
        let result = try TestSupport.run("/usr/bin/env", ["python3", script, arguments[0], invictus] + arguments.dropFirst())
        guard result.status == 0 else { throw TestFailure("truth_activity.py: \(result.stderr)") }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    @Test(arguments: [
        [bertJan], [bertJanKey], [sessionKey], [session], [session, "--whole-role"], [role], ["3.225.16.109"],
        [bertJan, "--from", "2023-07-10T12:00:00Z", "--to", "2023-07-10T12:10:00Z"],
        ["123837392027", "--from", "2023-07-10T11:50:00Z", "--to", "2023-07-10T11:55:00Z"],
    ])
    func activityMatchesIndependentComputation(arguments: [String]) throws {
        let expected = try #require(try truth(["activity"] + arguments) as? [String])
        #expect(!expected.isEmpty)
        let observable = try #require(Observable(detecting: arguments[0]))
        var window = TimeWindow.all
        if let i = arguments.firstIndex(of: "--from"), let from = Timestamp.milliseconds(arguments[i + 1]),
           let to = Timestamp.milliseconds(arguments[i + 2 + 1]) {
            window = TimeWindow(from: from, to: to)
        }
        let activity = try Correlator(store: try store()).activity(
            of: observable, in: window, wholeRole: arguments.contains("--whole-role"))
        // Same set; the order within one second may differ (Lantern keeps ingest order).
        #expect(activity.events.count == expected.count)
        #expect(Set(activity.events.compactMap(\.eventID)) == Set(expected))
        #expect(activity.summary.total == expected.count)
        #expect(activity.summary.byEventName.reduce(0) { $0 + $1.count } == expected.count)
        // Events come in time order.
        #expect(activity.events.map(\.time) == activity.events.map(\.time).sorted())
    }

    /// Profiles are counted from the index, over every event: compared with
    /// the Python reading (totals, days, first/last, co-occurring values).
    @Test(arguments: [bertJan, bertJanKey, session, role, "3.225.16.109", "192.168.10.20"])
    func profileMatchesIndependentComputation(value: String) throws {
        let expected = try #require(try truth(["profile", value]) as? [String: Any])
        let observable = try #require(Observable(detecting: value))
        let profile = try Correlator(store: try store()).profile(of: observable)
        #expect(profile.totalEvents == expected["total"] as? Int)
        #expect(profile.firstSeen.map(Int.init) == expected["first"] as? Int)
        #expect(profile.lastSeen.map(Int.init) == expected["last"] as? Int)
        let days = try #require(expected["days"] as? [String: Int])
        #expect(Dictionary(uniqueKeysWithValues: profile.dailyCounts.map { ($0.day, $0.count) }) == days)
        let others = try #require(expected["coOccurring"] as? [String: Int])
        #expect(profile.coOccurring.count == min(50, others.count))
        for (other, count) in profile.coOccurring {
            #expect(others["\(other.kind.rawValue) \(other.value)"] == count, "\(other.value)")
        }
        // The 50 kept are the most frequent.
        let kept = Set(profile.coOccurring.map { "\($0.observable.kind.rawValue) \($0.observable.value)" })
        let smallest = profile.coOccurring.map(\.count).min() ?? 0
        #expect(others.filter { !kept.contains($0.key) }.allSatisfy { $0.value <= smallest })
    }

    @Test func credentialChainResolvesToTheAssumeRoleThatMintedTheKey() throws {
        let expected = try #require(try truth(["chain", Self.sessionKey]) as? [[String: Any]])
        let chain = try Correlator(store: try store()).credentialChain(of: try #require(Observable(detecting: Self.sessionKey)))
        #expect(chain.count == expected.count)
        let link = try #require(chain.first)
        #expect(link.issuingEvent.eventID == expected.first?["eventID"] as? String)
        #expect(link.issuingEvent.eventName == "AssumeRole")
        #expect(link.issuingEvent.arn == Self.bertJan)
        #expect(link.issuingEvent.accessKeyId == Self.bertJanKey)
        #expect(link.issuedSession == Self.session)
        // The session ARN resolves too (two AssumeRole calls in the same second minted
        // the same session name; both readings take the first).
        let bySession = try Correlator(store: try store()).credentialChain(of: try #require(Observable(kind: .arn, Self.session)))
        let expectedSession = try #require(try truth(["chain", Self.session]) as? [[String: Any]])
        #expect(bySession.map(\.issuingEvent.eventID) == expectedSession.map { $0["eventID"] as? String })
        #expect(bySession.first?.issuingEvent.eventName == "AssumeRole")
    }

    @Test func roleListsItsSessions() throws {
        let sessions = try Correlator(store: try store()).sessions(ofRole: Self.role, in: .all)
        #expect(sessions.map(\.sessionArn) == [Self.session])
        #expect(sessions.first?.accessKeys == [Self.sessionKey])
    }

    @Test func irQueriesFilterTheActivity() throws {
        let correlator = Correlator(store: try store())
        let bert = try #require(Observable(kind: .arn, Self.bertJan))
        let all = try correlator.activity(of: bert, in: .all)
        let persistence = try correlator.activity(of: bert, in: .all, query: .persistence)
        #expect(persistence.events.contains { $0.eventName == "CreateAccessKey" })
        #expect(persistence.events.contains { $0.eventName == "CreateUser" })
        #expect(persistence.events.allSatisfy { IRQuery.persistence.matches($0) })
        let data = try correlator.activity(of: bert, in: .all, query: .dataAccess)
        #expect(data.events.contains { $0.eventName == "GetSecretValue" })
        let errors = try correlator.activity(of: bert, in: .all, query: .errors)
        #expect(errors.events.count == all.events.filter { $0.errorCode != nil }.count)
        #expect(errors.summary.errors.first?.name == "AccessDenied" || errors.summary.errors.first != nil)
    }

    @Test func relatedFindingsShareThePrincipal() throws {
        let correlator = Correlator(store: try store())
        let store = try store()
        let secrets = try #require(try store.findings().first { $0.title.contains("GetSecretValue") || $0.id == "4bfc628fc6ff953ee1502f489f9ce938" })
        let related = try correlator.relatedFindings(toFinding: secrets.id)
        let key = try #require(Observable(kind: .accessKey, Self.bertJanKey))
        let sharingKey = related.filter { $0.shared.contains(key) }.map(\.finding.id)
        // Every other demo finding that names bert-jan's key, independently of the correlator.
        let expected = try store.findings().filter { other in
            try other.id != secrets.id && store.finding(id: other.id)?.observables.contains { $0.observable == key } == true
        }.map(\.id)
        #expect(!expected.isEmpty)
        #expect(Set(sharingKey) == Set(expected))
        #expect(!related.contains { $0.finding.id == secrets.id })
    }

    @Test func firstUseOfAKeyIsAnIndicator() throws {
        let correlator = Correlator(store: try store())
        let key = try #require(Observable(kind: .accessKey, Self.sessionKey))
        let indicators = try correlator.firstSeenIndicators(for: key, in: .all)
        #expect(indicators.contains { $0.kind == .firstUseOfKey && $0.value == Self.sessionKey })
        // bert-jan in the last quarter hour against his own earlier history.
        let bert = try #require(Observable(kind: .arn, Self.bertJan))
        let late = TimeWindow(from: try #require(Timestamp.milliseconds("2023-07-10T12:20:00Z")), to: TimeWindow.all.to)
        let newAgents = try correlator.firstSeenIndicators(for: bert, in: late).filter { $0.kind == .newUserAgent }
        let before = try correlator.activity(of: bert, in: TimeWindow(from: TimeWindow.all.from, to: late.from - 1))
        let after = try correlator.activity(of: bert, in: late)
        let expected = Set(after.events.compactMap(\.userAgent)).subtracting(before.events.compactMap(\.userAgent))
        #expect(Set(newAgents.map(\.value)) == expected)
    }

    @Test func correlationLookupIsAnIndexSearch() throws {
        let plan = try store().correlationQueryPlan()
        #expect(!plan.isEmpty)
        #expect(plan.allSatisfy { $0.contains("SEARCH") && !$0.hasPrefix("SCAN") }, "\(plan)")
        #expect(plan.contains { $0.contains("event_postings") } && plan.contains { $0.contains("event_index") }, "\(plan)")
    }

    @Test func windowAroundAFindingIsPlusMinus24Hours() throws {
        let finding = try #require(try store().findings().first { $0.firstSeen != nil && $0.lastSeen != nil })
        let window = try #require(TimeWindow.around(finding))
        #expect(window.from == Timestamp.milliseconds(finding.firstSeen ?? "")! - 86_400_000)
        #expect(window.to == Timestamp.milliseconds(finding.lastSeen ?? "")! + 86_400_000)
        #expect(TimeWindow.duration("-6h") == -21_600_000)
        #expect(TimeWindow.duration("90s") == 90_000)
        #expect(TimeWindow.duration("x") == nil)
    }
}

/// New-ASN and new-country indicators need ownership data: real pyasn and
/// GeoLite country tables, checked against an independent Python reading.
@Suite(.serialized) struct NetworkIndicatorTests {
    @Test func newASNAndCountryForAPrincipal() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let arn = "arn:aws:iam::111122223333:user/alice"
        func record(_ id: String, _ time: String, _ ip: String) -> String {
            #"{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","arn":"\#(arn)","accountId":"111122223333","accessKeyId":"AKIAAAAAAAAAAAAAAAAA"},"eventTime":"\#(time)","eventSource":"iam.amazonaws.com","eventName":"ListUsers","awsRegion":"us-east-1","sourceIPAddress":"\#(ip)","userAgent":"aws-cli/2","eventID":"\#(id)"}"#
        }
        let lines = [record("e1", "2024-05-01T10:00:00Z", "8.8.8.8"), record("e2", "2024-05-02T10:00:00Z", "5.9.10.10")]
        try lines.joined(separator: "\n").write(to: directory.appendingPathComponent("events.jsonl"), atomically: true, encoding: .utf8)
        let (store, dbDirectory) = try TestSupport.temporaryStore()
        defer { try? FileManager.default.removeItem(at: dbDirectory) }
        let pyasn = try TestSupport.sharedData("ownership/pyasn-routeviews/ipasn_20140513.dat.gz")
        let country = try TestSupport.sharedData("ownership/geolite2-asn-csv/country_ipv4.csv.gz")
        let report = try Ingestor(store: store).ingest(paths: [
            directory.path, try TestSupport.sharedData("ownership/pyasn-routeviews/asnames.json.gz"), pyasn, country,
        ])
        #expect(report.events.stored == 2)
        #expect(report.problems.isEmpty, "\(report.problems)")

        // Independent: the ASN and country of the new IP, read by truth_asn.py.
        let addresses = directory.appendingPathComponent("ips.txt")
        try "5.9.10.10\n".write(to: addresses, atomically: true, encoding: .utf8)
        let script = TestSupport.packageRoot.appendingPathComponent("scripts/truth_asn.py").path
        let asnLine = try TestSupport.run("/usr/bin/env", ["python3", script, "dat", pyasn, addresses.path]).stdout
        let countryLine = try TestSupport.run("/usr/bin/env", ["python3", script, "csv", country, "country_code", addresses.path]).stdout
        let expectedASN = try #require(asnLine.split(separator: "\t").dropFirst().first.map(String.init))
        let expectedCountry = try #require(countryLine.split(separator: "\t").dropFirst().first.map(String.init))

        let window = TimeWindow(from: try #require(Timestamp.milliseconds("2024-05-02T00:00:00Z")),
                                to: try #require(Timestamp.milliseconds("2024-05-03T00:00:00Z")))
        let indicators = try Correlator(store: store).firstSeenIndicators(
            for: try #require(Observable(kind: .arn, arn)), in: window, enricher: try Enricher(store: store))
        #expect(indicators.contains { $0.kind == .newSourceIP && $0.value == "5.9.10.10" })
        #expect(indicators.contains { $0.kind == .newASN && $0.value.hasPrefix("AS\(expectedASN)") }, "\(indicators)")
        #expect(indicators.contains { $0.kind == .newCountry && $0.value == expectedCountry }, "\(indicators)")
    }
}
