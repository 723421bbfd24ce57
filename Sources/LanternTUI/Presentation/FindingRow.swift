import LanternCore

/// How a finding reads in the list: pure functions from the model to column text.
public enum FindingRow {
    /// The role a severity label is drawn with.
    public static func role(severity label: String) -> StyleRole {
        switch Severity.rank(label) {
        case 4: return .severityCritical
        case 3: return .severityHigh
        case 2: return .severityMedium
        case 1: return .severityLow
        default: return .severityInformational
        }
    }

    /// The label as the list shows it (`INFO` for INFORMATIONAL).
    public static func severityText(_ label: String) -> String {
        let upper = label.uppercased()
        return upper == "INFORMATIONAL" ? "INFO" : upper
    }

    /// The type from the segment that names the behaviour on:
    /// `TTPs/Discovery/Recon:IAMUser-X` → `Recon:IAMUser-X`; GuardDuty types
    /// stay whole; ASFF paths without one keep their last segment.
    public static func shortType(_ type: String) -> String {
        let segments = type.split(separator: "/", omittingEmptySubsequences: false)
        if let index = segments.firstIndex(where: { $0.contains(":") }) {
            return segments[index...].joined(separator: "/")
        }
        return segments.last.map(String.init) ?? type
    }

    /// The account's name when known, else its Id.
    public static func account(_ finding: Finding, names: [String: String]) -> String {
        guard let id = finding.account else { return "-" }
        return names[id] ?? id
    }

    /// The principal, else the resource (ARNs shortened to their resource part).
    public static func subject(_ finding: Finding) -> String {
        if let principal = finding.principal, !principal.isEmpty { return shortARN(principal) }
        if let resource = finding.resourceId, !resource.isEmpty { return shortARN(resource) }
        return "-"
    }

    /// `arn:aws:iam::123:user/bert-jan` → `user/bert-jan`; other text unchanged.
    public static func shortARN(_ text: String) -> String {
        guard text.hasPrefix("arn:") else { return text }
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6 else { return text }
        let resource = String(parts[5])
        return resource.isEmpty ? text : (parts[2] == "s3" ? "s3://" + resource : resource)
    }

    /// The time shown: last update, else creation.
    public static func time(_ finding: Finding, _ time: TimeText) -> String {
        time.minutes(finding.updated ?? finding.created)
    }
}
