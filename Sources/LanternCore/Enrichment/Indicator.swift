import Foundation

/// What an intel value is: the observable family it matches against.
public enum IndicatorKind: String, Sendable, Codable, CaseIterable {
    case ipv4
    case ipv6
    case cidr
    case domain
    case url
    case md5
    case sha1
    case sha256
    case sha512
    /// A value the parsers keep but the matcher cannot use (e.g. a file name).
    case other
}

/// How bad an intel source says a value is.
///
/// The order of severity, lowest first, is `unknown < benign < suspicious < malicious`;
/// combined verdicts pick the most severe one (see ``ReputationIndex``).
public enum Verdict: String, Sendable, Codable, CaseIterable, Comparable {
    case unknown
    case benign
    case suspicious
    case malicious

    /// The severity rank used for ordering verdicts.
    public var rank: Int {
        switch self {
        case .unknown: 0
        case .benign: 1
        case .suspicious: 2
        case .malicious: 3
        }
    }

    public static func < (lhs: Verdict, rhs: Verdict) -> Bool { lhs.rank < rhs.rank }
}

/// One value from a threat-intel source, with what the source says about it.
public struct Indicator: Hashable, Sendable, Codable {
    /// The canonical value: dotted-quad / RFC 5952 IP, `net/len` CIDR, lower-case domain,
    /// canonical URL (see ``URLCanonicalizer``) or lower-case hex hash.
    public var value: String
    /// The kind of ``value``.
    public var kind: IndicatorKind
    /// What the source says about the value.
    public var verdict: Verdict
    /// A source-specific score (ipsum: number of blocklists; signature-base: score column).
    public var score: Double?
    /// A confidence from 0 to 100 (STIX `confidence`, CSV `confidence`).
    public var confidence: Int?
    /// When the source first saw the value.
    public var firstSeen: Date?
    /// When the source last saw the value.
    public var lastSeen: Date?
    /// Start of the validity window (STIX `valid_from`).
    public var validFrom: Date?
    /// End of the validity window (STIX `valid_until`); after it the indicator no longer counts.
    public var validUntil: Date?
    /// A free-text comment or description.
    public var comment: String?
    /// A reference: a URL, report name or STIX id.
    public var reference: String?
    /// Labels or tags (STIX `labels` and `indicator_types`).
    public var labels: [String]
    /// Whether the source withdrew the indicator (STIX `revoked`); revoked indicators never match.
    public var revoked: Bool
    /// The 1-based line (or record) the indicator came from, for provenance.
    public var line: Int?

    /// Makes an indicator; only `value`, `kind` and `verdict` are required.
    public init(
        value: String,
        kind: IndicatorKind,
        verdict: Verdict,
        score: Double? = nil,
        confidence: Int? = nil,
        firstSeen: Date? = nil,
        lastSeen: Date? = nil,
        validFrom: Date? = nil,
        validUntil: Date? = nil,
        comment: String? = nil,
        reference: String? = nil,
        labels: [String] = [],
        revoked: Bool = false,
        line: Int? = nil
    ) {
        self.value = value
        self.kind = kind
        self.verdict = verdict
        self.score = score
        self.confidence = confidence
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.comment = comment
        self.reference = reference
        self.labels = labels
        self.revoked = revoked
        self.line = line
    }

    /// Makes an indicator from raw text, classifying and canonicalising it;
    /// `nil` when the text is not a recognisable IP, CIDR, domain, URL or hash.
    public init?(raw: some StringProtocol, verdict: Verdict) {
        guard let classified = IndicatorClassifier.classify(raw) else { return nil }
        self.init(value: classified.value, kind: classified.kind, verdict: verdict)
    }
}
