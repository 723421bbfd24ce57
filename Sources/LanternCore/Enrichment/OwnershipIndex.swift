import Foundation

/// All ownership data in one place: special ranges, AWS ranges, IP→ASN tables, CSV geo
/// tables and MaxMind databases for IPs; the account catalog and known vendor accounts for
/// account IDs; ARN / key / principal-ID parsing for identities.
///
/// Tables are consulted in the order added; the first one that knows a fact supplies it.
public struct OwnershipIndex: Sendable {
    /// Named special-purpose ranges.
    public var special = SpecialRanges.standard
    /// AWS `ip-ranges.json`.
    public var aws: AWSIPRanges? {
        get { awsTable?.table }
        set { awsTable = newValue.map { NamedTable(name: "aws-ip-ranges", table: $0) } }
    }
    private var awsTable: NamedTable<AWSIPRanges>?
    /// IP→ASN tables (pyasn / RouteViews), in lookup order.
    public private(set) var asnTables: [NamedTable<ASNTable>] = []
    /// CSV network tables (ASN names, countries), in lookup order.
    public private(set) var geoTables: [NamedTable<GeoCSVTable>] = []
    /// MaxMind databases, in lookup order.
    public private(set) var databases: [NamedTable<MaxMindDB>] = []
    /// The organisation's accounts.
    public var accounts = AccountCatalog()
    /// Third-party vendor accounts.
    public var vendors = KnownAWSAccounts()

    /// An index with only the special ranges.
    public init() {}

    /// Adds an IP→ASN table under `name`, replacing one of the same name.
    public mutating func add(asnTable table: ASNTable, name: String) {
        asnTables.removeAll { $0.name == name }
        asnTables.append(NamedTable(name: name, table: table))
    }

    /// Adds a CSV network table under `name`, replacing one of the same name.
    public mutating func add(geoTable table: GeoCSVTable, name: String) {
        geoTables.removeAll { $0.name == name }
        geoTables.append(NamedTable(name: name, table: table))
    }

    /// Adds a MaxMind database under `name`, replacing one of the same name.
    public mutating func add(database: MaxMindDB, name: String) {
        databases.removeAll { $0.name == name }
        databases.append(NamedTable(name: name, table: database))
    }

    /// Everything known about `address`.
    public func ownership(of address: IPAddress) -> IPOwnership {
        var result = IPOwnership(address: address, provenance: [:])
        result.special = special.block(for: address)
        if let awsTable, let match = awsTable.table.lookup(address) {
            result.aws = match
            result.provenance["aws"] = "aws-ip-ranges"
        }
        for named in asnTables where result.asn == nil {
            let name = named.name
            guard let match = named.table.lookup(address) else { continue }
            result.asn = match.asn
            result.asnPrefix = match.prefix
            result.asHandle = match.name?.handle
            result.organization = match.name?.organization
            if result.countryCode == nil, let country = match.name?.country {
                // The AS's registration country, used only when no geo table knows better.
                result.countryCode = country
                result.provenance["country"] = name + " (AS registration)"
            }
            result.provenance["asn"] = name
        }
        var countryFromGeo = false
        for named in geoTables {
            let name = named.name
            guard let match = named.table.lookup(address) else { continue }
            if result.asn == nil, let asn = match.asn {
                result.asn = asn
                result.asnPrefix = match.network
                result.provenance["asn"] = name
            }
            if result.organization == nil, let organization = match.organization {
                result.organization = organization
                result.asnPrefix = result.asnPrefix ?? match.network
                result.provenance["organization"] = name
            }
            if !countryFromGeo, let code = match.countryCode {
                result.countryCode = code
                result.countryName = match.countryName
                result.provenance["country"] = name
                countryFromGeo = true
            }
        }
        for named in databases {
            let name = named.name
            guard let found = try? named.table.lookup(address) else { continue }
            let value = found.value
            if !countryFromGeo,
                let code = (value[path: ["country", "iso_code"]] ?? value[path: ["registered_country", "iso_code"]])?
                    .stringValue
            {
                result.countryCode = code
                result.countryName = value[path: ["country", "names", "en"]]?.stringValue
                result.provenance["country"] = name
                countryFromGeo = true
            }
            if result.asn == nil, let asn = value["autonomous_system_number"]?.uint64Value {
                result.asn = UInt32(truncatingIfNeeded: asn)
                result.asnPrefix = found.network
                result.provenance["asn"] = name
            }
            if result.organization == nil, let organization = value["autonomous_system_organization"]?.stringValue {
                result.organization = organization
                result.provenance["organization"] = name
            }
        }
        return result
    }

