import Foundation

/// Pulls GuardDuty findings into the store through the GuardDuty normaliser
/// (idempotent: a newer `updatedAt` replaces the stored copy).
public enum GuardDutySync {
    /// What one sync fetched and stored.
    public struct Report: Sendable {
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
                report.fetched += page.count
                var normalized: [Finding] = []
                for raw in page {
                    do {
                        normalized += try FindingNormalizer.findings(in: raw)
                    } catch {
                        let id = raw["id"]?.stringValue ?? "?"
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
            report.pages += pages
        }
        return report
    }
}
