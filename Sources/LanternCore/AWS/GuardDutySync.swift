import Foundation

/// Pulls GuardDuty findings into the store through the GuardDuty normaliser
/// (idempotent: a newer `updatedAt` replaces the stored copy).
public enum GuardDutySync {
    /// What one sync fetched and stored.
    public struct Report: FindingSyncReport {
        /// Detectors read.
        public var detectors: [String] = []
        /// ListFindings pages.
        public var pages = 0
        /// Findings returned by GetFindings.
        public var fetched = 0
        /// Store outcomes.
        public var tally = IngestReport.Tally()
        /// Findings that could not be normalised, with reasons.
        public var rejected: [String] = []

        /// An empty report.
        public init() {}
    }

    /// Syncs `detectors` (every detector in the region when empty).
    /// - Throws: ``AWSError``; store errors.
    public static func run(
        client: GuardDutyClient, detectors: [String], criteria: GuardDutyClient.Criteria, into store: Store,
        cancellation: AWSCancellation? = nil, progress: ((Report) -> Void)? = nil
    ) throws -> Report {
        var report = Report()
        report.detectors = detectors.isEmpty ? try client.detectorIDs() : detectors
        for detector in report.detectors {
            let pages = try client.findings(detector: detector, criteria: criteria, cancellation: cancellation) { page in
                try report.store(page: page, idKey: "id", in: store)
                progress?(report)
            }
            report.pages += pages
        }
        return report
    }
}
