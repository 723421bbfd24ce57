import Foundation

/// One "fetch this observable's activity from AWS into the store" job, for
/// ``LiveActivityFetch`` (the CLI's `activity --source lookup|athena`, and the TUI).
public struct LiveActivityRequest: Sendable {
    /// Where the activity comes from.
    public enum Source: Sendable, Equatable {
        /// CloudTrail LookupEvents; the attribute is derived from the observable when nil.
        case lookup(attribute: CloudTrailLookupAttribute?, maxEvents: Int)
        /// An Athena query over the user's CloudTrail (or Security Lake) table.
        case athena(
            table: String, context: AthenaClient.Context, dialect: AthenaActivityQuery.Dialect,
            partitioning: AthenaActivityQuery.Partitioning, regions: [String])

        /// `lookup` or `athena`.
        public var name: String {
            switch self {
            case .lookup: return "lookup"
            case .athena: return "athena"
            }
        }
    }

    /// The source.
    public var source: Source
    /// Credentials, region and endpoint.
    public var configuration: AWSConfiguration
    /// Timeouts and retries (its cancellation token is replaced by the job's).
    public var options: AWSClient.Options
    /// What to look for.
    public var observable: Observable
    /// The window (``TimeWindow/all`` for no bounds).
    public var window: TimeWindow
    /// The most events to bring back (Athena's LIMIT).
    public var limit: Int

    /// Makes a request.
    public init(
        source: Source, configuration: AWSConfiguration, options: AWSClient.Options = AWSClient.Options(),
        observable: Observable, window: TimeWindow, limit: Int = 10_000
    ) {
        self.source = source
        self.configuration = configuration
        self.options = options
        self.observable = observable
        self.window = window
        self.limit = limit
    }

    /// The LookupEvents attribute this request uses.
    /// - Throws: ``AWSError/configuration(_:)`` when the observable's kind cannot be looked up.
    public func lookupAttribute() throws(AWSError) -> CloudTrailLookupAttribute {
        if case .lookup(let explicit?, _) = source { return explicit }
        guard let derived = CloudTrailLookupAttribute.forObservable(observable) else {
            throw .configuration(
                "LookupEvents cannot search by \(observable.kind.label) (its lookup attributes are access key, user "
                    + "name, resource name, event name/source/ID); use --source athena or --lookup-attribute")
        }
        return derived
    }

    /// The Athena query this request runs.
    public func athenaQuery() -> AthenaActivityQuery? {
        guard case .athena(let table, _, let dialect, let partitioning, let regions) = source else { return nil }
        return AthenaActivityQuery(
            table: table, dialect: dialect, partitioning: partitioning, observable: observable, window: window,
            regions: regions, limit: limit)
    }
}

/// Where a live fetch is, for a progress line or a status bar.
public struct LiveActivityProgress: Sendable, Equatable {
    /// `lookup` or `athena`.
    public var source: String
    /// What is happening: `LookupEvents`, or the Athena state (`QUEUED`, `RUNNING`, `SUCCEEDED`).
    public var phase: String
    /// Pages fetched.
    public var pages: Int
    /// Events (LookupEvents) or rows (Athena) fetched.
    public var fetched: Int
    /// New events stored so far.
    public var stored: Int

    /// One line for a status bar, e.g. `lookup AccessKeyId: 3 pages, 150 events`.
    public var statusLine: String {
        source == "athena"
            ? "Athena \(phase): \(fetched) rows, \(stored) new"
            : "\(phase): \(pages) pages, \(fetched) events, \(stored) new"
    }
}

/// What a finished live fetch did.
public struct LiveActivitySummary: Sendable, Equatable {
    /// `lookup` or `athena`.
    public var source: String
    /// The LookupEvents attribute (lookup).
    public var attribute: CloudTrailLookupAttribute?
    /// The Athena execution ID (athena).
    public var queryID: String?
    /// The SQL sent (athena).
    public var sql: String?
    /// GetQueryExecution calls (athena).
    public var polls = 0
    /// Pages fetched.
    public var pages = 0
    /// Events or rows fetched.
    public var fetched = 0
    /// New events stored.
    public var stored = 0
    /// Events already in the store.
    public var duplicate = 0
    /// What could not be stored, with reasons.
    public var rejected: [String] = []
    /// Bytes Athena scanned (athena).
    public var dataScannedBytes: Int64?

    /// The JSON the CLI prints under `live`.
    public var json: JSONValue {
        var members: [(key: String, value: JSONValue)] = [("source", .string(source))]
        if let attribute {
            members += [("attribute", .string(attribute.key.rawValue)), ("value", .string(attribute.value))]
        }
        if let queryID { members.append(("queryExecutionId", .string(queryID))) }
        if let sql { members.append(("sql", .string(sql))) }
        if source == "athena" { members.append(("polls", .int(polls))) }
        members += [
            ("pages", .int(pages)), ("fetched", .int(fetched)), ("stored", .int(stored)),
            ("duplicate", .int(duplicate)), ("skipped", .int(rejected.count)),
        ]
        if source == "athena" { members.append(("rows", .int(fetched))) }
        if let dataScannedBytes { members.append(("dataScannedBytes", .number(String(dataScannedBytes)))) }
        return .object(members)
    }
}