    /// The compact facts for `address` without building strings (for hot loops and
    /// benchmarks): index into ``SpecialRanges/blocks``, into ``AWSIPRanges/matches``, the
    /// ASN of the first ASN table, the row of the first geo table and the data offset in the
    /// first MaxMind database (`-1` when absent).
    @inline(__always)
    public func quickFacts(_ address: IPAddress) -> (special: Int, aws: Int, asn: Int64, geoRow: Int, mmdbOffset: Int) {
        // Tables sit behind `NamedTable` references: reading them never copies (retains)
        // the many arrays inside each table.
        let specialIndex = special.blockIndex(for: address) ?? -1
        let awsIndex = awsTable?.table.matchIndex(address) ?? -1
        var asn: Int64 = -1
        if let first = asnTables.first, let found = first.table.asn(for: address) { asn = Int64(found) }
        var row = -1
        if let first = geoTables.first, let found = first.table.rowIndex(address) { row = found }
        var offset = -1
        if let first = databases.first, let found = try? first.table.dataOffset(for: address).offset { offset = found }
        return (specialIndex, awsIndex, asn, row, offset)
    }

    /// What is known about an account ID: the catalog record and any vendors owning it.
    public func account(_ id: some StringProtocol) -> AccountOwnership? {
        guard let canonical = AccountRecord.canonicalID(id) else { return nil }
        return AccountOwnership(
            id: canonical, record: accounts.account(canonical), vendors: vendors.vendors(for: canonical))
    }

    /// Parses an identity (ARN, access key ID or principal ID) and joins its account.
    public func identity(_ text: some StringProtocol) -> IdentityInfo? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let arn = ARN(trimmed) {
            let account = arn.account.isEmpty || arn.account == "aws" ? nil : self.account(arn.account)
            return IdentityInfo(value: trimmed, arn: arn, identifier: nil, account: account)
        }
        if let identifier = AWSIdentifier(trimmed) {
            return IdentityInfo(
                value: trimmed, arn: nil, identifier: identifier, account: identifier.accountID.flatMap { account($0) })
        }
        return nil
    }
}

/// A loaded table and the name it was loaded under (a reference, so that holding and
/// reading it never copies the table's storage).
public final class NamedTable<Table: Sendable>: Sendable {
    /// The name facts are attributed to (provenance).
    public let name: String
    /// The table.
    public let table: Table

    /// Wraps `table` under `name`.
    public init(name: String, table: Table) {
        self.name = name
        self.table = table
    }
}

/// Ownership of an AWS account ID.
public struct AccountOwnership: Sendable, Hashable {
    /// The canonical 12-digit ID.
    public var id: String
    /// The organisation's record, when the catalog has one.
    public var record: AccountRecord?
    /// Vendors that own the account (from known-aws-accounts).
    public var vendors: [KnownAWSAccounts.Vendor]

    /// Whether the account belongs to a known third party (not AWS itself, not ours).
    public var isThirdParty: Bool { record == nil && vendors.contains { !$0.isAWSService } }
    /// A one-line summary, e.g. `Datadog (third-party vendor)` or `prod-payments (Root/Prod)`.
    public var summary: String {
        if let record {
            return [record.name ?? record.id, record.ou.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ")
        }
        if let vendor = vendors.first {
            return vendor.name + (vendor.isAWSService ? " (AWS service account)" : " (third-party vendor)")
        }
        return "unknown account"
    }
}

/// A parsed identity with its owning account.
public struct IdentityInfo: Sendable, Hashable {
    /// The text looked up.
    public var value: String
    /// The ARN, when the value is one.
    public var arn: ARN?
    /// The access key / principal ID, when the value is one.
    public var identifier: AWSIdentifier?
    /// The owning account's metadata, when the account is known from the value.
    public var account: AccountOwnership?
}
