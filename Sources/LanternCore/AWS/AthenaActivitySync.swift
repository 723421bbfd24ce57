import Foundation

/// Runs an observable's activity query on Athena and caches the returned
/// events in the store, so they are shown (and queried again) locally.
public enum AthenaActivitySync {
    /// What one run did.
    public struct Report: Sendable, Equatable {
        /// The query's execution ID.
        public var queryID = ""
        /// The SQL sent.
        public var sql = ""
        /// GetQueryExecution calls made.
        public var polls = 0
        /// Result pages fetched.
        public var pages = 0
        /// Data rows returned.
        public var rows = 0
        /// New events stored.
        public var stored = 0
        /// Events already in the store.
        public var duplicate = 0
        /// Rows that could not be turned into events, with reasons.
        public var rejected: [String] = []
        /// Bytes Athena scanned, when reported.
        public var dataScannedBytes: Int64?
        /// The last state seen.
        public var state = ""

        /// An empty report.
        public init() {}
    }

    /// Builds the SQL, starts it, polls, pages the results into the store.
    /// - Throws: ``AWSError`` (``AWSError/queryFailed(service:state:reason:)`` when the query fails), store errors.
    public static func run(
        client: AthenaClient, query: AthenaActivityQuery, context: AthenaClient.Context, into store: Store,
        cancellation: AWSCancellation? = nil, progress: ((Report) -> Void)? = nil
    ) throws -> Report {
        var report = Report()
        report.sql = try query.sql()
        report.queryID = try client.start(sql: report.sql, context: context)
        report.state = "QUEUED"
        progress?(report)
        let final = try client.wait(id: report.queryID, cancellation: cancellation) { status, polls in
            report.state = status.state
            report.polls = polls
            progress?(report)
        }
        report.dataScannedBytes = final.dataScannedBytes
        _ = try client.results(id: report.queryID, cancellation: cancellation) { page in
            report.pages += 1
            var records: [[UInt8]] = []
            for (index, row) in page.rows.enumerated() {
                switch AthenaEventMapper.record(columns: page.columns, values: row) {
                case .success(let record): records.append(record)
                case .failure(let error): report.rejected.append("row \(report.rows + index + 1): \(error.reason)")
                }
            }
            report.rows += page.rows.count
            let outcome = try LiveEventIngest.store(records: records, in: store)
            report.stored += outcome.stored
            report.duplicate += outcome.duplicate
            report.rejected += outcome.rejected
            progress?(report)
        }
        return report
    }
}
