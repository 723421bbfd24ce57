import Foundation

/// Third-party (vendor) AWS accounts, from fwdcloudsec's known_aws_accounts YAML
/// (`- name: …, source: …, type: …, accounts: [ids]`).
public struct KnownAWSAccounts: Sendable {
    /// One vendor entry.
    public struct Vendor: Sendable, Hashable {
        /// The vendor (or AWS service) name, e.g. `Datadog`.
        public var name: String
        /// URLs that publicly tie the accounts to the vendor.
        public var sources: [String]
        /// `aws` when the account belongs to an AWS service; `nil` for third parties.
        public var type: String?
        /// The vendor's account IDs.
        public var accounts: [String]
        /// `false` when the list marks the entry as disabled (obsolete).
        public var enabled: Bool

        /// Whether the account belongs to AWS itself rather than a third party.
        public var isAWSService: Bool { type?.lowercased() == "aws" }
    }

    /// Every vendor entry, in file order.
    public private(set) var vendors: [Vendor] = []
    private var byAccount: [String: [Int]] = [:]
    /// Entries that were skipped, with reasons.
    public private(set) var issues: [EnrichmentError] = []

    /// An empty list.
    public init() {}

    /// Parses the YAML list.
    /// - Throws: ``EnrichmentError`` when the YAML cannot be read or is not a list.
    public init(data: Data, file: String? = nil) throws {
        let yaml = try SimpleYAML.parse(String(decoding: data, as: UTF8.self), file: file)
        guard case .list(let items) = yaml else {
            throw EnrichmentError(
                file: file, line: nil, reason: "expected a list of vendors (- name: …, accounts: […])")
        }
        var collector = IssueCollector(file: file)
        for (offset, item) in items.enumerated() {
            guard let name = item["name"]?.string, !name.isEmpty else {
                collector.report(line: nil, "vendor entry \(offset + 1) has no name")
                continue
            }
            var ids: [String] = []
            for raw in item["accounts"]?.strings ?? [] {
                if let id = AccountRecord.canonicalID(raw) {
                    ids.append(id)
                } else {
                    collector.report(line: nil, "vendor '\(name)': account id '\(raw.prefix(30))' is not 12 digits")
                }
            }
            let enabled = item["enabled"]?.string.map { $0.lowercased() != "false" } ?? true
            let vendor = Vendor(
                name: name, sources: item["source"]?.strings ?? [], type: item["type"]?.string, accounts: ids,
                enabled: enabled)
            for id in ids { byAccount[id, default: []].append(vendors.count) }
            vendors.append(vendor)
        }
        issues = collector.issues
    }

    /// The vendors that own an account ID (leading zeros optional), enabled entries first.
    public func vendors(for id: some StringProtocol) -> [Vendor] {
        guard let canonical = AccountRecord.canonicalID(id), let indexes = byAccount[canonical] else { return [] }
        return indexes.map { vendors[$0] }.sorted { $0.enabled && !$1.enabled }
    }

    /// The number of distinct account IDs known.
    public var accountCount: Int { byAccount.count }
}
