import Foundation

/// What a parser made of one intel file: the good indicators and the refused records.
public struct IntelParseResult: Sendable {
    /// The format the file was parsed as.
    public var format: IntelFormat
    /// Every indicator that parsed, in file order.
    public var indicators: [Indicator]
    /// The first ``IssueCollector/limit`` refused records, each naming file, line and reason.
    public var issues: [EnrichmentError]
    /// How many records were refused in all (may exceed `issues.count`).
    public var skipped: Int
    /// A name the file gives itself (MISP `name`, STIX report name), if any.
    public var declaredName: String?

    /// Makes a result.
    public init(
        format: IntelFormat, indicators: [Indicator] = [], issues: [EnrichmentError] = [],
        skipped: Int = 0, declaredName: String? = nil
    ) {
        self.format = format
        self.indicators = indicators
        self.issues = issues
        self.skipped = skipped
        self.declaredName = declaredName
    }
}

/// Collects refused records, keeping the first `limit` and counting the rest.
struct IssueCollector {
    static let limit = 1000
    var file: String?
    var issues: [EnrichmentError] = []
    var skipped = 0

    init(file: String?) { self.file = file }

    mutating func report(line: Int?, _ reason: String) {
        skipped += 1
        if issues.count < IssueCollector.limit {
            issues.append(EnrichmentError(file: file, line: line, reason: reason))
        }
    }
}
