import Foundation
import LanternCore

/// Real enrichment for the TUI: the core's ``Enricher`` over the store's
/// intel and ownership sources, built on first use (on the effect
/// runner's background queue) and then answering from memory.
public final class StoreEnrichment: EnrichmentProvider, @unchecked Sendable {
    private let databasePath: String
    private let lock = NSLock()
    private var enricher: Enricher?
    private var failed = false

    /// Makes a provider over the database at `databasePath`.
    public init(databasePath: String) {
        self.databasePath = databasePath
    }

    public func enrich(_ observable: Observable) -> EnrichmentSummary? {
        guard let enricher = loaded() else { return nil }
        let result = enricher.enrich(observable)
        return EnrichmentSummary(result)
    }

    private func loaded() -> Enricher? {
        lock.lock()
        defer { lock.unlock() }
        if enricher == nil && !failed {
            do {
                let store = try Store(path: databasePath, readOnly: true)
                enricher = try Enricher(store: store)
            } catch {
                failed = true
            }
        }
        return enricher
    }
}

extension EnrichmentSummary {
    /// The lines the panes show for an ``Enrichment``; nil when nothing is known.
    init?(_ enrichment: Enrichment) {
        let reputation = (enrichment.reputation?.sources ?? []).map { source in
            ReputationLine(
                source: source.source.name, verdict: source.verdict,
                score: source.score.map { String(format: "%g", $0) } ?? source.confidence.map { "\($0)/100" },
                age: source.lastSeen.map { Timestamp.string(milliseconds: Int64($0.timeIntervalSince1970 * 1000)).prefix(10) }
                    .map(String.init),
                reference: source.reference == source.source.name ? nil : source.reference)
        }
        var ownership: [OwnershipLine] = []
        if let ip = enrichment.ip {
            if let special = ip.special { ownership.append(OwnershipLine(label: "range", value: special.name)) }
            if let aws = ip.aws {
                ownership.append(OwnershipLine(label: "AWS", value: "\(aws.services.joined(separator: ", ")) \(aws.region)"))
                ownership.append(OwnershipLine(label: "prefix", value: aws.prefix.description))
            }
            if let asn = ip.asn {
                ownership.append(OwnershipLine(label: "ASN", value: "AS\(asn)" + (ip.asHandle.map { " \($0)" } ?? "")))
            }
            if let org = ip.organization { ownership.append(OwnershipLine(label: "org", value: org)) }
            if let country = ip.countryCode {
                ownership.append(OwnershipLine(label: "country", value: country + (ip.countryName.map { " \($0)" } ?? "")))
            }
        }
        if let identity = enrichment.identity {
            if let arn = identity.arn {
                ownership.append(OwnershipLine(label: "kind", value: arn.kindDescription))
                if let role = arn.assumedRoleRoleARN, let pivot = Observable(kind: .arn, role) {
                    ownership.append(OwnershipLine(label: "role", value: role, pivot: pivot))
                }
                if let session = arn.sessionName { ownership.append(OwnershipLine(label: "session", value: session)) }
            }
            if let identifier = identity.identifier {
                ownership.append(OwnershipLine(label: "kind", value: identifier.kind.humanName))
                if let account = identifier.accountID {
                    ownership.append(OwnershipLine(label: "key account", value: account, pivot: Observable(kind: .accountId, account)))
                }
            }
        }
        if let account = enrichment.account {
            let record = account.record
            ownership.append(OwnershipLine(label: "account", value: account.id + (record?.name.map { " \($0)" } ?? ""),
                                           pivot: Observable(kind: .accountId, account.id)))
            if let ou = record?.ou { ownership.append(OwnershipLine(label: "OU", value: ou)) }
            if let owner = record?.owner { ownership.append(OwnershipLine(label: "owner", value: owner)) }
            if let environment = record?.environment { ownership.append(OwnershipLine(label: "env", value: environment)) }
            if let tags = record?.tags, !tags.isEmpty {
                ownership.append(OwnershipLine(label: "tags", value: tags.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")))
            }
            for vendor in account.vendors { ownership.append(OwnershipLine(label: "vendor", value: vendor.name)) }
        }
        guard !reputation.isEmpty || !ownership.isEmpty else { return nil }
        self.init(verdict: enrichment.verdict, reputation: reputation, ownership: ownership,
                  displayName: enrichment.observable.kind == .accountId ? enrichment.account?.record?.name : nil)
    }
}
