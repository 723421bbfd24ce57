import Foundation

/// IP → AS number by longest-prefix match, from pyasn / RouteViews `.dat` files
/// (`;` comment lines, then `prefix<TAB>asn`), optionally joined with ``ASNames``.
public struct ASNTable: Sendable {
    /// What the table says about one address.
    public struct Match: Sendable, Hashable {
        /// The matching (most specific) announced prefix.
        public var prefix: IPNetwork
        /// The origin AS number.
        public var asn: UInt32
        /// The AS's registered name, when names were attached.
        public var name: ASName?
    }

    private var prefixes: [IPNetwork] = []
    private var asns: [UInt32] = []
    private var map = IPRangeMap()
    /// AS names joined into matches.
    public var names = ASNames()
    /// Lines that were skipped, with reasons.
    public private(set) var issues: [EnrichmentError] = []
    /// How many lines were skipped in all.
    public private(set) var skipped = 0

    /// The number of prefixes loaded.
    public var count: Int { prefixes.count }

    /// An empty table.
    public init() {}

    /// Parses a pyasn `.dat` file (plain, or gzip through `gunzip`).
    /// Malformed lines are reported in ``issues`` and skipped; a multi-origin AS set such as
    /// `{1,2}` keeps its first AS.
    public init(pyasnData data: Data, file: String? = nil, names: ASNames = ASNames(), gunzip: Gunzip? = nil) throws {
        let plain = try CompressedInput.plain(data, file: file, gunzip: gunzip)
        var collector = IssueCollector(file: file)
        var ranges: [IPRangeMap.Range] = []
        ranges.reserveCapacity(plain.count / 18)
        LineScanner.forEachLine(in: plain) { raw, number in
            let line = LineScanner.trimmed(raw)
            if line.isEmpty || line[0] == UInt8(ascii: ";") || line[0] == UInt8(ascii: "#") { return true }
            guard let tab = line.firstIndex(where: { $0 == 0x09 || $0 == 0x20 }) else {
                collector.report(line: number, "expected 'prefix<TAB>asn'")
                return true
            }
            let prefixText = LineScanner.string(UnsafeBufferPointer(rebasing: line[..<tab]))
            var asnText = LineScanner.string(LineScanner.trimmed(UnsafeBufferPointer(rebasing: line[(tab + 1)...])))
            if asnText.hasPrefix("{") {
                asnText = String(asnText.dropFirst().prefix { $0 != "," && $0 != "}" })
            }
            if asnText.hasPrefix("AS") { asnText.removeFirst(2) }
            guard let network = IPNetwork(prefixText) else {
                collector.report(line: number, "bad prefix '\(prefixText.prefix(60))'")
                return true
            }
            guard let asn = UInt32(asnText) else {
                collector.report(line: number, "bad AS number '\(asnText.prefix(30))'")
                return true
            }
            ranges += IPRangeMap.ranges(of: network, id: UInt32(prefixes.count))
            prefixes.append(network)
            asns.append(asn)
            return true
        }
        map = IPRangeMap(ranges)
        self.names = names
        issues = collector.issues
        skipped = collector.skipped
    }

    /// The AS announcing the most specific prefix that contains `address`.
    public func lookup(_ address: IPAddress) -> Match? {
        guard let id = map.mostSpecific(address.value) else { return nil }
        let asn = asns[Int(id)]
        return Match(prefix: prefixes[Int(id)], asn: asn, name: names[asn])
    }

    /// The AS number only (no allocation).
    @inline(__always)
    public func asn(for address: IPAddress) -> UInt32? {
        map.mostSpecific(address.value).map { asns[Int($0)] }
    }
}
