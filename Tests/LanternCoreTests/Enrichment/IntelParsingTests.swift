import Foundation
import Testing

@testable import LanternCore

@Suite("Intel parsing")
struct IntelParsingTests {
    @Test func classifierRecognisesKindsAndCanonicalises() throws {
        let cases: [(String, IndicatorKind, String)] = [
            ("1.2.3.4", .ipv4, "1.2.3.4"),
            ("2001:DB8::1", .ipv6, "2001:db8::1"),
            ("10.1.2.3/8", .cidr, "10.0.0.0/8"),
            ("1.2.3.4/32", .ipv4, "1.2.3.4"),
            ("Evil.Example.COM.", .domain, "evil.example.com"),
            ("*.example.org", .domain, "example.org"),
            ("evil[.]example[.]com", .domain, "evil.example.com"),
            ("hxxp://Evil.Example.com:80/Path?q=1#frag", .url, "http://evil.example.com/Path?q=1"),
            ("HTTPS://1.2.3.4:8443", .url, "https://1.2.3.4:8443/"),
            ("D41D8CD98F00B204E9800998ECF8427E", .md5, "d41d8cd98f00b204e9800998ecf8427e"),
            (String(repeating: "a", count: 40), .sha1, String(repeating: "a", count: 40)),
            (String(repeating: "b", count: 64), .sha256, String(repeating: "b", count: 64)),
        ]
        for (input, kind, value) in cases {
            let classified = try #require(IndicatorClassifier.classify(input), "\(input)")
            #expect(classified.kind == kind, "\(input)")
            #expect(classified.value == value, "\(input)")
        }
        for bad in ["", "hello", "035.249.253.232", "1.2.3", "example", "12.34", "x y.com"] {
            #expect(IndicatorClassifier.classify(bad) == nil, "\(bad)")
        }
    }

