import Foundation

/// `GetFindings` filters, parsed from `--filter name=value[,value...]` options
/// and serialised as Security Hub's `Filters` object.
///
/// Names: `severity` (`SeverityLabel`), `workflow` / `workflow-status`
/// (`WorkflowStatus`), `account` (`AwsAccountId`), `record-state`
/// (`RecordState`, default `ACTIVE`), `since` / `until` (RFC 3339, `UpdatedAt`
/// range) and `days` (`UpdatedAt` within the last N days).
public struct SecurityHubFilters: Sendable, Equatable {
    /// `SeverityLabel` values (any of).
    public var severities: [String] = []
    /// `WorkflowStatus` values (any of).
    public var workflowStatuses: [String] = []
    /// `AwsAccountId` values (any of).
    public var accounts: [String] = []
    /// `RecordState` values (any of).
    public var recordStates: [String] = ["ACTIVE"]
    /// `UpdatedAt` start (RFC 3339).
    public var updatedSince: String?
    /// `UpdatedAt` end (RFC 3339).
    public var updatedUntil: String?
    /// `UpdatedAt` within the last N days.
    public var updatedWithinDays: Int?

    /// No filters except active records.
    public init() {}

    static let severityValues: Set<String> = ["INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL"]
    static let workflowValues: Set<String> = ["NEW", "NOTIFIED", "RESOLVED", "SUPPRESSED"]
    static let recordStateValues: Set<String> = ["ACTIVE", "ARCHIVED"]

    /// Parses `name=value,value` specs.
    /// - Throws: ``AWSError/configuration(_:)`` naming the bad spec.
    public init(parsing specs: [String]) throws(AWSError) {
        for spec in specs {
            guard let equals = spec.firstIndex(of: "=") else {
                throw .configuration("filter '\(spec)' is not name=value")
            }
            let name = spec[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let values = spec[spec.index(after: equals)...].split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !values.isEmpty else { throw .configuration("filter '\(spec)' has no value") }
            func checked(_ allowed: Set<String>) throws(AWSError) -> [String] {
                let upper = values.map { $0.uppercased() }
                for value in upper where !allowed.contains(value) {
                    throw .configuration("filter \(name): '\(value)' is not one of \(allowed.sorted().joined(separator: ", "))")
                }
                return upper
            }
            switch name {
            case "severity", "severity-label":
                severities += try checked(SecurityHubFilters.severityValues)
            case "workflow", "workflow-status", "status":
                workflowStatuses += try checked(SecurityHubFilters.workflowValues)
            case "record-state", "recordstate":
                recordStates = try checked(SecurityHubFilters.recordStateValues)
            case "account", "account-id":
                for value in values {
                    guard let id = AccountRecord.canonicalID(value), value.count == 12 else {
                        throw .configuration("filter account: '\(value)' is not a 12-digit account ID")
                    }
                    accounts.append(id)
                }
            case "since", "until":
                guard values.count == 1, let value = values.first, Timestamp.milliseconds(value) != nil else {
                    throw .configuration("filter \(name): expected one RFC 3339 time such as 2026-11-01T00:00:00Z")
                }
                if name == "since" { updatedSince = value } else { updatedUntil = value }
            case "days":
                guard values.count == 1, let days = values.first.flatMap({ Int($0) }), days > 0 else {
                    throw .configuration("filter days: expected a positive whole number")
                }
                updatedWithinDays = days
            default:
                throw .configuration(
                    "unknown filter '\(name)': use severity, workflow, account, record-state, since, until or days")
            }
        }
        if updatedWithinDays != nil && (updatedSince != nil || updatedUntil != nil) {
            throw .configuration("filter days cannot be combined with since/until")
        }
    }

    /// The `Filters` object for `GetFindings`.
    public var json: JSONValue {
        func equals(_ values: [String]) -> JSONValue {
            .array(values.map { .object([("Value", .string($0)), ("Comparison", .string("EQUALS"))]) })
        }
        var members: [(key: String, value: JSONValue)] = []
        if !severities.isEmpty { members.append(("SeverityLabel", equals(severities))) }
        if !workflowStatuses.isEmpty { members.append(("WorkflowStatus", equals(workflowStatuses))) }
        if !accounts.isEmpty { members.append(("AwsAccountId", equals(accounts))) }
        if !recordStates.isEmpty { members.append(("RecordState", equals(recordStates))) }
        var ranges: [JSONValue] = []
        if updatedSince != nil || updatedUntil != nil {
            var range: [(key: String, value: JSONValue)] = []
            if let updatedSince { range.append(("Start", .string(updatedSince))) }
            if let updatedUntil { range.append(("End", .string(updatedUntil))) }
            ranges.append(.object(range))
        }
        if let updatedWithinDays {
            ranges.append(.object([("DateRange", .object([("Value", .int(updatedWithinDays)), ("Unit", .string("DAYS"))]))]))
        }
        if !ranges.isEmpty { members.append(("UpdatedAt", .array(ranges))) }
        return .object(members)
    }
}
