import Foundation

/// The activity query for one observable, as partition-aware Athena SQL over
/// the user's CloudTrail table, in one of two table layouts.
///
/// - ``Dialect/cloudTrail``: the table AWS documents for CloudTrail logs in S3
///   (`eventtime` an RFC 3339 string, `useridentity` a struct), partitioned
///   `region/year/month/day` (``Partitioning/yearMonthDay``), by a projected
///   `timestamp` string `yyyy/MM/dd` (``Partitioning/projectedTimestamp``), or not at all.
/// - ``Dialect/securityLake``: Amazon Security Lake's OCSF CloudTrail
///   management-events table (`time` in epoch milliseconds, `api`, `actor`,
///   `src_endpoint` structs), partitioned `region/accountid/eventday` (`yyyyMMdd`).
///
/// Both select the same column names (see ``columns``), which
/// ``AthenaEventMapper`` turns back into CloudTrail records.
public struct AthenaActivityQuery: Sendable, Equatable {
    /// The table layout.
    public enum Dialect: String, Sendable, CaseIterable {
        /// CloudTrail's documented Athena table.
        case cloudTrail = "cloudtrail"
        /// Security Lake's OCSF table.
        case securityLake = "ocsf"
    }

    /// How the CloudTrail table is partitioned (ignored for Security Lake, whose layout is fixed).
    public enum Partitioning: String, Sendable, CaseIterable {
        /// `year`, `month`, `day` string partitions (and `region`).
        case yearMonthDay = "year-month-day"
        /// A projected `timestamp` partition, `yyyy/MM/dd`.
        case projectedTimestamp = "timestamp"
        /// No partitions (every query scans the table).
        case none
    }

    /// The output column names, in order.
    public static let columns = [
        "eventid", "eventtime", "eventsource", "eventname", "awsregion", "sourceipaddress", "useragent",
        "errorcode", "errormessage", "readonly", "recipientaccountid", "eventtype",
        "useridentity_type", "useridentity_principalid", "useridentity_arn", "useridentity_accountid",
        "useridentity_accesskeyid", "useridentity_username", "sessionissuer_arn",
        "requestparameters", "responseelements",
    ]

    /// The table (`table` or `database.table`).
    public var table: String
    /// The table layout.
    public var dialect: Dialect
    /// The partition scheme (CloudTrail dialect).
    public var partitioning: Partitioning
    /// What to look for.
    public var observable: Observable
    /// The time window (``TimeWindow/all`` scans every partition).
    public var window: TimeWindow
    /// Regions to restrict the `region` partition to (empty: all).
    public var regions: [String]
    /// The most rows to return.
    public var limit: Int

    /// Makes a query description.
    public init(
        table: String, dialect: Dialect = .cloudTrail, partitioning: Partitioning = .yearMonthDay,
        observable: Observable, window: TimeWindow, regions: [String] = [], limit: Int = 10_000
    ) {
        self.table = table
        self.dialect = dialect
        self.partitioning = partitioning
        self.observable = observable
        self.window = window
        self.regions = regions
        self.limit = max(1, limit)
    }

    /// Windows longer than this many days are pruned by year/month only (or
    /// by a range on projected partitions) rather than by listing each day.
    static let maxListedDays = 62

    /// The SQL text.
    /// - Throws: ``AWSError/configuration(_:)`` for a table or region name that is not a plain identifier.
    public func sql() throws(AWSError) -> String {
        let from = try AthenaSQL.tableReference(table)
        for region in regions where !AthenaSQL.isPlainIdentifier(region) {
            throw .configuration("region '\(region)' is not a region name")
        }
        switch dialect {
        case .cloudTrail: return cloudTrailSQL(from: from)
        case .securityLake: return securityLakeSQL(from: from)
        }
    }

    private var bounded: Bool { window != .all }

    private func cloudTrailSQL(from: String) -> String {
        let select = """
            SELECT eventid, eventtime, eventsource, eventname, awsregion, sourceipaddress, useragent,
              errorcode, errormessage, CAST(readonly AS varchar) AS readonly, recipientaccountid, eventtype,
              useridentity.type AS useridentity_type, useridentity.principalid AS useridentity_principalid,
              useridentity.arn AS useridentity_arn, useridentity.accountid AS useridentity_accountid,
              useridentity.accesskeyid AS useridentity_accesskeyid, useridentity.username AS useridentity_username,
              useridentity.sessioncontext.sessionissuer.arn AS sessionissuer_arn,
              requestparameters, responseelements
            FROM \(from)
            """
        var conditions: [String] = []
        if bounded {
            switch partitioning {
            case .yearMonthDay: conditions.append(yearMonthDayPredicate())
            case .projectedTimestamp:
                conditions.append("\"timestamp\" BETWEEN \(AthenaSQL.literal(day(window.from, "/"))) AND \(AthenaSQL.literal(day(window.to, "/")))")
            case .none: break
            }
        }
        if !regions.isEmpty, partitioning != .none {
            conditions.append("region IN (" + regions.map(AthenaSQL.literal).joined(separator: ", ") + ")")
        }
        if bounded {
            conditions.append("eventtime >= \(AthenaSQL.literal(seconds(window.from)))")
            conditions.append("eventtime <= \(AthenaSQL.literal(seconds(window.to)))")
        }
        conditions.append("(" + cloudTrailMatch() + ")")
        return select + "\nWHERE " + conditions.joined(separator: "\n  AND ") + "\nORDER BY eventtime DESC\nLIMIT \(limit)"
    }

