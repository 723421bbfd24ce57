import Foundation

/// What an enrichment file holds, recognised by content.
public enum EnrichmentFile: Sendable, Equatable {
    /// Threat intel in one of the intel formats.
    case intel(IntelFormat)
    /// AWS's `ip-ranges.json`.
    case awsIPRanges
    /// pyasn / RouteViews `prefix<TAB>asn` table.
    case pyasn
    /// AS names JSON (`{"asn": "NAME - Org, CC"}`).
    case asNames
    /// GeoLite2-style CSV (`network,asn_name` or `network,country_code,country_name`).
    case geoCSV
    /// A MaxMind DB (`.mmdb`).
    case mmdb
    /// An account catalog (CSV, JSON or YAML: id, name, ou, owner, environment, tags).
    case accountCatalog
    /// The fwdcloudsec known-AWS-accounts list.
    case knownAccounts

    /// The name stored with the source (`intel`, `aws-ip-ranges`, …).
    public var name: String {
        switch self {
        case .intel(let format): return "intel-\(format.rawValue)"
        case .awsIPRanges: return "aws-ip-ranges"
        case .pyasn: return "pyasn"
        case .asNames: return "as-names"
        case .geoCSV: return "geo-csv"
        case .mmdb: return "mmdb"
        case .accountCatalog: return "account-catalog"
        case .knownAccounts: return "known-aws-accounts"
        }
    }

    /// Parses a stored name back.
    public init?(name: String) {
        if name.hasPrefix("intel-"), let format = IntelFormat(rawValue: String(name.dropFirst(6))) {
            self = .intel(format)
            return
        }
        let all: [EnrichmentFile] = [.awsIPRanges, .pyasn, .asNames, .geoCSV, .mmdb, .accountCatalog, .knownAccounts]
        guard let match = all.first(where: { $0.name == name }) else { return nil }
        self = match
    }

    /// Recognises the file at `path` from its first 64 KiB (decompressed)
    /// and, for MaxMind DBs, the metadata marker in its last 128 KiB.
    public static func sniff(path: String) -> EnrichmentFile? {
        guard var source = try? openByteSource(path: path) else { return nil }
        var head: [UInt8] = []
        while head.count < 65_536, let n = try? source.read(appendingTo: &head, maxCount: 65_536 - head.count), n > 0 {}
        // Most files are logs or findings: say so before searching the tail.
        if isLogOrFindings(head) { return nil }
        if let handle = FileHandle(forReadingAtPath: path) {
            defer { try? handle.close() }
            let size = (try? handle.seekToEnd()) ?? 0
            try? handle.seek(toOffset: size > 131_072 ? size - 131_072 : 0)
            if let tail = try? handle.readToEnd(), tail.range(of: Data(mmdbMarker)) != nil { return .mmdb }
        }
        return detect(Data(head), fileName: path)
    }

    /// Keys only CloudTrail logs and findings have near their start.
    private static let logMarkers = ["\"eventVersion\"", "\"eventTime\"", "\"Records\"", "\"Findings\"", "\"SchemaVersion\"",
                                     "\"schemaVersion\"", "\"detail-type\"", "\"CloudTrailEvent\""].map { Array($0.utf8) }

    /// Whether `head` (a file's first bytes) is JSON carrying a CloudTrail or finding key.
    static func isLogOrFindings(_ head: [UInt8]) -> Bool {
        let json = head.first { !(9...13).contains($0) && $0 != 0x20 }
        guard json == UInt8(ascii: "{") || json == UInt8(ascii: "[") else { return false }
        return logMarkers.contains { ByteSearch.contains(head, $0) }
    }

    static let mmdbMarker: [UInt8] = [0xAB, 0xCD, 0xEF] + Array("MaxMind.com".utf8)

    /// Recognises `data` (already decompressed); nil for CloudTrail logs,
    /// findings and anything unknown.
    public static func detect(_ data: Data, fileName: String?) -> EnrichmentFile? {
        if data.range(of: Data(mmdbMarker)) != nil { return .mmdb }
        let head = String(decoding: data.prefix(65_536), as: UTF8.self)
        let trimmed = head.drop { $0.isWhitespace }
        if isLogOrFindings(Array(data.prefix(65_536))) { return nil }
        if trimmed.first == "{" || trimmed.first == "[" {
            if head.contains("\"syncToken\""), head.contains("\"prefixes\"") { return .awsIPRanges }
            if trimmed.first == "{", let first = trimmed.dropFirst().drop(while: { $0.isWhitespace }).first, first == "\"" {
                let key = trimmed.dropFirst().drop { $0.isWhitespace }.dropFirst().prefix { $0 != "\"" }
                if !key.isEmpty, key.allSatisfy(\.isNumber) { return .asNames }
            }
            if head.contains("\"Accounts\"") || (head.contains("\"id\"") && head.contains("\"name\"") && head.contains("\"ou\"")) {
                return .accountCatalog
            }
        }
        if trimmed.hasPrefix("; IP-ASN32-DAT") { return .pyasn }
        let firstLine = trimmed.prefix { $0 != "\n" }.lowercased()
        if firstLine.hasPrefix("network,asn_name") || firstLine.hasPrefix("network,country_code") { return .geoCSV }
        if firstLine.hasPrefix("id,") && firstLine.contains("name") { return .accountCatalog }
        if head.contains("accounts:") && head.contains("- name:") { return .knownAccounts }
        if head.contains("- id:") || head.contains("\n  id:") { return .accountCatalog }
        if let format = IntelFormat.detect(firstBytes: data.prefix(65_536), fileName: fileName) { return .intel(format) }
        // pyasn files may lack the header: lines of prefix<TAB>number.
        if let line = head.split(separator: "\n").first(where: { !$0.hasPrefix(";") }),
           line.split(separator: "\t").count == 2, IPNetwork(line.split(separator: "\t")[0]) != nil {
            return .pyasn
        }
        return nil
    }
}
