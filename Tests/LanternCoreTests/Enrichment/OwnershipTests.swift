import Foundation
import Testing

@testable import LanternCore

@Suite("IP ownership")
struct OwnershipTests {
    @Test func specialRangesAreNamed() throws {
        let special = SpecialRanges.standard
        let cases: [(String, SpecialRanges.Category, String)] = [
            ("10.8.8.10", .privateUse, "10.0.0.0/8"),
            ("192.168.10.20", .privateUse, "192.168.0.0/16"),
            ("172.31.255.1", .privateUse, "172.16.0.0/12"),
            ("100.64.1.1", .sharedAddressSpace, "100.64.0.0/10"),
            ("127.0.0.1", .loopback, "127.0.0.0/8"),
            ("169.254.1.1", .linkLocal, "169.254.0.0/16"),
            ("169.254.169.254", .cloudService, "169.254.169.254/32"),
            ("192.0.2.5", .documentation, "192.0.2.0/24"),
            ("198.51.100.5", .documentation, "198.51.100.0/24"),
            ("203.0.113.5", .documentation, "203.0.113.0/24"),
            ("198.19.0.1", .benchmarking, "198.18.0.0/15"),
            ("239.1.1.1", .multicast, "224.0.0.0/4"),
            ("255.255.255.255", .broadcast, "255.255.255.255/32"),
            ("0.1.2.3", .thisNetwork, "0.0.0.0/8"),
            ("2001:db8::1", .documentation, "2001:db8::/32"),
            ("fd12:3456::1", .uniqueLocal, "fc00::/7"),
            ("fe80::1", .linkLocal, "fe80::/10"),
            ("::1", .loopback, "::1/128"),
            ("2002:c000:204::1", .tunnelling, "2002::/16"),
            ("ff02::1", .multicast, "ff00::/8"),
        ]
        for (text, category, network) in cases {
            let block = try #require(special.block(for: ip(text)), "\(text)")
            #expect(block.category == category, "\(text)")
            #expect(block.network.description == network, "\(text)")
        }
        for text in ["8.8.8.8", "3.225.16.109", "2a00:1450::1"] {
            #expect(special.block(for: try ip(text)) == nil, "\(text)")
        }
    }

    @Test func awsRangesGiveServiceAndRegion() throws {
        let ranges = try AWSIPRanges(data: EnrichmentTestSupport.read("ownership/aws-ip-ranges.json"))
        #expect(ranges.issues.isEmpty)
        let match = try #require(ranges.lookup(ip("3.225.16.109")))
        #expect(match.prefix.description == "3.224.0.0/12")
        #expect(match.services == ["EC2", "AMAZON"])
        #expect(match.primaryService == "EC2")
        #expect(match.region == "us-east-1" && match.networkBorderGroup == "us-east-1")
        let other = try #require(ranges.lookup(ip("52.45.102.28")))
        #expect(other.region == "us-east-1")
        let v6 = try #require(ranges.lookup(ip("2406:daba:f000::1")))
        #expect(v6.region == "ap-southeast-4")
        #expect(ranges.lookup(try ip("8.8.8.8")) == nil)
        #expect(ranges.matches.count > 10_000)
    }

    /// Random public-ish IPv4 addresses plus addresses inside listed networks, seeded.
    static func sampleIPv4(count: Int, seed: UInt64, inside networks: [IPNetwork]) -> [IPAddress] {
        var generator = SeededGenerator(seed: seed)
        var result: [IPAddress] = []
        for index in 0..<count {
            if index % 2 == 0 || networks.isEmpty {
                result.append(IPAddress(v4: UInt32.random(in: 0...UInt32.max, using: &generator)))
            } else {
                let network = networks[Int.random(in: 0..<networks.count, using: &generator)]
                let span = UInt64(network.last.value - network.first.value)
                let offset = UInt64.random(in: 0...span, using: &generator)
                result.append(IPAddress(v4: UInt32(truncatingIfNeeded: network.first.value) &+ UInt32(offset)))
            }
        }
        return result
    }

