import Foundation

/// Runs a LookupEvents search and caches every returned event in the store
/// (idempotent by `eventID`), so the activity query that follows, and every
/// later one, runs locally.
public enum CloudTrailLookupSync {
    /// What one lookup fetched and stored.
    public struct Report: Sendable, Equatable {
        /// Pages fetched.
        public var pages = 0
        /// Events returned.
        public var fetched = 0
        /// New events stored.
        public var stored = 0
        /// Events already in the store.
        public var duplicate = 0
        /// Events whose CloudTrailEvent could not be used, with reasons.
        public var rejected: [String] = []
        /// Seconds spent in the client-side throttle.
        public var throttledSeconds = 0.0

        /// An empty report.
        public init() {}
    }

    /// Fetches and stores, page by page.
    /// - Throws: ``AWSError``; store errors.
    public static func run(
        client: CloudTrailLookupClient, query: CloudTrailLookupClient.Query, into store: Store,
        cancellation: AWSCancellation? = nil, progress: ((Report) -> Void)? = nil
    ) throws -> Report {
        var report = Report()
        report.pages = try client.events(query, cancellation: cancellation, progress: { status in
            report.throttledSeconds = status.throttledSeconds
            progress?(report)
        }) { events in
            report.fetched += events.count
            let outcome = try LiveEventIngest.store(records: events.map(\.record), in: store)
            report.stored += outcome.stored
            report.duplicate += outcome.duplicate
            report.rejected += outcome.rejected.map { "LookupEvents \($0)" }
        }
        return report
    }
}