    @Test func plainListKeepsGoodLinesAndReportsBadOnes() {
        let text = """
            # header comment
            1.2.3.4\t7
            evil.example.com;C2 server
            5.6.7.8;65
            not a value at all!
            # Operation Foo https://example.org/report

            10.0.0.0/8
            0.0.0.0 ads.example.net
            http://bad.example/x;y=1
            """
        let result = PlainListParser.parse(Data(text.utf8), file: "list.txt")
        #expect(
            result.indicators.map(\.value) == [
                "1.2.3.4", "evil.example.com", "5.6.7.8", "10.0.0.0/8", "ads.example.net", "http://bad.example/x;y=1",
            ])
        #expect(result.indicators[0].score == 7)
        #expect(result.indicators[1].comment == "C2 server")
        #expect(result.indicators[2].score == 65)
        #expect(result.skipped == 1)
        #expect(result.issues.first?.line == 5)
        #expect(result.issues.first?.file == "list.txt")
        #expect(result.issues.first?.description.hasPrefix("list.txt:5: not an IP") == true)
    }

    @Test func groupCommentsApplyUntilBlankLine() {
        let text = "# Snowman report\nsuroot.com\n58.64.143.244\n\nother.example\n"
        let result = PlainListParser.parse(Data(text.utf8), file: nil)
        #expect(result.indicators.map(\.comment) == ["Snowman report", "Snowman report", nil])
    }

    @Test func realIpsumParsesEveryLine() throws {
        let data = try EnrichmentTestSupport.read("intel/ipsum/ipsum.txt")
        let result = try IntelParser.parse(data, fileName: "ipsum.txt")
        #expect(result.format == .plainList)
        #expect(result.indicators.count == 120_430)
        #expect(result.skipped == 0)
        let first = try #require(result.indicators.first)
        #expect(first.value == "77.90.185.20" && first.score == 10 && first.kind == .ipv4)
    }

    @Test func realSignatureBaseParses() throws {
        let hashes = PlainListParser.parse(
            try EnrichmentTestSupport.read("intel/signature-base/hash-iocs.txt"), file: "hash-iocs.txt")
        let c2 = PlainListParser.parse(
            try EnrichmentTestSupport.read("intel/signature-base/c2-iocs.txt"), file: "c2-iocs.txt")
        #expect(hashes.indicators.count >= 3_200)
        #expect(c2.indicators.count >= 1_800)
        let sample = try #require(hashes.indicators.first { $0.value.hasPrefix("ce583821191345274cd954b2db7da974") })
        #expect(sample.kind == .sha256)
        #expect(sample.comment?.contains("Dark Caracal") == true)
        let domain = try #require(c2.indicators.first { $0.value == "suroot.com" })
        #expect(domain.kind == .domain)
        #expect(domain.comment?.contains("Snowman") == true)
        // Every refused record names its line and a reason.
        for issue in hashes.issues + c2.issues {
            #expect(issue.line != nil && !issue.reason.isEmpty)
        }
    }

    @Test func csvWithHeaderMapsColumns() {
        let text = """
            indicator,type,confidence,description,first_seen,last_seen,verdict
            1.2.3.4,ip,80,"scanner, noisy",2024-01-02,2024-02-03T04:05:06Z,suspicious
            evil.example,domain,90,C2,,,
            ,ip,1,,,,
            mutex-name,mutex,10,odd,,,
            """
        let result = CSVIntelParser.parse(Data(text.utf8), file: "intel.csv")
        #expect(result.indicators.count == 3)
        let first = result.indicators[0]
        #expect(first.value == "1.2.3.4" && first.confidence == 80 && first.comment == "scanner, noisy")
        #expect(first.verdict == .suspicious)
        #expect(first.firstSeen == IntelDate.parse("2024-01-02T00:00:00Z"))
        #expect(first.lastSeen?.timeIntervalSince1970 == 1_706_933_106)
        #expect(result.indicators[1].verdict == .malicious)
        #expect(result.indicators[2].kind == .other)
        #expect(result.issues.map(\.line) == [4])
    }

    @Test func commentedCSVHeaderIsRecognised() {
        let text =
            "# abuse.ch\n# \"first_seen_utc\",\"dst_ip\",\"dst_port\"\n\"2024-05-01 10:00:00\",\"9.9.9.9\",\"443\"\n"
        let result = CSVIntelParser.parse(Data(text.utf8), file: nil)
        #expect(result.indicators.map(\.value) == ["9.9.9.9"])
        #expect(result.indicators.first?.firstSeen != nil)
    }

    @Test func stixPatternsParse() throws {
        let ors = try STIXPattern(
            "[domain-name:value = 'x.example' OR ipv4-addr:value = '1.2.3.4'] OR [ipv6-addr:value = '2001:db8::/32']")
        #expect(ors.values.map(\.value) == ["x.example", "1.2.3.4", "2001:db8::/32"])
        let hashes = try STIXPattern(
            "[file:hashes.'SHA-256' = '\(String(repeating: "A", count: 64))' OR file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']"
        )
        #expect(hashes.values.map(\.kind) == [.sha256, .md5])
        let partial = try STIXPattern("[file:name = 'x.exe' OR url:value = 'http://a.example/p']")
        #expect(partial.values.map(\.value) == ["http://a.example/p"])
        #expect(partial.unsupported.count == 1)
        let list = try STIXPattern("[ipv4-addr:value IN ('1.1.1.1', '2.2.2.2')] WITHIN 300 SECONDS")
        #expect(list.values.count == 2)
        #expect(throws: EnrichmentError.self) {
            try STIXPattern("[x509-certificate:issuer = 'CN=A' AND x509-certificate:serial_number = '01']")
        }
        #expect(throws: EnrichmentError.self) { try STIXPattern("[email-message:subject MATCHES '^x']") }
        #expect(throws: EnrichmentError.self) { _ = try STIXPattern("[ipv4-addr:value = 'unterminated]") }
    }

    @Test func realStixBundlesParse() throws {
        let directory = try EnrichmentTestSupport.dataFile("intel/stix21/examples")
        var all: [Indicator] = []
        var issues: [EnrichmentError] = []
        let files =
            FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "json" } ?? []
        #expect(files.count == 8)
        for file in files {
            let data = try Data(contentsOf: file)
            #expect(IntelFormat.detect(firstBytes: data.prefix(4096), fileName: file.lastPathComponent) == .stix21)
            let result = try IntelParser.parse(data, fileName: file.lastPathComponent)
            all += result.indicators
            issues += result.issues
        }
        let c2 = try #require(
            all.first { $0.value == "10.0.0.0" && $0.reference == "indicator--33fe3b22-0201-47cf-85d0-97c02164528d" })
        #expect(c2.kind == .ipv4 && c2.verdict == .malicious)
        #expect(c2.validFrom == IntelDate.parse("2014-05-08T09:00:00Z"))
        #expect(all.contains { $0.value == "223.166.0.0/15" && $0.kind == .cidr })
        #expect(all.contains { $0.value == "001dd76872d80801692ff942308c64e6" && $0.kind == .md5 })
        #expect(all.contains { $0.value == "www.webserver.dynssl.com" })
        // x509 AND-patterns and MATCHES patterns are refused with a reason.
        #expect(issues.contains { $0.reason.contains("AND") })
        #expect(issues.contains { $0.reason.contains("no supported comparison") })
    }

    @Test func realMispWarninglistsAreBenign() throws {
        let directory = try EnrichmentTestSupport.dataFile("intel/misp-warninglists")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
            FileManager.default.fileExists(atPath: directory.appendingPathComponent("\($0)/list.json").path)
        }
        #expect(names.count == 17)
        for name in names {
            let data = try Data(contentsOf: directory.appendingPathComponent("\(name)/list.json"))
            #expect(IntelFormat.detect(firstBytes: data.prefix(4096), fileName: "list.json") == .mispWarninglist)
            let result = try IntelParser.parse(data, fileName: "\(name)/list.json")
            #expect(!result.indicators.isEmpty, "\(name)")
            #expect(result.indicators.allSatisfy { $0.verdict == .benign })
            #expect(result.declaredName != nil)
        }
    }

    @Test func formatDetection() {
        #expect(IntelFormat.detect(firstBytes: Data("# c\n1.2.3.4\n".utf8), fileName: "x.txt") == .plainList)
        #expect(IntelFormat.detect(firstBytes: Data("ioc,type\n1.2.3.4,ip\n".utf8), fileName: nil) == .csv)
        #expect(
            IntelFormat.detect(firstBytes: Data("{\"type\": \"bundle\", \"objects\": []}".utf8), fileName: nil)
                == .stix21)
        #expect(
            IntelFormat.detect(firstBytes: Data("{\"name\":\"x\",\"type\":\"cidr\",\"list\":[]}".utf8), fileName: nil)
                == .mispWarninglist)
        #expect(IntelFormat.detect(firstBytes: Data("{\"Records\": []}".utf8), fileName: nil) == nil)
        #expect(IntelFormat.detect(firstBytes: Data([0x1f, 0x8b, 0, 1]), fileName: nil) == nil)
    }

    @Test func gzipWithoutDecompressorIsAClearError() {
        #expect(throws: EnrichmentError.self) {
            _ = try IntelParser.parse(Data([0x1f, 0x8b, 8, 0]), fileName: "x.gz")
        }
    }

    @Test func datesParse() {
        #expect(IntelDate.parse("1970-01-02")?.timeIntervalSince1970 == 86_400)
        #expect(IntelDate.parse("2014-05-08T09:00:00.000000Z")?.timeIntervalSince1970 == 1_399_539_600)
        #expect(IntelDate.parse("2014-05-08 11:00:00+02:00")?.timeIntervalSince1970 == 1_399_539_600)
        #expect(IntelDate.parse("1399539600")?.timeIntervalSince1970 == 1_399_539_600)
        #expect(IntelDate.parse("yesterday") == nil)
        #expect(IntelDate.parse("2014-13-01") == nil)
    }
}
