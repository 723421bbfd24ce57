import Foundation

/// Amazon Athena (JSON 1.1, `X-Amz-Target: AmazonAthena.<Op>`): start a
/// query, poll its state with backoff, page through its results.
public struct AthenaClient: Sendable {
    /// Where a query runs and writes its results.
    public struct Context: Sendable, Equatable {
        /// The workgroup (`primary` by default).
        public var workgroup: String
        /// The result location `s3://bucket/prefix/` (nil: the workgroup's setting).
        public var outputLocation: String?
        /// The Glue database for unqualified table names.
        public var database: String?
        /// The data catalog.
        public var catalog: String

        /// Makes a context.
        public init(workgroup: String = "primary", outputLocation: String? = nil, database: String? = nil, catalog: String = "AwsDataCatalog") {
            self.workgroup = workgroup
            self.outputLocation = outputLocation
            self.database = database
            self.catalog = catalog
        }
    }

    /// A query's state and what Athena says about it.
    public struct Status: Sendable, Equatable {
        /// QUEUED, RUNNING, SUCCEEDED, FAILED or CANCELLED.
        public var state: String
        /// Why it failed or was cancelled.
        public var reason: String?
        /// Bytes scanned, when reported.
        public var dataScannedBytes: Int64?
    }

    /// One page of results.
    public struct Page: Sendable, Equatable {
        /// Column names (from the result metadata).
        public var columns: [String]
        /// Data rows (the header row is dropped); nil is SQL NULL.
        public var rows: [[String?]]
    }

