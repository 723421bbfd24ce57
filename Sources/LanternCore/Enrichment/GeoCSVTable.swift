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
        var columns: Columns?
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
            guard let columns else {
                guard let header = Columns(fields) else {
                    headerError = EnrichmentError(file: file, line: line, reason: "header has no 'network' column")
                    return false
                }
                columns = header
                return true
            }
            func field(_ index: Int?) -> String? {
                guard let index, index < fields.count else { return nil }
                let text = fields[index]
                if let first = text.utf8.first, let last = text.utf8.last, first != 0x20, last != 0x20 { return text }
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                return trimmed.isEmpty ? nil : trimmed
            }
            guard let text = field(columns.network), let network = IPNetwork(text) else {
                collector.report(line: line, "bad or missing network '\(field(columns.network) ?? "")'")
                return true
            }
            var asn = GeoCSVTable.none
            if let text = field(columns.asn) {
                let digits = text.hasPrefix("AS") ? String(text.dropFirst(2)) : text
                guard let value = UInt32(digits) else {
                    collector.report(line: line, "bad AS number '\(text.prefix(30))'")
                    return true
                }
                asn = value
            }
            let id = UInt32(networks.count)
            ranges += IPRangeMap.ranges(of: network, id: id)
            networks.append(network)
            asns.append(asn)
            organizationIDs.append(field(columns.organization).map(intern) ?? GeoCSVTable.none)
            let codeID = field(columns.countryCode).map(intern) ?? GeoCSVTable.none
            countryIDs.append(codeID)
            if codeID != GeoCSVTable.none, countryNames[codeID] == nil, let name = field(columns.countryName) {
                countryNames[codeID] = name
            }
            return true
        }
        if let headerError { throw headerError }
        hasASN = columns?.asn != nil
        hasOrganization = columns?.organization != nil
        hasCountry = columns?.countryCode != nil
        self.countryNames = countryNames
        map = IPRangeMap(ranges)
        issues = collector.issues
        skipped = collector.skipped
    }

    /// The column positions named by a header row.
    struct Columns {
        var network: Int
        var asn: Int?
        var organization: Int?
        var countryCode: Int?
        var countryName: Int?

        init?(_ header: [String]) {
            let names = header.map { CSVIntelParser.normalisedHeader($0) }
            func find(_ keys: [String]) -> Int? {
                for key in keys {
                    if let index = names.firstIndex(of: key) { return index }
                }
                return nil
            }
            guard let network = find(["network", "cidr", "prefix"]) else { return nil }
            self.network = network
            asn = find(["asn", "autonomous_system_number", "as_number"])
            organization = find(["asn_name", "org", "organization", "autonomous_system_organization", "as_name"])
            countryCode = find(["country_code", "country_iso_code", "iso_code", "country"])
            countryName = find(["country_name"])
        }
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
