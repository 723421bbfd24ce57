/// A security finding from Security Hub (ASFF) or GuardDuty, normalised.
///
/// The original record is kept in ``raw``; the other fields are derived
/// from it by ``FindingNormalizer`` with the rules documented there.
public struct Finding: Sendable, Equatable {
    /// The source format of the original record.
    public enum Format: String, Sendable {
        case asff
        case guardduty
    }

    public var id: String
    public var format: Format
    /// `GuardDuty`, or the ASFF product name (`ProductName`, else the last
    /// segment of `ProductArn`).
    public var product: String
    public var type: String
    public var title: String
    public var description: String?
    /// INFORMATIONAL, LOW, MEDIUM, HIGH or CRITICAL.
    public var severityLabel: String
    /// 0–100.
    public var severity: Int
    public var account: String?
    public var region: String?
    /// RFC 3339 UTC, whole seconds.
    public var created: String?
    public var updated: String?
    public var firstSeen: String?
    public var lastSeen: String?
    public var resourceType: String?
    public var resourceId: String?
    /// The IAM principal (ARN or user name) the finding is about, when named.
    public var principal: String?
    public var status: String?
    /// The original record as JSON text.
    public var raw: String
    /// Every observable found in the record, with the member path it was found at.
    public var observables: [FindingObservable]
}

/// An observable named by a finding, and where in the record it was found.
public struct FindingObservable: Sendable, Hashable {
    public var observable: Observable
    /// Member path such as `Resources.Details.AwsIamAccessKey.PrincipalId`
    /// or `ProductFields.action/awsApiCallAction/remoteIpDetails/ipAddressV4`.
    public var path: String

    public init(observable: Observable, path: String) {
        self.observable = observable
        self.path = path
    }
}

/// Severity labels and their 0–100 scores.
public enum Severity {
    /// Labels from least to most severe.
    public static let labels = ["INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL"]

    /// The label for an ASFF normalised score (0 informational, 1–39 low,
    /// 40–69 medium, 70–89 high, 90–100 critical).
    public static func label(normalized: Int) -> String {
        switch normalized {
        case ..<1: return "INFORMATIONAL"
        case ..<40: return "LOW"
        case ..<70: return "MEDIUM"
        case ..<90: return "HIGH"
        default: return "CRITICAL"
        }
    }

    /// The score for a label (INFORMATIONAL 0, LOW 30, MEDIUM 50, HIGH 70, CRITICAL 90).
    public static func normalized(label: String) -> Int? {
        switch label.uppercased() {
        case "INFORMATIONAL": return 0
        case "LOW": return 30
        case "MEDIUM": return 50
        case "HIGH": return 70
        case "CRITICAL": return 90
        default: return nil
        }
    }

    /// The rank of a label, 0 (informational) to 4 (critical).
    public static func rank(_ label: String) -> Int {
        // Stored labels are upper case already: no new string per call (the list filters 100k per keystroke).
        labels.firstIndex(of: label) ?? labels.firstIndex(of: label.uppercased()) ?? 0
    }
}