    /// The signed client for ``AWSService/athena``.
    public let client: AWSClient
    /// The first poll delay in seconds (doubles up to ``maxPollDelay``).
    public var firstPollDelay: TimeInterval = 0.2
    /// The longest poll delay in seconds.
    public var maxPollDelay: TimeInterval = 5
    /// The longest time to wait for a query, in seconds.
    public var deadline: TimeInterval = 1800
    /// Rows per GetQueryResults page (1–1000).
    public var pageSize = 1000
    /// Waits between polls (tests replace it).
    public var sleep: @Sendable (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) }

    static let targetPrefix = "AmazonAthena."

    /// Wraps a client made for ``AWSService/athena``.
    public init(client: AWSClient) {
        self.client = client
    }

    private func call(_ operation: String, _ body: [(key: String, value: JSONValue)]) throws(AWSError) -> JSONValue {
        try client.json(target: AthenaClient.targetPrefix + operation, body: .object(body))
    }

    /// The StartQueryExecution body.
    public func startBody(sql: String, context: Context, requestToken: String) -> JSONValue {
        var execution: [(key: String, value: JSONValue)] = []
        if let database = context.database { execution.append(("Database", .string(database))) }
        execution.append(("Catalog", .string(context.catalog)))
        var members: [(key: String, value: JSONValue)] = [
            ("QueryString", .string(sql)), ("QueryExecutionContext", .object(execution)),
            ("WorkGroup", .string(context.workgroup)),
        ]
        if let output = context.outputLocation {
            members.append(("ResultConfiguration", .object([("OutputLocation", .string(output))])))
        }
        members.append(("ClientRequestToken", .string(requestToken)))
        return .object(members)
    }

    /// Starts a query; returns its execution ID.
    public func start(sql: String, context: Context, requestToken: String = UUID().uuidString) throws(AWSError) -> String {
        let answer = try client.json(
            target: AthenaClient.targetPrefix + "StartQueryExecution",
            body: startBody(sql: sql, context: context, requestToken: requestToken))
        guard let id = answer["QueryExecutionId"]?.nonEmptyString else {
            throw .invalidResponse("StartQueryExecution answer has no QueryExecutionId")
        }
        return id
    }

    /// The query's current status.
    public func status(id: String) throws(AWSError) -> Status {
        let answer = try call("GetQueryExecution", [("QueryExecutionId", .string(id))])
        guard let execution = answer["QueryExecution"], let state = execution["Status"]?["State"]?.nonEmptyString else {
            throw .invalidResponse("GetQueryExecution answer has no QueryExecution.Status.State")
        }
        let reason = execution["Status"]?["StateChangeReason"]?.nonEmptyString
            ?? execution["Status"]?["AthenaError"]?["ErrorMessage"]?.nonEmptyString
        let scanned = execution["Statistics"]?["DataScannedInBytes"]?.doubleValue.map { Int64($0) }
        return Status(state: state, reason: reason, dataScannedBytes: scanned)
    }

    /// Polls until the query leaves QUEUED/RUNNING, waiting `firstPollDelay`,
    /// then twice as long each time up to `maxPollDelay`. Stops the query when
    /// cancelled or past the deadline.
    /// - Returns: the final status (SUCCEEDED).
    /// - Throws: ``AWSError/queryFailed(service:state:reason:)`` for FAILED or CANCELLED,
    ///   ``AWSError/cancelled``, ``AWSError/timeout(_:)``, service errors.
    public func wait(
        id: String, cancellation: AWSCancellation? = nil, progress: ((Status, Int) -> Void)? = nil
    ) throws(AWSError) -> Status {
        var delay = firstPollDelay
        var waited: TimeInterval = 0
        var polls = 0
        while true {
            if cancellation?.isCancelled == true || client.isCancelled {
                try? stopAfterCancel(id: id)
                throw .cancelled
            }
            let current: Status
            do {
                current = try status(id: id)
            } catch .cancelled {
                try? stopAfterCancel(id: id)
                throw .cancelled
            }
            polls += 1
            progress?(current, polls)
            switch current.state {
            case "SUCCEEDED":
                return current
            case "FAILED", "CANCELLED":
                throw .queryFailed(service: "athena", state: current.state, reason: current.reason ?? "")
            default:
                break
            }
            if waited >= deadline {
                try? stop(id: id)
                throw .timeout("Athena query \(id) still \(current.state) after \(Int(waited)) s")
            }
            var remaining = delay
            while remaining > 0 {
                if cancellation?.isCancelled == true || client.isCancelled { break }
                let step = min(remaining, 0.1)
                sleep(step)
                remaining -= step
            }
            waited += delay
            delay = min(maxPollDelay, delay * 2)
        }
    }

    /// Asks Athena to stop a query.
    public func stop(id: String) throws(AWSError) {
        _ = try call("StopQueryExecution", [("QueryExecutionId", .string(id))])
    }

    /// Stops a query after a cancellation, through a client the cancellation does not block.
    private func stopAfterCancel(id: String) throws(AWSError) {
        _ = try client.detached().json(
            target: AthenaClient.targetPrefix + "StopQueryExecution", body: .object([("QueryExecutionId", .string(id))]))
    }

    /// Pages through a finished query's results.
    /// - Returns: pages fetched.
    @discardableResult
    public func results(
        id: String, cancellation: AWSCancellation? = nil, page: (Page) throws -> Void
    ) throws -> Int {
        var token: String?
        var pages = 0
        var seen: Set<String> = []
        repeat {
            if cancellation?.isCancelled == true { throw AWSError.cancelled }
            var body: [(key: String, value: JSONValue)] = [
                ("QueryExecutionId", .string(id)), ("MaxResults", .int(max(1, min(1000, pageSize)))),
            ]
            if let token { body.append(("NextToken", .string(token))) }
            let answer = try call("GetQueryResults", body)
            guard let rows = answer["ResultSet"]?["Rows"]?.arrayValue else {
                throw AWSError.invalidResponse("GetQueryResults answer has no ResultSet.Rows")
            }
            let info = answer["ResultSet"]?["ResultSetMetadata"]?["ColumnInfo"]?.arrayValue ?? []
            var columns = info.compactMap { $0["Name"]?.stringValue ?? $0["Label"]?.stringValue }
            var values = rows.map { row in (row["Data"]?.arrayValue ?? []).map { $0["VarCharValue"]?.stringValue } }
            if columns.isEmpty, pages == 0, let header = values.first {
                columns = header.map { $0 ?? "" }
            }
            // The first page of a SELECT starts with the header row.
            if pages == 0, let first = values.first, first.map({ $0?.lowercased() }) == columns.map({ $0.lowercased() }) {
                values.removeFirst()
            }
            pages += 1
            try page(Page(columns: columns, rows: values))
            token = answer["NextToken"]?.nonEmptyString
            if let token, !seen.insert(token).inserted {
                throw AWSError.invalidResponse("GetQueryResults returned the same NextToken twice")
            }
        } while token != nil
        return pages
    }
}
