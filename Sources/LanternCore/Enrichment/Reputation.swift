import Foundation

/// How an indicator matched an observable.
public enum MatchKind: String, Sendable, Codable, Hashable {
    /// The same IP, domain, URL, hash or string.
    case exact
    /// The IP lies in a listed CIDR block.
    case cidr
    /// A listed parent domain of the observed domain.
    case parentDomain = "parent-domain"
    /// The URL's host (domain or IP) is listed.
    case urlHost = "url-host"
    /// A listed substring occurs in the domain or URL (MISP `substring`).
    case substring
    /// A listed regular expression matches the domain or URL (MISP `regex`).
    case regex
}

/// One indicator of one source that matched an observable.
public struct ReputationMatch: Sendable, Hashable {
    /// The matching indicator.
    public var indicator: Indicator
    /// How it matched.
    public var matchKind: MatchKind
    /// Whether the indicator was outside its validity window at lookup time (it then does
    /// not count towards verdicts).
    public var isExpired: Bool
}

/// What one intel source says about an observable.
public struct SourceReputation: Sendable, Hashable {
    /// The source.
    public var source: IntelSource
    /// The most severe verdict among the source's current matches (`unknown` when all expired).
    public var verdict: Verdict
    /// The highest score among the matches.
    public var score: Double?
    /// The highest confidence among the matches.
    public var confidence: Int?
    /// The earliest first-seen among the matches.
    public var firstSeen: Date?
    /// The latest last-seen among the matches.
    public var lastSeen: Date?
    /// The reference (or comment) of the most specific match.
    public var reference: String?
    /// Every matching indicator, most specific first.
    public var matches: [ReputationMatch]
}

/// The reputation of one observable across all loaded sources.
public struct Reputation: Sendable, Hashable {
    /// The canonical observable value that was looked up.
    public var value: String
    /// Its kind, when recognised.
    public var kind: IndicatorKind?
    /// The combined verdict: the most severe current per-source verdict, `unknown` when no
    /// source knows the value (never benign by default).
    public var verdict: Verdict
    /// Why: which sources gave the verdict, and any known-benign context.
    public var reason: String
    /// Per-source results: known-benign context first, then malicious, suspicious, unknown.
    public var sources: [SourceReputation]
}
