import Foundation
import Testing

@testable import LanternCore

/// Loads every intel file in the shared data into one index (built once per process).
enum SharedIntel {
    static let index: Result<ReputationIndex, Error> = Result { try load() }

    static func load() throws -> ReputationIndex {
        var loaded: [(source: IntelSource, indicators: [Indicator])] = []
        func add(_ name: String, _ relative: String, verdict: Verdict = .malicious) throws {
            let url = try EnrichmentTestSupport.dataFile(relative)
            let result = try IntelParser.parse(Data(contentsOf: url), fileName: url.path, defaultVerdict: verdict)
            loaded.append(
                (
                    IntelSource(name: name, format: result.format, path: url.path, defaultVerdict: verdict),
                    result.indicators
                ))
        }
        try add("ipsum", "intel/ipsum/ipsum.txt")
        try add("tor-exit-nodes", "intel/tor/tor-exit-nodes.lst")
        try add("signature-base-hashes", "intel/signature-base/hash-iocs.txt")
        try add("signature-base-c2", "intel/signature-base/c2-iocs.txt")
        let stix = try EnrichmentTestSupport.dataFile("intel/stix21/examples")
        for case let url as URL in FileManager.default.enumerator(at: stix, includingPropertiesForKeys: nil)!
        where url.pathExtension == "json" {
            try add(
                "stix:" + url.deletingPathExtension().lastPathComponent,
                url.path.replacingOccurrences(
                    of: EnrichmentTestSupport.dataDirectory.path + "/", with: ""))
        }
        let misp = try EnrichmentTestSupport.dataFile("intel/misp-warninglists")
        for name in try FileManager.default.contentsOfDirectory(atPath: misp.path).sorted()
        where FileManager.default.fileExists(atPath: misp.appendingPathComponent("\(name)/list.json").path) {
            try add("misp:\(name)", "intel/misp-warninglists/\(name)/list.json", verdict: .benign)
        }
        return ReputationIndex(loaded)
    }
}

@Suite("Reputation index")
struct ReputationIndexTests {
    func index() throws -> ReputationIndex { try SharedIntel.index.get() }

    @Test func knownIpsumEntryIsMaliciousWithSourceAndScore() throws {
        let reputation = try index().lookup("77.90.185.20")
        #expect(reputation.verdict == .malicious)
        let ipsum = try #require(reputation.sources.first { $0.source.name == "ipsum" })
        #expect(ipsum.verdict == .malicious && ipsum.score == 10)
        #expect(reputation.reason.contains("ipsum"))
        #expect(try index().verdict(for: ip("77.90.185.20")) == .malicious)
    }

    @Test func torExitIsMaliciousPerTorAndIpsum() throws {
        let reputation = try index().lookup("102.130.113.9")
        #expect(reputation.verdict == .malicious)
        let names = Set(reputation.sources.map(\.source.name))
        #expect(names.isSuperset(of: ["tor-exit-nodes", "ipsum"]))
    }

    @Test func signatureBaseC2DomainHashAndIP() throws {
        let index = try index()
        let domain = index.lookup("suroot.com")
        #expect(domain.verdict == .malicious)
        #expect(domain.sources.first?.source.name == "signature-base-c2")
        #expect(domain.sources.first?.reference?.contains("Snowman") == true)
        let subdomain = index.lookup("www.Suroot.com")
        #expect(subdomain.verdict == .malicious)
        #expect(subdomain.sources.first?.matches.first?.matchKind == .parentDomain)
        #expect(index.lookup("notsuroot.com").verdict == .unknown)
        let hash = index.lookup("CE583821191345274CD954B2DB7DA9742C239FE413FC17DCB97FFDD7B51CB072")
        #expect(hash.verdict == .malicious)
        #expect(hash.sources.map(\.source.name) == ["signature-base-hashes"])
        #expect(index.lookup("58.64.143.244").sources.contains { $0.source.name == "signature-base-c2" })
        let url = index.lookup("http://www.suroot.com/path")
        #expect(url.verdict == .malicious)
        #expect(url.sources.first?.matches.first?.matchKind == .urlHost)
    }

    @Test func stixCidrAndHashMatch() throws {
        let index = try index()
        let inCidr = index.lookup("223.167.1.2")  // in 223.166.0.0/15 (apt1)
        #expect(inCidr.verdict == .malicious)
        #expect(inCidr.sources.contains { $0.source.name == "stix:apt1" && $0.matches.first?.matchKind == .cidr })
        #expect(index.lookup("001dd76872d80801692ff942308c64e6").verdict == .malicious)
    }

