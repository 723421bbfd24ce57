import Foundation

/// AWS's published address ranges (`ip-ranges.json`), answering "is this AWS, which
/// service, which region?" by longest-prefix match over IPv4 and IPv6.
public struct AWSIPRanges: Sendable {
    /// The AWS facts for one published prefix.
    public struct Match: Sendable, Hashable {
        /// The matching (most specific) prefix.
        public var prefix: IPNetwork
        /// Every service AWS lists for the prefix, specific services first, `AMAZON` last.
        public var services: [String]
        /// The region (e.g. `us-east-1`, or `GLOBAL`).
        public var region: String
        /// The network border group (e.g. `us-east-1`, `us-west-2-lax-1`).
        public var networkBorderGroup: String

        /// The most specific service (e.g. `EC2` rather than `AMAZON`).
        public var primaryService: String { services.first ?? "AMAZON" }
    }

    /// `syncToken` of the file (publication time in seconds since 1970).
    public let syncToken: String?
    /// `createDate` of the file.
    public let createDate: String?
    /// Every distinct prefix with its services.
    public let matches: [Match]
    private let map: IPRangeMap

    private struct File: Decodable {
        struct V4: Decodable {
            let ip_prefix: String
            let region: String?
            let service: String?
            let network_border_group: String?
        }
        struct V6: Decodable {
            let ipv6_prefix: String
            let region: String?
            let service: String?
            let network_border_group: String?
        }
        let syncToken: String?
        let createDate: String?
        let prefixes: [V4]?
        let ipv6_prefixes: [V6]?
    }

    /// Parses `ip-ranges.json`; malformed prefixes are reported in `issues` and skipped.
    /// - Throws: ``EnrichmentError`` when the data is not an `ip-ranges.json` document.
    public init(data: Data, file: String? = nil, gunzip: Gunzip? = nil) throws {
        let plain = try CompressedInput.plain(data, file: file, gunzip: gunzip)
        let decoded: File
        do {
            decoded = try JSONDecoder().decode(File.self, from: plain)
        } catch {
            throw EnrichmentError(file: file, line: nil, reason: "not an AWS ip-ranges.json document: \(error)")
        }
        guard decoded.prefixes != nil || decoded.ipv6_prefixes != nil else {
            throw EnrichmentError(file: file, line: nil, reason: "no \"prefixes\" or \"ipv6_prefixes\" array")
        }
        var collector = IssueCollector(file: file)
        var rows: [(prefix: String, service: String, region: String, group: String)] = []
        for entry in decoded.prefixes ?? [] {
            rows.append(
                (entry.ip_prefix, entry.service ?? "AMAZON", entry.region ?? "", entry.network_border_group ?? ""))
        }
        for entry in decoded.ipv6_prefixes ?? [] {
            rows.append(
                (entry.ipv6_prefix, entry.service ?? "AMAZON", entry.region ?? "", entry.network_border_group ?? ""))
        }
        var byPrefix: [IPNetwork: Int] = [:]
        var matches: [Match] = []
        for (offset, row) in rows.enumerated() {
            guard let network = IPNetwork(row.prefix) else {
                collector.report(line: offset + 1, "prefix entry \(offset + 1): bad prefix '\(row.prefix)'")
                continue
            }
            if let index = byPrefix[network] {
                if !matches[index].services.contains(row.service) { matches[index].services.append(row.service) }
            } else {
                byPrefix[network] = matches.count
                matches.append(
                    Match(prefix: network, services: [row.service], region: row.region, networkBorderGroup: row.group))
            }
        }
        var ranges: [IPRangeMap.Range] = []
        for index in matches.indices {
            matches[index].services.sort { a, b in
                (a == "AMAZON" ? 1 : 0, a) < (b == "AMAZON" ? 1 : 0, b)
            }
            ranges += IPRangeMap.ranges(of: matches[index].prefix, id: UInt32(index))
        }
        self.syncToken = decoded.syncToken
        self.createDate = decoded.createDate
        self.matches = matches
        self.map = IPRangeMap(ranges)
        self.issues = collector.issues
    }

    /// Malformed entries that were skipped.
    public let issues: [EnrichmentError]

    /// The most specific AWS prefix containing `address`, or `nil` when it is not AWS's.
    @inline(__always)
    public func lookup(_ address: IPAddress) -> Match? {
        map.mostSpecific(address.value).map { matches[Int($0)] }
    }

    /// Every AWS prefix containing `address`, most specific first.
    public func allMatches(_ address: IPAddress) -> [Match] {
        map.matches(address.value).reversed().map { matches[Int($0)] }
    }

    /// The index of the most specific prefix (into ``matches``), without copying strings.
    @inline(__always)
    public func matchIndex(_ address: IPAddress) -> Int? {
        map.mostSpecific(address.value).map(Int.init)
    }
}