    private func cloudTrailMatch() -> String {
        let v = AthenaSQL.literal(observable.value)
        switch observable.kind {
        case .ipv4, .ipv6:
            return "sourceipaddress = \(v)"
        case .accessKey:
            return "useridentity.accesskeyid = \(v)"
        case .arn:
            return "useridentity.arn = \(v) OR useridentity.sessioncontext.sessionissuer.arn = \(v)"
        case .principalId:
            return "useridentity.principalid = \(v) OR useridentity.principalid LIKE "
                + "\(AthenaSQL.prefixPattern(observable.value + ":")) ESCAPE '\\'"
        case .accountId:
            return "useridentity.accountid = \(v) OR recipientaccountid = \(v)"
        case .userAgent:
            return "useragent = \(v)"
        case .cidr, .domain, .url, .md5, .sha1, .sha256, .instanceId, .bucket, .email:
            return "strpos(requestparameters, \(v)) > 0 OR strpos(responseelements, \(v)) > 0"
        }
    }

    private func yearMonthDayPredicate() -> String {
        let firstDay = window.from / 86_400_000
        let lastDay = window.to / 86_400_000
        if lastDay - firstDay + 1 <= Int64(AthenaActivityQuery.maxListedDays) {
            var days: [String] = []
            for dayNumber in firstDay...lastDay {
                let (y, m, d) = Timestamp.civilFromDays(dayNumber)
                days.append("(year = \(AthenaSQL.literal(pad(y, 4))) AND month = \(AthenaSQL.literal(pad(m, 2))) "
                    + "AND day = \(AthenaSQL.literal(pad(d, 2))))")
            }
            return "(" + days.joined(separator: " OR ") + ")"
        }
        let (y1, _, _) = Timestamp.civilFromDays(firstDay)
        let (y2, _, _) = Timestamp.civilFromDays(lastDay)
        return "year BETWEEN \(AthenaSQL.literal(pad(y1, 4))) AND \(AthenaSQL.literal(pad(y2, 4)))"
    }

    private func securityLakeSQL(from: String) -> String {
        let select = """
            SELECT metadata.uid AS eventid, to_iso8601(from_unixtime(time / 1000e0)) AS eventtime,
              api.service.name AS eventsource, api.operation AS eventname, cloud.region AS awsregion,
              src_endpoint.ip AS sourceipaddress, http_request.user_agent AS useragent,
              api.response.error AS errorcode, api.response.message AS errormessage,
              CAST(NULL AS varchar) AS readonly, accountid AS recipientaccountid, CAST(NULL AS varchar) AS eventtype,
              actor.user.type AS useridentity_type, actor.user.uid_alt AS useridentity_principalid,
              actor.user.uid AS useridentity_arn, actor.user.account.uid AS useridentity_accountid,
              actor.user.credential_uid AS useridentity_accesskeyid, actor.user.name AS useridentity_username,
              actor.session.issuer AS sessionissuer_arn,
              api.request.data AS requestparameters, api.response.data AS responseelements
            FROM \(from)
            """
        var conditions: [String] = []
        if bounded {
            conditions.append("eventday BETWEEN \(AthenaSQL.literal(day(window.from, ""))) AND \(AthenaSQL.literal(day(window.to, "")))")
        }
        if !regions.isEmpty {
            conditions.append("region IN (" + regions.map(AthenaSQL.literal).joined(separator: ", ") + ")")
        }
        if bounded {
            conditions.append("time BETWEEN \(window.from) AND \(window.to)")
        }
        let v = AthenaSQL.literal(observable.value)
        let match: String
        switch observable.kind {
        case .ipv4, .ipv6: match = "src_endpoint.ip = \(v)"
        case .accessKey: match = "actor.user.credential_uid = \(v)"
        case .arn: match = "actor.user.uid = \(v) OR actor.session.issuer = \(v)"
        case .principalId:
            match = "actor.user.uid_alt = \(v) OR actor.user.uid_alt LIKE \(AthenaSQL.prefixPattern(observable.value + ":")) ESCAPE '\\'"
        case .accountId: match = "actor.user.account.uid = \(v) OR accountid = \(v)"
        case .userAgent: match = "http_request.user_agent = \(v)"
        case .cidr, .domain, .url, .md5, .sha1, .sha256, .instanceId, .bucket, .email:
            match = "strpos(api.request.data, \(v)) > 0 OR strpos(api.response.data, \(v)) > 0"
        }
        conditions.append("(" + match + ")")
        return select + "\nWHERE " + conditions.joined(separator: "\n  AND ") + "\nORDER BY time DESC\nLIMIT \(limit)"
    }

    private func pad(_ number: Int64, _ width: Int) -> String {
        let text = String(number)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// `yyyy<sep>MM<sep>dd` of a time.
    private func day(_ milliseconds: Int64, _ separator: String) -> String {
        let (y, m, d) = Timestamp.civilFromDays(Int64((Double(milliseconds) / 86_400_000).rounded(.down)))
        return pad(y, 4) + separator + pad(m, 2) + separator + pad(d, 2)
    }

    /// RFC 3339 to the second, CloudTrail's `eventtime` format (compared as text).
    private func seconds(_ milliseconds: Int64) -> String {
        Timestamp.string(milliseconds: milliseconds)
    }
}