    @Test func pyasnLookupsAgreeWithIndependentScript() throws {
        let names = try ASNames(data: EnrichmentTestSupport.gunzip("ownership/pyasn-routeviews/asnames.json.gz"))
        let table = try ASNTable(
            pyasnData: EnrichmentTestSupport.gunzip("ownership/pyasn-routeviews/ipasn_20140513.dat.gz"), names: names)
        #expect(table.count == 512_621)
        #expect(table.skipped == 0)
        let networks = ["3.0.0.0/8", "8.8.8.0/24", "1.0.4.0/24", "52.0.0.0/11", "203.0.113.0/24"].compactMap(
            IPNetwork.init)
        let addresses = OwnershipTests.sampleIPv4(count: 3_000, seed: 7, inside: networks)
        let list = try EnrichmentTestSupport.temporaryFile(addresses.map(\.description))
        defer { try? FileManager.default.removeItem(atPath: list) }
        let output = try EnrichmentTestSupport.python([
            EnrichmentTestSupport.script("truth_asn.py"), "dat",
            try EnrichmentTestSupport.dataFile("ownership/pyasn-routeviews/ipasn_20140513.dat.gz").path, list,
        ])
        let lines = output.split(separator: "\n")
        #expect(lines.count == addresses.count)
        var hits = 0
        for (address, line) in zip(addresses, lines) {
            let fields = line.split(separator: "\t").map(String.init)
            #expect(fields[0] == address.description)
            let match = table.lookup(address)
            if fields[1] == "-" {
                #expect(match == nil, "\(address): Swift found AS\(match?.asn ?? 0)")
            } else {
                hits += 1
                #expect(match.map { String($0.asn) } == fields[1], "\(address)")
                #expect(match?.prefix.description == fields[2], "\(address)")
            }
        }
        #expect(hits > 1_500)
        let google = try #require(table.lookup(ip("8.8.8.8")))
        #expect(google.asn == 15169)
        #expect(google.name?.handle == "GOOGLE")
        #expect(google.name?.country == "US")
    }

    @Test func geoCSVLookupsAgreeWithIndependentScript() throws {
        let asnTable = try GeoCSVTable(
            csvData: EnrichmentTestSupport.gunzip("ownership/geolite2-asn-csv/asn_ipv4.csv.gz"))
        let countryTable = try GeoCSVTable(
            csvData: EnrichmentTestSupport.gunzip("ownership/geolite2-asn-csv/country_ipv4.csv.gz"))
        #expect(asnTable.hasOrganization && !asnTable.hasASN)
        #expect(countryTable.hasCountry)
        let addresses = OwnershipTests.sampleIPv4(count: 2_000, seed: 11, inside: [])
        let list = try EnrichmentTestSupport.temporaryFile(addresses.map(\.description))
        defer { try? FileManager.default.removeItem(atPath: list) }
        for (table, file, column) in [
            (asnTable, "ownership/geolite2-asn-csv/asn_ipv4.csv.gz", "asn_name"),
            (countryTable, "ownership/geolite2-asn-csv/country_ipv4.csv.gz", "country_code"),
        ] {
            let output = try EnrichmentTestSupport.python([
                EnrichmentTestSupport.script("truth_asn.py"), "csv", try EnrichmentTestSupport.dataFile(file).path,
                column, list,
            ])
            let lines = output.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
            #expect(lines.count == addresses.count)
            for (address, line) in zip(addresses, lines) {
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                let match = table.lookup(address)
                if fields[2] == "-" {
                    #expect(match == nil, "\(address)")
                } else {
                    let value = column == "asn_name" ? match?.organization : match?.countryCode
                    #expect((value ?? "") == fields[1], "\(address) \(column)")
                    #expect(match?.network.description == fields[2], "\(address)")
                }
            }
        }
        let cloudflare = try #require(asnTable.lookup(ip("1.0.0.1")))
        #expect(cloudflare.organization == "CLOUDFLARENET")
        #expect(countryTable.lookup(try ip("1.0.1.1"))?.countryName == "China")
    }

