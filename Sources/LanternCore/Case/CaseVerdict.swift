/// An analyst's decision on a case or on one of its findings.
public enum CaseVerdict: String, Sendable, CaseIterable, Codable {
    case truePositive = "true-positive"
    case falsePositive = "false-positive"
    case benign
    case needsEscalation = "needs-escalation"
    case undecided
}
