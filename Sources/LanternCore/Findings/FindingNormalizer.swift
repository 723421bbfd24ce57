/// Turns ASFF and native GuardDuty records (in any of their wrappers) into
/// ``Finding`` values.
///
/// Rules (shared with `scripts/ground_truth.py`, which checks them independently):
/// - product: GuardDuty for native GuardDuty; for ASFF `ProductName`, else the
///   last path segment of `ProductArn`.
/// - type: ASFF `Types[0]` (empty when none); GuardDuty `type`.
/// - severity: ASFF `Severity.Label` (else derived from `Normalized`, else
///   from `Product`/`Original` scaled as GuardDuty's) and `Normalized` (else
///   derived from the label); GuardDuty `severity` s → LOW < 4 ≤ MEDIUM < 7
///   ≤ HIGH < 9 ≤ CRITICAL, normalised `round(s × 10)` capped at 100.
/// - times: RFC 3339 UTC with whole seconds (fractions truncated).
/// - status: ASFF `Workflow.Status`, else `WorkflowState`, else `RecordState`;
///   GuardDuty ARCHIVED when `service.archived`, else NEW.
public enum FindingNormalizer {
    /// Why a record is not a finding.
    public struct Rejection: Error, CustomStringConvertible, Sendable {
        public let reason: String
        public var description: String { reason }
    }

    /// The findings in a record: an ASFF or GuardDuty finding, an EventBridge
    /// event carrying them, or a test-harness wrapper `{"log": …}`.
    public static func findings(in record: JSONValue) throws(Rejection) -> [Finding] {
        if let detail = record["detail"], record["detail-type"] != nil || record["source"] != nil {
            if let list = detail["findings"]?.arrayValue {
                var result: [Finding] = []
                for item in list { result.append(try asff(item)) }
                return result
            }
            return [try guardDuty(detail)]
        }
        if let inner = record["log"], inner["detail"] != nil || isASFF(inner) || isGuardDuty(inner) {
            return try findings(in: inner)
        }
        if let list = record["Findings"]?.arrayValue {
            var result: [Finding] = []
            for item in list { result += try findings(in: item) }
            return result
        }
        if isASFF(record) { return [try asff(record)] }
        if isGuardDuty(record) { return [try guardDuty(record)] }
        throw Rejection(reason: "not a finding (neither ASFF nor GuardDuty)")
    }

    static func isASFF(_ value: JSONValue) -> Bool {
        value["SchemaVersion"] != nil && (value["ProductArn"] != nil || value["AwsAccountId"] != nil)
    }

    static func isGuardDuty(_ value: JSONValue) -> Bool {
        value["schemaVersion"] != nil && value["type"] != nil && (value["service"] != nil || value["resource"] != nil)
    }

    /// Normalises one ASFF finding.
    public static func asff(_ v: JSONValue) throws(Rejection) -> Finding {
        guard let id = v["Id"]?.nonEmptyString else { throw Rejection(reason: "ASFF finding has no Id") }
        let product = v["ProductName"]?.nonEmptyString
            ?? v["ProductArn"]?.stringValue?.split(separator: "/").last.map(String.init) ?? "unknown"
        let severity = v["Severity"]
        var normalized = severity?["Normalized"]?.doubleValue.map { Int($0.rounded()) }
        var label = severity?["Label"]?.nonEmptyString?.uppercased()
        if label == nil, normalized == nil, let score = (severity?["Product"] ?? severity?["Original"])?.doubleValue {
            normalized = guardDutyNormalized(score)
        }
        if label == nil, let normalized { label = Severity.label(normalized: normalized) }
        if normalized == nil, let label { normalized = Severity.normalized(label: label) }
        let resource = v["Resources"]?.arrayValue?.first
        let status = v[path: "Workflow", "Status"]?.nonEmptyString ?? v["WorkflowState"]?.nonEmptyString
            ?? v["RecordState"]?.nonEmptyString
        var finding = Finding(
            id: id, format: .asff, product: product,
            type: v["Types"]?.arrayValue?.first?.stringValue ?? "",
            title: v["Title"]?.stringValue ?? "",
            description: v["Description"]?.stringValue,
            severityLabel: label ?? "INFORMATIONAL",
            severity: min(100, max(0, normalized ?? 0)),
            account: v["AwsAccountId"]?.nonEmptyString,
            region: v["Region"]?.nonEmptyString ?? resource?["Region"]?.nonEmptyString,
            created: Timestamp.normalize(v["CreatedAt"]?.stringValue),
            updated: Timestamp.normalize(v["UpdatedAt"]?.stringValue),
            firstSeen: Timestamp.normalize(v["FirstObservedAt"]?.stringValue),
            lastSeen: Timestamp.normalize(v["LastObservedAt"]?.stringValue),
            resourceType: resource?["Type"]?.nonEmptyString,
            resourceId: resource?["Id"]?.nonEmptyString,
            principal: nil, status: status,
            raw: JSONWriter(pretty: false).string(v),
            observables: ObservableExtractor.observables(in: v, format: .asff))
        finding.principal = principal(in: finding.observables)
            ?? v[path: "ProductFields", "resource/accessKeyDetails/userName"]?.nonEmptyString
            ?? resource?[path: "Details", "AwsIamAccessKey", "PrincipalName"]?.nonEmptyString
            ?? resource?[path: "Details", "AwsIamAccessKey", "UserName"]?.nonEmptyString
        return finding
    }

