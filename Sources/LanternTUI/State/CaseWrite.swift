import LanternCore

/// A change the analyst makes to a finding's case from the TUI.
public enum CaseWrite: Equatable, Sendable {
    /// Set the finding's verdict.
    case verdict(CaseVerdict)
    /// Add a timestamped note on the finding.
    case note(String)
    /// Star an event or a value as evidence, with the pivot trail that led to it.
    case star(CaseEvidence.Item, trail: [PivotStep])
    /// Export the finding's case (or the finding alone) to a file.
    case export(CaseExporter.Format, path: String)
}

/// What a ``CaseWrite`` left behind: the finding's case as stored now
/// (nil when an export wrote a finding that is in no case) and a message.
public struct CaseOutcome: Equatable, Sendable {
    public var record: CaseRecord?
    public var message: String

    /// Makes an outcome.
    public init(record: CaseRecord?, message: String) {
        self.record = record
        self.message = message
    }
}

extension CaseVerdict {
    /// The key that picks this verdict in the verdict prompt.
    public var pickKey: Character {
        switch self {
        case .truePositive: return "t"
        case .falsePositive: return "f"
        case .benign: return "b"
        case .needsEscalation: return "e"
        case .undecided: return "u"
        }
    }

    /// The verdict in words.
    public var label: String {
        switch self {
        case .truePositive: return "true positive"
        case .falsePositive: return "false positive"
        case .benign: return "benign"
        case .needsEscalation: return "needs escalation"
        case .undecided: return "undecided"
        }
    }

    /// The short text of the list's verdict column.
    public var shortLabel: String {
        switch self {
        case .truePositive: return "TRUE POS"
        case .falsePositive: return "FALSE POS"
        case .benign: return "BENIGN"
        case .needsEscalation: return "ESCALATE"
        case .undecided: return "UNDECIDED"
        }
    }

    /// The style role the verdict is drawn with.
    public var role: StyleRole {
        switch self {
        case .truePositive: return .verdictMalicious
        case .needsEscalation: return .verdictSuspicious
        case .falsePositive, .benign: return .verdictBenign
        case .undecided: return .muted
        }
    }
}
