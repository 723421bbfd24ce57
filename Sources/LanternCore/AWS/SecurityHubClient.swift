import Foundation

/// Security Hub `GetFindings` (REST-JSON, `POST /findings`) with full pagination.
public struct SecurityHubClient: Sendable {
    /// The signed client for the `securityhub` service.
    public let client: AWSClient
    /// Findings per page (1–100).
    public var pageSize: Int

    /// Wraps a client made for ``AWSService/securityHub``.
    public init(client: AWSClient, pageSize: Int = 100) {
        self.client = client
        self.pageSize = max(1, min(100, pageSize))
    }

    /// The `GetFindings` body for one page: the same filters on every page, as the
    /// service requires for `NextToken`.
    public func requestBody(filters: SecurityHubFilters, nextToken: String?) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("Filters", filters.json),
            ("MaxResults", .int(pageSize)),
        ]
        if let nextToken { members.append(("NextToken", .string(nextToken))) }
        return .object(members)
    }

    /// Fetches every page, handing each page's raw ASFF findings to `page`.
    /// - Returns: the number of pages fetched.
    /// - Throws: ``AWSError`` from the service, or what `page` throws.
    @discardableResult
    public func findings(
        filters: SecurityHubFilters, cancellation: AWSCancellation? = nil, page: ([JSONValue]) throws -> Void
    ) throws -> Int {
        var token: String?
        var seen: Set<String> = []
        var pages = 0
        repeat {
            if cancellation?.isCancelled == true { throw AWSError.cancelled }
            let answer = try client.restJSON(
                method: "POST", path: "/findings", body: requestBody(filters: filters, nextToken: token))
            guard let findings = answer["Findings"]?.arrayValue else {
                throw AWSError.invalidResponse("GetFindings answer has no Findings array")
            }
            pages += 1
            try page(findings)
            token = answer["NextToken"]?.nonEmptyString
            if let token {
                guard seen.insert(token).inserted else {
                    throw AWSError.invalidResponse("GetFindings returned the same NextToken twice")
                }
            }
        } while token != nil
        return pages
    }
}
