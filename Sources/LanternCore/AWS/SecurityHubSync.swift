import Foundation

/// Pulls Security Hub findings into the store.
public enum SecurityHubSync {
    /// What one sync fetched and stored.
    public struct Report: FindingSyncReport {
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
            try report.store(page: page, idKey: "Id", in: store)
            progress?(report)
        }
        return report
    }
}
