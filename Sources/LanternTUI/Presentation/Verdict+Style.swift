import LanternCore

/// How the core's intel verdicts are shown.
extension Verdict {
    /// The one-glyph mark shown beside an observable.
    public var glyph: String {
        switch self {
        case .malicious: return "●"
        case .suspicious: return "◐"
        case .benign: return "○"
        case .unknown: return "·"
        }
    }

    /// The style role for this verdict.
    public var role: StyleRole {
        switch self {
        case .malicious: return .verdictMalicious
        case .suspicious: return .verdictSuspicious
        case .benign: return .verdictBenign
        case .unknown: return .verdictUnknown
        }
    }
}
