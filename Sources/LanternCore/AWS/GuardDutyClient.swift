import Foundation

/// Amazon GuardDuty (REST-JSON): `ListDetectors` (`GET /detector`),
/// `ListFindings` (`POST /detector/{id}/findings`) and `GetFindings`
/// (`POST /detector/{id}/findings/get`, at most 50 IDs a call), all paged.
public struct GuardDutyClient: Sendable {
    /// Which findings to list.
    public struct Criteria: Sendable, Equatable {
        /// Only findings updated at or after this time (milliseconds since the epoch).
        public var updatedSince: Int64?
        /// Only findings with at least this severity (0–10).
        public var minimumSeverity: Double?
        /// Include archived findings (default: only current ones).
        public var includeArchived = false

        /// No restriction beyond "not archived".
        public init(updatedSince: Int64? = nil, minimumSeverity: Double? = nil, includeArchived: Bool = false) {
            self.updatedSince = updatedSince
            self.minimumSeverity = minimumSeverity
            self.includeArchived = includeArchived
        }

        /// The `findingCriteria` object.
        public var json: JSONValue {
            var criterion: [(key: String, value: JSONValue)] = []
            if !includeArchived { criterion.append(("service.archived", .object([("eq", .array([.string("false")]))]))) }
            if let updatedSince { criterion.append(("updatedAt", .object([("gte", .number(String(updatedSince)))]))) }
            if let minimumSeverity {
                let text = minimumSeverity == minimumSeverity.rounded() ? String(Int(minimumSeverity)) : String(minimumSeverity)
                criterion.append(("severity", .object([("gte", .number(text))])))
            }
            return .object([("criterion", .object(criterion))])
        }
    }

    /// The signed client for ``AWSService/guardDuty``.
    public let client: AWSClient
    /// IDs per ListFindings page and per GetFindings call (1–50).
    public let pageSize: Int

    /// Wraps a client made for ``AWSService/guardDuty``.
    public init(client: AWSClient, pageSize: Int = 50) {
        self.client = client
        self.pageSize = max(1, min(50, pageSize))
    }

    /// Every detector ID in the region (`ListDetectors`, all pages).
    public func detectorIDs() throws(AWSError) -> [String] {
        var ids: [String] = []
        var token: String?
        var seen: Set<String> = []
        repeat {
            var query = "maxResults=\(pageSize)"
            if let token { query += "&nextToken=\(SigV4Signer.uriEncode(token))" }
            let response = try client.send(method: "GET", path: "/detector", query: query, headers: [], body: Data())
            let answer = try AWSClient.decode(response)
            guard let page = answer["detectorIds"]?.arrayValue else {
                throw .invalidResponse("ListDetectors answer has no detectorIds")
            }
            ids += page.compactMap(\.nonEmptyString)
            token = answer["nextToken"]?.nonEmptyString
            if let token, !seen.insert(token).inserted { throw .invalidResponse("ListDetectors repeated its nextToken") }
        } while token != nil
        return ids
    }

    /// The ListFindings body for one page (newest update first).
    public func listBody(criteria: Criteria, nextToken: String?) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("findingCriteria", criteria.json),
            ("sortCriteria", .object([("attributeName", .string("updatedAt")), ("orderBy", .string("DESC"))])),
            ("maxResults", .int(pageSize)),
        ]
        if let nextToken { members.append(("nextToken", .string(nextToken))) }
        return .object(members)
    }

    static func detectorPath(_ detector: String) throws(AWSError) -> String {
        guard !detector.isEmpty, detector.unicodeScalars.allSatisfy({ $0.isASCII && CharacterSet.alphanumerics.contains($0) })
        else { throw .configuration("GuardDuty detector ID '\(detector)' is not alphanumeric") }
        return "/detector/\(detector)"
    }

    /// Lists finding IDs page by page and fetches each page's findings,
    /// handing the raw (camelCase) findings to `page`.
    /// - Returns: pages fetched.
    @discardableResult
    public func findings(
        detector: String, criteria: Criteria, cancellation: AWSCancellation? = nil, page: ([JSONValue]) throws -> Void
    ) throws -> Int {
        let base = try GuardDutyClient.detectorPath(detector)
        var token: String?
        var seen: Set<String> = []
        var pages = 0
        repeat {
            if cancellation?.isCancelled == true { throw AWSError.cancelled }
            let listed = try client.restJSON(
                method: "POST", path: base + "/findings", body: listBody(criteria: criteria, nextToken: token))
            guard let ids = listed["findingIds"]?.arrayValue?.compactMap(\.nonEmptyString) else {
                throw AWSError.invalidResponse("ListFindings answer has no findingIds")
            }
            pages += 1
            if !ids.isEmpty {
                var found: [JSONValue] = []
                var start = 0
                while start < ids.count {
                    let chunk = Array(ids[start..<min(start + pageSize, ids.count)])
                    let answer = try client.restJSON(
                        method: "POST", path: base + "/findings/get",
                        body: .object([("findingIds", .array(chunk.map(JSONValue.string)))]))
                    guard let findings = answer["findings"]?.arrayValue else {
                        throw AWSError.invalidResponse("GetFindings answer has no findings")
                    }
                    found += findings
                    start += chunk.count
                }
                try page(found)
            }
            token = listed["nextToken"]?.nonEmptyString
            if let token, !seen.insert(token).inserted {
                throw AWSError.invalidResponse("ListFindings returned the same nextToken twice")
            }
        } while token != nil
        return pages
    }
}
