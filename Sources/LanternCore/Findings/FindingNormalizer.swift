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

    /// The findings in a record: an ASFF or GuardDuty finding, or any
    /// wrapper carrying them: `{"Findings":[…]}` (get-findings output),
    /// EventBridge `{"detail":{"findings":[…]}}` and `{"detail":{<GuardDuty>}}`,
    /// the ASR notifier's `{"Finding":{…}}`, test-harness lines `{"log":{…}}`,
    /// and bare arrays.
    public static func findings(in record: JSONValue) throws(Rejection) -> [Finding] {
        var result: [Finding] = []
        try collect(record, into: &result, depth: 0)
        guard !result.isEmpty else { throw Rejection(reason: "not a finding (neither ASFF nor GuardDuty)") }
        return result
    }

    static let wrapperKeys = ["Findings", "findings", "detail", "Finding", "log"]

    private static func collect(_ value: JSONValue, into result: inout [Finding], depth: Int) throws(Rejection) {
        guard depth < 8 else { return }
        if let elements = value.arrayValue {
            for element in elements { try collect(element, into: &result, depth: depth + 1) }
            return
        }
        if isASFF(value) { return result.append(try asff(value)) }
        if isGuardDuty(value) { return result.append(try guardDuty(value)) }
        for key in wrapperKeys {
            if let inner = value[key] { try collect(inner, into: &result, depth: depth + 1) }
        }
    }

    static func isASFF(_ value: JSONValue) -> Bool {
        value["Id"] != nil && value["ProductArn"] != nil
    }

    /// Native GuardDuty, camelCase (API, EventBridge) or PascalCase (CLI output).
    static func isGuardDuty(_ value: JSONValue) -> Bool {
        value[gd: "id"] != nil && value[gd: "type"] != nil && value[gd: "accountId"] != nil
    }

    /// Normalises one ASFF finding.
    public static func asff(_ v: JSONValue) throws(Rejection) -> Finding {
        guard let id = v["Id"]?.nonEmptyString else { throw Rejection(reason: "ASFF finding has no Id") }
        let product = v["ProductName"]?.nonEmptyString
            ?? v["ProductArn"]?.stringValue?.split(separator: "/").last.map(String.init) ?? "unknown"
        // Severity.Product is never used: its scale belongs to the product.
        let candidates = [v["Severity"], v[path: "FindingProviderFields", "Severity"]].compactMap { $0 }
        var label = candidates.lazy.compactMap { $0["Label"]?.stringValue?.uppercased() }.first
        var normalized = candidates.lazy.compactMap { (c: JSONValue) -> Int? in
            guard case .number(let text)? = c["Normalized"], let score = Double(text) else { return nil }
            return Int((score + 0.5).rounded(.down))
        }.first
        if label == nil, let normalized { label = Severity.label(normalized: normalized) }
        if label == nil {
            label = candidates.lazy.compactMap { $0["Original"]?.stringValue?.uppercased() }
                .first { Severity.labels.contains($0) }
        }
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

    /// Normalises one native GuardDuty finding (camelCase or PascalCase).
    public static func guardDuty(_ v: JSONValue) throws(Rejection) -> Finding {
        guard let id = v[gd: "id"]?.nonEmptyString else { throw Rejection(reason: "GuardDuty finding has no id") }
        guard let score = v[gd: "severity"]?.doubleValue else {
            throw Rejection(reason: "GuardDuty finding \(id) has no numeric severity")
        }
        let resource = v[gd: "resource"]
        let keyDetails = resource?[gd: "accessKeyDetails"]
        let archived = v[gd: "service", "archived"]
        let isArchived = archived?.boolValue == true || archived?.stringValue?.lowercased() == "true"
        var finding = Finding(
            id: id, format: .guardduty, product: "GuardDuty",
            type: v[gd: "type"]?.stringValue ?? "",
            title: v[gd: "title"]?.stringValue ?? "",
            description: v[gd: "description"]?.stringValue,
            severityLabel: guardDutyLabel(score),
            severity: guardDutyNormalized(score),
            account: v[gd: "accountId"]?.nonEmptyString,
            region: v[gd: "region"]?.nonEmptyString,
            created: Timestamp.normalize(v[gd: "createdAt"]?.stringValue),
            updated: Timestamp.normalize(v[gd: "updatedAt"]?.stringValue),
            firstSeen: Timestamp.normalize(v[gd: "service", "eventFirstSeen"]?.stringValue),
            lastSeen: Timestamp.normalize(v[gd: "service", "eventLastSeen"]?.stringValue),
            resourceType: resource?[gd: "resourceType"]?.nonEmptyString,
            resourceId: keyDetails?[gd: "accessKeyId"]?.nonEmptyString
                ?? resource?[gd: "instanceDetails", "instanceId"]?.nonEmptyString,
            principal: nil,
            status: isArchived ? "ARCHIVED" : "NEW",
            raw: JSONWriter(pretty: false).string(v),
            observables: ObservableExtractor.observables(in: v, format: .guardduty))
        finding.principal = principal(in: finding.observables) ?? keyDetails?[gd: "userName"]?.nonEmptyString
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
        min(100, max(0, Int((score * 10 + 0.5).rounded(.down))))
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

extension JSONValue {
    /// Follows member names looked up camelCase first, then PascalCase, as
    /// GuardDuty's API and its CLI output spell them differently.
    subscript(gd keys: String...) -> JSONValue? {
        var current: JSONValue? = self
        for key in keys {
            current = current?[key] ?? current?[key.prefix(1).uppercased() + key.dropFirst()]
        }
        return current
    }
}