    @Test func mmdbReaderAgreesWithPythonMaxminddb() throws {
        let url = try EnrichmentTestSupport.dataFile("ownership/mmdb/Geoacumen-Country.mmdb")
        let database = try MaxMindDB(contentsOf: url)
        var addresses = OwnershipTests.sampleIPv4(count: 1_500, seed: 2024, inside: [])
        var generator = SeededGenerator(seed: 99)
        let v6Prefixes: [UInt128] = [0x2001_0000, 0x2a00_0000, 0x2600_0000, 0x2400_0000, 0x2c0f_0000, 0x2800_0000]
        for index in 0..<400 {
            let top = v6Prefixes[index % v6Prefixes.count] << 96
            let random =
                (UInt128(UInt64.random(in: 0...UInt64.max, using: &generator)) << 64
                    | UInt128(UInt64.random(in: 0...UInt64.max, using: &generator))) >> 16
            addresses.append(IPAddress(v6: top | random))
        }
        addresses += ["::1", "::ffff:8.8.8.8", "2001:4860::8888", "fe80::1", "8.8.8.8", "10.0.0.1"].compactMap(
            IPAddress.init)
        let list = try EnrichmentTestSupport.temporaryFile(addresses.map(\.description))
        defer { try? FileManager.default.removeItem(atPath: list) }
        let output = try EnrichmentTestSupport.python([EnrichmentTestSupport.script("truth_mmdb.py"), url.path, list])
        var lines = output.split(separator: "\n").map(String.init)
        let meta = lines.removeFirst().split(separator: "\t").map(String.init)
        #expect(meta[1] == String(database.metadata.nodeCount))
        #expect(meta[2] == String(database.metadata.recordSize))
        #expect(meta[3] == String(database.metadata.ipVersion))
        #expect(meta[4] == database.metadata.databaseType)
        #expect(lines.count == addresses.count)
        var found = 0
        for (address, line) in zip(addresses, lines) {
            let fields = line.split(separator: "\t").map(String.init)
            let lookup = try database.lookup(address)
            let code = lookup?.value[path: ["country", "iso_code"]]?.stringValue ?? "-"
            let walked = try database.dataOffset(for: address).prefixLength
            let prefix = lookup?.network.prefixLength ?? walked
            #expect(code == fields[1], "\(address)")
            #expect(String(prefix) == fields[2], "\(address) prefix")
            if code != "-" { found += 1 }
        }
        #expect(found > 1_000)
        let us = try #require(try database.lookup(ip("8.8.8.8")))
        #expect(us.value[path: ["country", "iso_code"]] == .string("US"))
    }

    @Test func mmdbFlattenedIPv4AgreesWithTreeWalk() throws {
        let database = try MaxMindDB(
            contentsOf: EnrichmentTestSupport.dataFile("ownership/mmdb/Geoacumen-Country.mmdb"))
        for address in OwnershipTests.sampleIPv4(count: 5_000, seed: 5, inside: []) {
            let fast = try database.dataOffset(for: address)
            let walked = try database.walkTree(for: address)
            #expect(fast.offset == walked.offset && fast.prefixLength == walked.prefixLength, "\(address)")
        }
    }

    @Test func mmdbRejectsGarbage() {
        #expect(throws: EnrichmentError.self) { _ = try MaxMindDB(data: Data(repeating: 7, count: 1000)) }
    }

    @Test func ownershipIndexCombinesTables() throws {
        var index = OwnershipIndex()
        index.aws = try AWSIPRanges(data: EnrichmentTestSupport.read("ownership/aws-ip-ranges.json"))
        let names = try ASNames(data: EnrichmentTestSupport.gunzip("ownership/pyasn-routeviews/asnames.json.gz"))
        index.add(
            asnTable: try ASNTable(
                pyasnData: EnrichmentTestSupport.gunzip("ownership/pyasn-routeviews/ipasn_20140513.dat.gz"),
                names: names),
            name: "pyasn")
        index.add(
            database: try MaxMindDB(
                contentsOf: EnrichmentTestSupport.dataFile("ownership/mmdb/Geoacumen-Country.mmdb")), name: "geoacumen")
        let aws = index.ownership(of: try ip("3.225.16.109"))
        #expect(aws.aws?.primaryService == "EC2")
        #expect(aws.aws?.region == "us-east-1")
        #expect(aws.asn == nil)  // 3.x was not announced by Amazon in the 2014 RouteViews table
        #expect(aws.countryCode == "US")
        #expect(aws.provenance["country"] == "geoacumen")
        #expect(aws.summary == "AWS EC2 us-east-1 · US")
        let amazon = index.ownership(of: try ip("54.239.28.85"))
        #expect(amazon.asn == 16509)
        #expect(amazon.asHandle == "AMAZON-02")
        #expect(amazon.asnPrefix?.description == "54.239.16.0/20")
        #expect(amazon.provenance["asn"] == "pyasn")
        let private10 = index.ownership(of: try ip("10.8.8.10"))
        #expect(private10.special?.category == .privateUse)
        #expect(private10.summary.hasPrefix("RFC 1918 private network (10.0.0.0/8)"))
        let facts = index.quickFacts(try ip("54.239.28.85"))
        #expect(facts.aws >= 0 && facts.asn == 16509 && facts.mmdbOffset >= 0 && facts.special == -1)
    }
}
