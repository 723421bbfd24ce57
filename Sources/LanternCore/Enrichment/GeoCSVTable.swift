import Foundation

/// IP → ASN / organisation / country by longest-prefix match, from CSV files with a header
/// naming a `network` column and any of: `asn` (or `autonomous_system_number`), `asn_name`
/// / `org` / `organization` (or `autonomous_system_organization`), `country_code` (or
/// `country_iso_code`), `country_name`. GeoLite2-style `network,asn_name` and
/// `network,country_code,country_name` files both load.
public struct GeoCSVTable: Sendable {
    /// What the table says about one address.
    public struct Match: Sendable, Hashable {
        /// The matching (most specific) network.
        public var network: IPNetwork
        /// The AS number, when the file has one.
        public var asn: UInt32?
        /// The AS organisation name, when the file has one.
        public var organization: String?
        /// The ISO country code, when the file has one.
        public var countryCode: String?
        /// The country name, when the file has one.
        public var countryName: String?
    }

    private var networks: [IPNetwork] = []
    private var asns: [UInt32] = []
    private var organizationIDs: [UInt32] = []
    private var countryIDs: [UInt32] = []
    private var strings: [String] = []
    private var map = IPRangeMap()
    /// Rows that were skipped, with reasons.
    public private(set) var issues: [EnrichmentError] = []
    /// How many rows were skipped in all.
    public private(set) var skipped = 0
    /// Which facts the file holds.
    public private(set) var hasASN = false, hasOrganization = false, hasCountry = false

    /// The number of networks loaded.
    public var count: Int { networks.count }

    private static let none = UInt32.max

    /// Parses the CSV (plain, or gzip through `gunzip`).
    /// - Throws: ``EnrichmentError`` when the header has no `network` column.
    public init(csvData data: Data, file: String? = nil, gunzip: Gunzip? = nil) throws {
        let plain = try CompressedInput.plain(data, file: file, gunzip: gunzip)
        var collector = IssueCollector(file: file)
        var header: [String: Int]?
        var headerError: EnrichmentError?
        var interned: [String: UInt32] = [:]
        var ranges: [IPRangeMap.Range] = []
        var countryNames: [UInt32: String] = [:]
        func intern(_ text: String) -> UInt32 {
            if let id = interned[text] { return id }
            let id = UInt32(strings.count)
            strings.append(text)
            interned[text] = id
            return id
        }
        CSVReader.forEachRecord(in: plain) { fields, line in
            guard let columns = header else {
                var names: [String: Int] = [:]
                for (index, name) in fields.enumerated() {
                    names[CSVIntelParser.normalisedHeader(name)] = names[CSVIntelParser.normalisedHeader(name)] ?? index
                }
                guard names["network"] != nil || names["cidr"] != nil || names["prefix"] != nil else {
                    headerError = EnrichmentError(file: file, line: line, reason: "header has no 'network' column")
                    return false
                }
                header = names
                return true
            }
            func field(_ keys: [String]) -> String? {
                for key in keys {
                    if let index = columns[key], index < fields.count {
                        let text = fields[index].trimmingCharacters(in: .whitespaces)
                        return text.isEmpty ? nil : text
                    }
                }
                return nil
            }
            guard let text = field(["network", "cidr", "prefix"]), let network = IPNetwork(text) else {
                collector.report(line: line, "bad or missing network '\(field(["network", "cidr", "prefix"]) ?? "")'")
                return true
            }
            var asn = GeoCSVTable.none
            if let text = field(["asn", "autonomous_system_number", "as_number"]) {
                let digits = text.hasPrefix("AS") ? String(text.dropFirst(2)) : text
                guard let value = UInt32(digits) else {
                    collector.report(line: line, "bad AS number '\(text.prefix(30))'")
                    return true
                }
                asn = value
            }
            let organization = field(["asn_name", "org", "organization", "autonomous_system_organization", "as_name"])
            let code = field(["country_code", "country_iso_code", "iso_code", "country"])
            let countryName = field(["country_name"])
            let id = UInt32(networks.count)
            ranges += IPRangeMap.ranges(of: network, id: id)
            networks.append(network)
            asns.append(asn)
            organizationIDs.append(organization.map(intern) ?? GeoCSVTable.none)
            let codeID = code.map(intern) ?? GeoCSVTable.none
            countryIDs.append(codeID)
            if let countryName, codeID != GeoCSVTable.none { countryNames[codeID] = countryName }
            return true
        }
        if let headerError { throw headerError }
        if let columns = header {
            hasASN = ["asn", "autonomous_system_number", "as_number"].contains { columns[$0] != nil }
            hasOrganization = ["asn_name", "org", "organization", "autonomous_system_organization", "as_name"]
                .contains { columns[$0] != nil }
            hasCountry = ["country_code", "country_iso_code", "iso_code", "country"].contains { columns[$0] != nil }
        }
        self.countryNames = countryNames
        map = IPRangeMap(ranges)
        issues = collector.issues
        skipped = collector.skipped
    }

    private var countryNames: [UInt32: String] = [:]

    /// The most specific network containing `address`.
    public func lookup(_ address: IPAddress) -> Match? {
        guard let id = map.mostSpecific(address.value).map(Int.init) else { return nil }
        let organization = organizationIDs[id]
        let country = countryIDs[id]
        return Match(
            network: networks[id],
            asn: asns[id] == GeoCSVTable.none ? nil : asns[id],
            organization: organization == GeoCSVTable.none ? nil : strings[Int(organization)],
            countryCode: country == GeoCSVTable.none ? nil : strings[Int(country)],
            countryName: country == GeoCSVTable.none ? nil : countryNames[country])
    }

    /// The interned row index for `address` (no allocation), for hot loops.
    @inline(__always)
    public func rowIndex(_ address: IPAddress) -> Int? {
        map.mostSpecific(address.value).map(Int.init)
    }
}