    @Test func unknownObservableIsUnknownNeverBenign() throws {
        let index = try index()
        for value in [
            "203.0.114.77", "unheard-of.example", "http://nowhere.example/", String(repeating: "0", count: 64),
            "2a00:1450:4001:80b::200e", "some random string",
        ] {
            let reputation = index.lookup(value)
            #expect(reputation.verdict == .unknown, "\(value)")
            #expect(reputation.sources.isEmpty, "\(value)")
            #expect(reputation.reason == "no loaded intel source lists this value")
        }
    }

    @Test func benignContextComesFirst() throws {
        let index = try index()
        let aws = index.lookup("3.225.16.109")
        #expect(aws.verdict == .benign)
        #expect(aws.sources.first?.source.name == "misp:amazon-aws")
        #expect(aws.reason.hasPrefix("known-benign context: misp:amazon-aws (in 3.224.0.0/12)"))
        let dns = index.lookup("8.8.8.8")
        #expect(dns.verdict == .benign)
        #expect(dns.sources.contains { $0.source.name == "misp:public-dns-v4" })
    }

    @Test func mixedVerdictsPutBenignContextFirstButMaliciousWins() {
        var index = ReputationIndex()
        index.load(
            IntelSource(name: "bad", format: .plainList),
            indicators: [
                Indicator(value: "9.9.9.9", kind: .ipv4, verdict: .malicious, score: 3)
            ])
        index.load(
            IntelSource(name: "context", format: .mispWarninglist, defaultVerdict: .benign),
            indicators: [
                Indicator(value: "9.9.9.0/24", kind: .cidr, verdict: .benign)
            ])
        index.load(
            IntelSource(name: "watch", format: .csv),
            indicators: [
                Indicator(value: "9.0.0.0/8", kind: .cidr, verdict: .suspicious)
            ])
        let reputation = index.lookup("9.9.9.9")
        #expect(reputation.verdict == .malicious)
        #expect(reputation.sources.map(\.source.name) == ["context", "bad", "watch"])
        #expect(reputation.reason == "malicious per bad score 3; known-benign context: context (in 9.9.9.0/24)")
    }

    @Test func reloadingASourceReplacesItsIndicators() {
        var index = ReputationIndex()
        let source = IntelSource(name: "feed", format: .plainList)
        index.load(source, indicators: [Indicator(value: "1.1.1.1", kind: .ipv4, verdict: .malicious)])
        #expect(index.lookup("1.1.1.1").verdict == .malicious)
        index.load(source, indicators: [Indicator(value: "2.2.2.2", kind: .ipv4, verdict: .malicious)])
        #expect(index.lookup("1.1.1.1").verdict == .unknown)
        #expect(index.lookup("2.2.2.2").verdict == .malicious)
        #expect(index.sources.count == 1 && index.sources[0].count == 1)
        index.remove(sourceNamed: "feed")
        #expect(index.lookup("2.2.2.2").verdict == .unknown)
    }

    @Test func revokedAndExpiredIndicatorsDoNotCount() {
        let past = Date(timeIntervalSince1970: 1_000_000_000)
        var index = ReputationIndex()
        index.load(
            IntelSource(name: "stix", format: .stix21),
            indicators: [
                Indicator(value: "4.4.4.4", kind: .ipv4, verdict: .malicious, revoked: true),
                Indicator(value: "5.5.5.5", kind: .ipv4, verdict: .malicious, validUntil: past),
            ])
        #expect(index.lookup("4.4.4.4").verdict == .unknown)
        #expect(index.lookup("4.4.4.4").sources.isEmpty)
        let expired = index.lookup("5.5.5.5")
        #expect(expired.verdict == .unknown)
        #expect(expired.sources.first?.matches.first?.isExpired == true)
        #expect(index.lookup("5.5.5.5", at: Date(timeIntervalSince1970: 900_000_000)).verdict == .malicious)
        #expect(index.verdict(for: IPAddress(v4: 0x0505_0505), at: Date()) == .unknown)
    }

    @Test func ipv6CidrsAndNesting() {
        var index = ReputationIndex()
        index.load(
            IntelSource(name: "v6", format: .plainList),
            indicators: [
                Indicator(value: "2001:db8::/32", kind: .cidr, verdict: .suspicious),
                Indicator(value: "2001:db8:1::/48", kind: .cidr, verdict: .malicious),
                Indicator(value: "::/0", kind: .cidr, verdict: .suspicious),
            ])
        let inner = index.lookup("2001:db8:1::5")
        #expect(inner.verdict == .malicious)
        #expect(inner.sources[0].matches.map(\.indicator.value) == ["2001:db8:1::/48", "2001:db8::/32", "::/0"])
        #expect(index.lookup("2001:db8:2::5").verdict == .suspicious)
        // An IPv6 ::/0 does not swallow IPv4 addresses.
        #expect(index.lookup("1.2.3.4").verdict == .unknown)
    }
}