    /// Normalises one native GuardDuty finding.
    public static func guardDuty(_ v: JSONValue) throws(Rejection) -> Finding {
        guard let id = v["id"]?.nonEmptyString else { throw Rejection(reason: "GuardDuty finding has no id") }
        guard let score = v["severity"]?.doubleValue else {
            throw Rejection(reason: "GuardDuty finding \(id) has no numeric severity")
        }
        let normalized = guardDutyNormalized(score)
        let resource = v["resource"]
        let keyDetails = resource?["accessKeyDetails"]
        var finding = Finding(
            id: id, format: .guardduty, product: "GuardDuty",
            type: v["type"]?.stringValue ?? "",
            title: v["title"]?.stringValue ?? "",
            description: v["description"]?.stringValue,
            severityLabel: guardDutyLabel(score),
            severity: normalized,
            account: v["accountId"]?.nonEmptyString,
            region: v["region"]?.nonEmptyString,
            created: Timestamp.normalize(v["createdAt"]?.stringValue),
            updated: Timestamp.normalize(v["updatedAt"]?.stringValue),
            firstSeen: Timestamp.normalize(v[path: "service", "eventFirstSeen"]?.stringValue),
            lastSeen: Timestamp.normalize(v[path: "service", "eventLastSeen"]?.stringValue),
            resourceType: resource?["resourceType"]?.nonEmptyString,
            resourceId: keyDetails?["accessKeyId"]?.nonEmptyString
                ?? resource?[path: "instanceDetails", "instanceId"]?.nonEmptyString,
            principal: nil,
            status: v[path: "service", "archived"]?.boolValue == true ? "ARCHIVED" : "NEW",
            raw: JSONWriter(pretty: false).string(v),
            observables: ObservableExtractor.observables(in: v, format: .guardduty))
        finding.principal = principal(in: finding.observables) ?? keyDetails?["userName"]?.nonEmptyString
        return finding
    }

    static func guardDutyLabel(_ score: Double) -> String {
        switch score {
        case ..<4: return "LOW"
        case ..<7: return "MEDIUM"
        case ..<9: return "HIGH"
        default: return "CRITICAL"
        }
    }

    static func guardDutyNormalized(_ score: Double) -> Int {
        min(100, max(0, Int((score * 10).rounded())))
    }

    /// The first IAM/STS principal ARN among the observables.
    static func principal(in observables: [FindingObservable]) -> String? {
        observables.first {
            $0.observable.kind == .arn
                && ($0.observable.value.contains(":iam::") || $0.observable.value.contains(":sts::"))
                && ($0.observable.value.contains(":user/") || $0.observable.value.contains(":assumed-role/")
                    || $0.observable.value.contains(":role/") || $0.observable.value.hasSuffix(":root"))
        }?.observable.value
    }
}
