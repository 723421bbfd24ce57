/// The semantic roles views draw with. Themes map each role to colours and
/// attributes; views never name a colour.
public enum StyleRole: String, CaseIterable, Sendable {
    case text
    case muted
    case title
    case header
    case border
    case selection
    case selectionInactive = "selection.inactive"
    case cursor
    case status
    case statusAccent = "status.accent"
    case breadcrumb
    case key
    case hint
    case input
    case error
    case warning
    case link
    case bar
    case overlay
    case severityCritical = "severity.critical"
    case severityHigh = "severity.high"
    case severityMedium = "severity.medium"
    case severityLow = "severity.low"
    case severityInformational = "severity.informational"
    case verdictMalicious = "verdict.malicious"
    case verdictSuspicious = "verdict.suspicious"
    case verdictBenign = "verdict.benign"
    case verdictUnknown = "verdict.unknown"

    /// The one-character code used in style snapshots.
    public var code: Character {
        switch self {
        case .text: return "."
        case .muted: return "m"
        case .title: return "T"
        case .header: return "H"
        case .border: return "b"
        case .selection: return "S"
        case .selectionInactive: return "s"
        case .cursor: return "C"
        case .status: return "="
        case .statusAccent: return "#"
        case .breadcrumb: return ">"
        case .key: return "K"
        case .hint: return "k"
        case .input: return "i"
        case .error: return "E"
        case .warning: return "W"
        case .link: return "L"
        case .bar: return "B"
        case .overlay: return "O"
        case .severityCritical: return "5"
        case .severityHigh: return "4"
        case .severityMedium: return "3"
        case .severityLow: return "2"
        case .severityInformational: return "1"
        case .verdictMalicious: return "X"
        case .verdictSuspicious: return "?"
        case .verdictBenign: return "o"
        case .verdictUnknown: return "u"
        }
    }

    /// What the role is for, as documented in `themes/README.md`.
    public var purpose: String {
        switch self {
        case .text: return "ordinary text; every role a theme leaves out falls back to it"
        case .muted: return "secondary text: labels, placeholders, \"no intel loaded\""
        case .title: return "pane titles and the finding title"
        case .header: return "table column headers"
        case .border: return "pane rules and separators"
        case .selection: return "the selected row in the focused pane"
        case .selectionInactive: return "the selected row in a pane without focus"
        case .cursor: return "the selected cell inside the selected row (activity table column)"
        case .status: return "the status bar"
        case .statusAccent: return "highlighted parts of the status bar (spinner, filter)"
        case .breadcrumb: return "the pivot trail on the top line"
        case .key: return "key names in the footer and help overlay"
        case .hint: return "the footer's descriptions"
        case .input: return "the filter and command input line"
        case .error: return "errors, and errorCode values in activity"
        case .warning: return "warnings and flash messages"
        case .link: return "values that can be pivoted on with Enter"
        case .bar: return "activity bars in profiles"
        case .overlay: return "the help overlay's body"
        case .severityCritical: return "CRITICAL findings"
        case .severityHigh: return "HIGH findings"
        case .severityMedium: return "MEDIUM findings"
        case .severityLow: return "LOW findings"
        case .severityInformational: return "INFORMATIONAL findings"
        case .verdictMalicious: return "an intel source calls the value malicious"
        case .verdictSuspicious: return "an intel source calls the value suspicious"
        case .verdictBenign: return "known-benign context (AWS ranges, warninglists)"
        case .verdictUnknown: return "no verdict"
        }
    }
}
