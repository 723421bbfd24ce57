import Foundation

/// Runs a ``LiveActivityRequest``: fetches from LookupEvents or Athena and
/// caches the events in the store, after which the activity is a local query.
///
/// Two ways in: ``run(_:store:cancellation:progress:)`` blocks (the CLI), and
/// ``updates(_:storePath:cancellation:)`` gives an `AsyncThrowingStream` of
/// progress for a TUI: the work runs on its own thread with its own store
/// connection, and ending the stream (or cancelling the token) cancels it:
/// the request in flight is abandoned, no retry starts, and a running Athena
/// query is stopped with StopQueryExecution.
public enum LiveActivityFetch {
    /// One item of ``updates(_:storePath:cancellation:)``.
    public enum Update: Sendable, Equatable {
        /// After each page or poll.
        case progress(LiveActivityProgress)
        /// The last item: what was fetched and stored.
        case finished(LiveActivitySummary)
    }

    /// Fetches and stores, blocking the calling thread.
    /// - Throws: ``AWSError`` (``AWSError/cancelled`` after a cancellation); store errors.
    public static func run(
        _ request: LiveActivityRequest, store: Store, cancellation: AWSCancellation = AWSCancellation(),
        progress: ((LiveActivityProgress) -> Void)? = nil
    ) throws -> LiveActivitySummary {
        var options = request.options
        options.cancellation = cancellation
        switch request.source {
        case .lookup(_, let maxEvents):
            let attribute = try request.lookupAttribute()
            let bounded = request.window != .all
            let query = CloudTrailLookupClient.Query(
                attribute: attribute, start: bounded ? request.window.from : nil, end: bounded ? request.window.to : nil,
                maxEvents: maxEvents)
            let client = CloudTrailLookupClient(
                client: try AWSClient(configuration: request.configuration, service: .cloudTrail, options: options))
            let report = try CloudTrailLookupSync.run(client: client, query: query, into: store, cancellation: cancellation) {
                progress?(LiveActivityProgress(
                    source: "lookup", phase: "LookupEvents \(attribute.key.rawValue)", pages: $0.pages, fetched: $0.fetched,
                    stored: $0.stored))
            }
            return LiveActivitySummary(
                source: "lookup", attribute: attribute, pages: report.pages, fetched: report.fetched, stored: report.stored,
                duplicate: report.duplicate, rejected: report.rejected)
        case .athena(_, let context, _, _, _):
            guard let query = request.athenaQuery() else { throw AWSError.configuration("not an Athena request") }
            let client = AthenaClient(
                client: try AWSClient(configuration: request.configuration, service: .athena, options: options))
            let report = try AthenaActivitySync.run(
                client: client, query: query, context: context, into: store, cancellation: cancellation
            ) {
                progress?(LiveActivityProgress(
                    source: "athena", phase: $0.state, pages: $0.pages, fetched: $0.rows, stored: $0.stored))
            }
            return LiveActivitySummary(
                source: "athena", queryID: report.queryID, sql: report.sql, polls: report.polls, pages: report.pages,
                fetched: report.rows, stored: report.stored, duplicate: report.duplicate, rejected: report.rejected,
                dataScannedBytes: report.dataScannedBytes)
        }
    }

    /// Starts the fetch on its own thread (opening its own connection to the
    /// store at `storePath`) and streams its progress, ending with
    /// ``Update/finished(_:)`` or the error. Ending the stream early cancels the fetch.
    public static func updates(
        _ request: LiveActivityRequest, storePath: String, cancellation: AWSCancellation = AWSCancellation()
    ) -> AsyncThrowingStream<Update, Error> {
        AsyncThrowingStream { continuation in
            continuation.onTermination = { termination in
                if case .cancelled = termination { cancellation.cancel() }
            }
            let thread = Thread {
                do {
                    let store = try Store(path: storePath)
                    let summary = try run(request, store: store, cancellation: cancellation) {
                        continuation.yield(.progress($0))
                    }
                    continuation.yield(.finished(summary))
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            thread.name = "lantern-live-activity"
            thread.start()
        }
    }
}
