import Foundation

/// Turns Athena result rows (the columns of ``AthenaActivityQuery/columns``)
/// back into CloudTrail records, so they are stored and queried exactly like
/// events read from files.
public enum AthenaEventMapper {
    /// One CloudTrail record (JSON bytes) from a row, or a reason it cannot be one.
    /// - Parameters:
    ///   - columns: column names (any case).
    ///   - values: the row's values (nil for SQL NULL), in column order.
    public static func record(columns: [String], values: [String?]) -> Result<[UInt8], MappingError> {
        var row: [String: String] = [:]
        for (index, name) in columns.enumerated() where index < values.count {
            if let value = values[index], !value.isEmpty { row[name.lowercased()] = value }
        }
        guard let timeText = row["eventtime"], Timestamp.milliseconds(timeText) != nil else {
            return .failure(MappingError(reason: "row has no usable eventtime (\(row["eventtime"].map { "\"\($0.prefix(40))\"" } ?? "absent"))"))
        }
        guard let name = row["eventname"] else { return .failure(MappingError(reason: "row has no eventname")) }
        var identity: [(key: String, value: JSONValue)] = []
        func add(_ key: String, _ column: String, to members: inout [(key: String, value: JSONValue)]) {
            if let value = row[column] { members.append((key, .string(value))) }
        }
        add("type", "useridentity_type", to: &identity)
        add("principalId", "useridentity_principalid", to: &identity)
        add("arn", "useridentity_arn", to: &identity)
        add("accountId", "useridentity_accountid", to: &identity)
        add("accessKeyId", "useridentity_accesskeyid", to: &identity)
        add("userName", "useridentity_username", to: &identity)
        if let issuer = row["sessionissuer_arn"] {
            identity.append(("sessionContext", .object([("sessionIssuer", .object([("arn", .string(issuer))]))])))
        }
        var record: [(key: String, value: JSONValue)] = []
        add("eventID", "eventid", to: &record)
        // The text as Athena gave it (it parsed above), so milliseconds survive.
        record.append(("eventTime", .string(timeText)))
        add("eventSource", "eventsource", to: &record)
        record.append(("eventName", .string(name)))
        add("awsRegion", "awsregion", to: &record)
        add("sourceIPAddress", "sourceipaddress", to: &record)
        add("userAgent", "useragent", to: &record)
        add("errorCode", "errorcode", to: &record)
        add("errorMessage", "errormessage", to: &record)
        if let readOnly = row["readonly"]?.lowercased(), readOnly == "true" || readOnly == "false" {
            record.append(("readOnly", .bool(readOnly == "true")))
        }
        add("recipientAccountId", "recipientaccountid", to: &record)
        add("eventType", "eventtype", to: &record)
        record.append(("userIdentity", .object(identity)))
        for (key, column) in [("requestParameters", "requestparameters"), ("responseElements", "responseelements")] {
            guard let text = row[column] else { continue }
            // The table keeps these as JSON text; keep them as JSON when they parse.
            record.append((key, (try? JSONValue.parse(text)) ?? .string(text)))
        }
        return .success(Array(JSONWriter(pretty: false).string(.object(record)).utf8))
    }

    /// Why a row was not an event.
    public struct MappingError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The reason.
        public var reason: String
        public var description: String { reason }
    }
}
