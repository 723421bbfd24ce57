import LanternCore

/// What one intel source says about an observable.
public struct ReputationLine: Equatable, Sendable {
    /// The source's name (`ipsum`, `tor-exit-nodes`, `misp:amazon-aws`…).
    public var source: String
    public var verdict: Verdict
    /// A score or confidence as the source gives it (`7`, `85/100`), if any.
    public var score: String?
    /// How old the indicator is (`3d`, `2023-07-01`), if known.
    public var age: String?
    /// A reference, comment or list name.
    public var reference: String?

    /// Makes a line.
    public init(source: String, verdict: Verdict, score: String? = nil, age: String? = nil, reference: String? = nil) {
        self.source = source
        self.verdict = verdict
        self.score = score
        self.age = age
        self.reference = reference
    }
}

/// One ownership fact: `label: value`, optionally pivotable.
public struct OwnershipLine: Equatable, Sendable {
    /// `ASN`, `org`, `country`, `AWS`, `account`, `OU`, `owner`, `range`…
    public var label: String
    public var value: String
    /// What `Enter` on the value opens (an account, a role…), if anything.
    public var pivot: Observable?

    /// Makes a line.
    public init(label: String, value: String, pivot: Observable? = nil) {
        self.label = label
        self.value = value
        self.pivot = pivot
    }
}

/// Reputation and ownership of one observable, ready to show.
public struct EnrichmentSummary: Equatable, Sendable {
    /// The overall verdict (the worst over sources; known-benign context counts as benign).
    public var verdict: Verdict
    /// Per-source verdicts, most severe first.
    public var reputation: [ReputationLine]
    /// Ownership facts in display order.
    public var ownership: [OwnershipLine]
    /// A friendly name for the value (an account's name), if known.
    public var displayName: String?

    /// Makes a summary.
    public init(verdict: Verdict, reputation: [ReputationLine], ownership: [OwnershipLine], displayName: String? = nil) {
        self.verdict = verdict
        self.reputation = reputation
        self.ownership = ownership
        self.displayName = displayName
    }
}

/// Where the TUI gets reputation and ownership from.
///
/// Called on the effect runner's background queue, never on the input
/// loop; implementations may read files or caches but should answer from
/// memory after their first call.
public protocol EnrichmentProvider: Sendable {
    /// What is known about `observable`, or nil when no intel or ownership data is loaded for it.
    func enrich(_ observable: Observable) -> EnrichmentSummary?
}

/// The provider used until real enrichment is wired in: knows nothing.
public struct NoEnrichment: EnrichmentProvider {
    /// Makes the provider.
    public init() {}

    public func enrich(_ observable: Observable) -> EnrichmentSummary? { nil }
}
