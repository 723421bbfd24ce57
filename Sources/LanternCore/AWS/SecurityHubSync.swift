import Foundation

/// Pulls Security Hub findings into the store.
public enum SecurityHubSync {
    /// What one sync fetched and stored.
    public struct Report: Sendable {
        /// Pages fetched.
        public var pages = 0
        /// Findings the service returned.
        public var fetched = 0
        /// Store outcomes.
        public var tally = IngestReport.Tally()
        /// Findings that could not be normalised, with reasons.
        public var rejected: [String] = []

        /// An empty report.
        public init() {}
    }

    /// Fetches every page matching `filters` and stores each page as it arrives.
    /// - Throws: ``AWSError`` from the service; store errors.
    public static func run(
        client: SecurityHubClient, filters: SecurityHubFilters, into store: Store,
        cancellation: AWSCancellation? = nil, progress: ((Report) -> Void)? = nil
    ) throws -> Report {
        var report = Report()
        report.pages = try client.findings(filters: filters, cancellation: cancellation) { page in
            report.fetched += page.count
            var normalized: [Finding] = []
            for raw in page {
                do {
                    normalized += try FindingNormalizer.findings(in: raw)
                } catch {
                    let id = raw["Id"]?.stringValue ?? "?"
                    report.rejected.append("\(id.prefix(200)): \(error)")
                }
            }
            let tally = try Ingestor.store(findings: normalized, in: store)
            report.tally.stored += tally.stored
            report.tally.updated += tally.updated
            report.tally.duplicate += tally.duplicate
            report.tally.skipped = report.rejected.count
            progress?(report)
        }
        return report
    }
}
