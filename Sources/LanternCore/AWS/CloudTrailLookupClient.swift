import Foundation

/// CloudTrail `LookupEvents` (JSON 1.1): one lookup attribute per call,
/// newest first, at most 50 events a page, `NextToken` paging, and a
/// client-side throttle (about 2 requests per second per account and region,
/// shared by every client in the process through ``AWSRateLimiter/shared``).
public struct CloudTrailLookupClient: Sendable {
    /// The `X-Amz-Target` of LookupEvents.
    public static let target = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents"

    /// One search: an attribute, an optional time range, and a cap.
    public struct Query: Sendable, Equatable {
        /// The single lookup attribute.
        public var attribute: CloudTrailLookupAttribute
        /// Earliest event time (milliseconds since the epoch), inclusive.
        public var start: Int64?
        /// Latest event time (milliseconds since the epoch), inclusive.
        public var end: Int64?
        /// Stop after this many events (LookupEvents pages newest first, so
        /// these are the newest ones).
        public var maxEvents: Int

        /// Makes a query.
        public init(attribute: CloudTrailLookupAttribute, start: Int64? = nil, end: Int64? = nil, maxEvents: Int = 5000) {
            self.attribute = attribute
            self.start = start
            self.end = end
            self.maxEvents = max(1, maxEvents)
        }
    }

    /// One event as LookupEvents returns it.
    public struct Event: Sendable, Equatable {
        /// `EventId`.
        public var eventID: String?
        /// `EventName`.
        public var eventName: String?
        /// `EventTime` in milliseconds.
        public var time: Int64?
        /// The CloudTrail record (`CloudTrailEvent`, a JSON string) as bytes.
        public var record: [UInt8]
    }

    /// Progress after each page.
    public struct Progress: Sendable, Equatable {
        /// Pages fetched so far.
        public var pages: Int
        /// Events fetched so far.
        public var events: Int
        /// Seconds spent waiting for the client-side throttle so far.
        public var throttledSeconds: Double
    }

    /// The signed client for ``AWSService/cloudTrail``.
    public let client: AWSClient
    /// The rate limiter (shared by default).
    public let limiter: AWSRateLimiter
    /// Events per page (1–50).
    public let pageSize: Int

    /// Wraps a client made for ``AWSService/cloudTrail``.
    public init(client: AWSClient, limiter: AWSRateLimiter = .shared, pageSize: Int = 50) {
        self.client = client
        self.limiter = limiter
        self.pageSize = max(1, min(50, pageSize))
    }

    /// The throttle key: one bucket per credentials, endpoint and region
    /// (the access key stands for the account, which is not known without a call).
    public var limiterKey: String {
        "\(client.accessKeyID)@\(client.endpoint.host ?? "")/\(client.region)"
    }

    /// The request body for one page.
    public func requestBody(_ query: Query, nextToken: String?) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("LookupAttributes", .array([.object([
                ("AttributeKey", .string(query.attribute.key.rawValue)),
                ("AttributeValue", .string(query.attribute.value)),
            ])])),
        ]
        // JSON 1.1 timestamps are epoch seconds.
        if let start = query.start { members.append(("StartTime", .number(CloudTrailLookupClient.seconds(start)))) }
        if let end = query.end { members.append(("EndTime", .number(CloudTrailLookupClient.seconds(end)))) }
        members.append(("MaxResults", .int(pageSize)))
        if let nextToken { members.append(("NextToken", .string(nextToken))) }
        return .object(members)
    }

    static func seconds(_ milliseconds: Int64) -> String {
        let whole = milliseconds / 1000
        let rest = milliseconds % 1000
        if rest == 0 { return String(whole) }
        let digits = String(abs(rest))
        let fraction = String(repeating: "0", count: 3 - digits.count) + digits
        return (milliseconds < 0 && whole == 0 ? "-" : "") + "\(whole).\(fraction)"
    }

    /// Parses one page's `Events`.
    /// - Throws: ``AWSError/invalidResponse(_:)`` when the answer has no `Events` array.
    public static func parse(page answer: JSONValue) throws(AWSError) -> [Event] {
        guard let events = answer["Events"]?.arrayValue else {
            throw .invalidResponse("LookupEvents answer has no Events array")
        }
        return events.map { item in
            let time = item["EventTime"]?.doubleValue.map { Int64(($0 * 1000).rounded()) }
            return Event(
                eventID: item["EventId"]?.nonEmptyString, eventName: item["EventName"]?.nonEmptyString, time: time,
                record: Array((item["CloudTrailEvent"]?.stringValue ?? "").utf8))
        }
    }

    /// Fetches pages until the last one or `query.maxEvents`, throttled,
    /// handing each page to `page` as it arrives.
    /// - Returns: pages fetched.
    /// - Throws: ``AWSError`` (after retries for throttling), or what `page` throws.
    @discardableResult
    public func events(
        _ query: Query, cancellation: AWSCancellation? = nil, progress: ((Progress) -> Void)? = nil,
        page: ([Event]) throws -> Void
    ) throws -> Int {
        var token: String?
        var seen: Set<String> = []
        var status = Progress(pages: 0, events: 0, throttledSeconds: 0)
        repeat {
            if cancellation?.isCancelled == true { throw AWSError.cancelled }
            status.throttledSeconds += try limiter.acquire(key: limiterKey, cancellation: cancellation)
            let answer = try client.json(
                target: CloudTrailLookupClient.target, body: requestBody(query, nextToken: token))
            var events = try CloudTrailLookupClient.parse(page: answer)
            if status.events + events.count > query.maxEvents {
                events = Array(events.prefix(query.maxEvents - status.events))
            }
            status.pages += 1
            status.events += events.count
            try page(events)
            progress?(status)
            if status.events >= query.maxEvents { break }
            token = answer["NextToken"]?.nonEmptyString
            if let token, !seen.insert(token).inserted {
                throw AWSError.invalidResponse("LookupEvents returned the same NextToken twice")
            }
        } while token != nil
        return status.pages
    }
}
