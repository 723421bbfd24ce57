import LanternCore

/// The findings list: everything loaded, and what the filter and sort show.
public struct FindingsListState: Sendable {
    public var findings: [Finding] = []
    /// Lower-cased searchable text per finding (same order as `findings`).
    public var haystacks: [SearchText] = []
    public var accountNames: [String: String] = [:]
    /// The analyst's latest verdict per decided finding.
    public var verdicts: [String: CaseVerdict] = [:]
    public var status: Loadable<Int> = .loading
    /// Indices into `findings` that pass the filter, in sort order.
    public var visible: [Int] = []
    public var position = ListPosition()
    public var filterText = ""
    public var filter = FindingFilter()
    public var filterError: String?
    public var sort = FindingSort()
    /// Every finding's index in `sort` order (the sort it was made for in `sortedBy`).
    var sortedOrder: [Int] = []
    var sortedBy: FindingSort?
    /// The frequency view (`F`) when it is open.
    public var frequency: FrequencyState?
    /// Per observable filter term: the findings naming it.
    public var termMatches: [Observable: Set<String>] = [:]

    /// Makes an empty list.
    public init() {}

    /// The finding under the cursor.
    public var selected: Finding? {
        visible.indices.contains(position.cursor) ? findings[visible[position.cursor]] : nil
    }
}
