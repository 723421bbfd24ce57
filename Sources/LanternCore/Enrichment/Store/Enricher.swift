import Foundation

/// Answers "is it bad?" and "whose is it?" for any observable, offline,
/// from the intel and ownership sources kept in the store.
///
/// Building one parses every stored source into in-memory indexes (sorted
/// ranges, hash sets), which then answer in microseconds; build it once
/// and keep it (the TUI does so off the input loop).
public final class Enricher: @unchecked Sendable {
    public let reputation: ReputationIndex
    public let ownership: OwnershipIndex
    /// The sources loaded, for provenance.
    public let sources: [StoredEnrichmentSource]
    /// Sources that could not be read back, with the reason.
    public let problems: [String]

    /// Which tables to load.
    public enum Part: Sendable, CaseIterable {
        case reputation
        case ipOwnership
        case accounts
    }

    /// The parts needed to enrich observables of `kind`.
    public static func parts(for kind: Observable.Kind) -> Set<Part> {
        switch kind {
        case .ipv4, .ipv6: return [.reputation, .ipOwnership]
        case .domain, .url, .md5, .sha1, .sha256, .cidr, .email: return [.reputation]
        case .accountId, .arn, .accessKey, .principalId: return [.accounts]
        case .instanceId, .bucket, .userAgent: return []
        }
    }

    /// Loads the enrichment sources of `store` (only those for `parts`:
    /// a one-off lookup of an account need not parse half a million ASN prefixes).
    public init(store: Store, parts: Set<Part> = Set(Part.allCases)) throws {
        let stored = try store.enrichmentSources().filter { source in
            switch source.file {
            case .intel: return parts.contains(.reputation)
            case .awsIPRanges, .pyasn, .asNames, .geoCSV, .mmdb: return parts.contains(.ipOwnership)
            case .accountCatalog, .knownAccounts: return parts.contains(.accounts)
            }
        }
        var reputation = ReputationIndex()
        var ownership = OwnershipIndex()
        var problems: [String] = []
        var names = ASNames()
        // AS names first: the pyasn tables need them.
        let ordered = stored.sorted { ($0.file == .asNames ? 0 : 1, $0.name) < ($1.file == .asNames ? 0 : 1, $1.name) }
        for source in ordered {
            do {
                guard let data = try store.enrichmentData(name: source.name) else { continue }
                switch source.file {
                case .intel(let format):
                    let parsed = try EnrichmentLoader.parse(data, as: source.file, path: source.path)
                    let loadedAt = Timestamp.milliseconds(source.loadedAt).map { Date(timeIntervalSince1970: Double($0) / 1000) } ?? Date()
                    reputation.load(
                        IntelSource(name: source.name, format: format, path: source.path, loadedAt: loadedAt,
                                    count: parsed.entries, defaultVerdict: format == .mispWarninglist ? .benign : .malicious),
                        indicators: parsed.intel)
                case .awsIPRanges: ownership.aws = try AWSIPRanges(data: data, file: source.path)
                case .asNames: names = try ASNames(data: data, file: source.path)
                case .pyasn: ownership.add(asnTable: try ASNTable(pyasnData: data, file: source.path, names: names), name: source.name)
                case .geoCSV: ownership.add(geoTable: try GeoCSVTable(csvData: data, file: source.path), name: source.name)
                case .mmdb: ownership.add(database: try MaxMindDB(data: data, file: source.path), name: source.name)
                case .accountCatalog: ownership.accounts.merge(try AccountCatalog(data: data, file: source.path))
                case .knownAccounts: ownership.vendors = try KnownAWSAccounts(data: data, file: source.path)
                }
            } catch {
                problems.append("\(source.name): \(error)")
            }
        }
        self.reputation = reputation
        self.ownership = ownership
        self.sources = stored
        self.problems = problems
    }

    /// Reputation and ownership of `observable`.
    public func enrich(_ observable: Observable) -> Enrichment {
        var result = Enrichment(observable: observable)
        switch observable.kind {
        case .ipv4, .ipv6:
            if let address = IPAddress(observable.value) {
                result.reputation = reputation.lookup(address)
                result.ip = ownership.ownership(of: address)
            }
        case .domain, .url, .md5, .sha1, .sha256, .cidr, .email:
            result.reputation = reputation.lookup(observable.value)
        case .accountId:
            result.account = ownership.account(observable.value)
        case .arn, .accessKey, .principalId:
            result.identity = ownership.identity(observable.value)
            result.account = result.identity?.account
        case .instanceId, .bucket, .userAgent:
            break
        }
        return result
    }
}

/// What enrichment says of one observable.
public struct Enrichment: Sendable {
    public var observable: Observable
    public var reputation: Reputation?
    public var ip: IPOwnership?
    public var account: AccountOwnership?
    public var identity: IdentityInfo?

    public init(observable: Observable) {
        self.observable = observable
    }

    /// The combined verdict: unknown when no source knows the value.
    public var verdict: Verdict { reputation?.verdict ?? .unknown }
}
