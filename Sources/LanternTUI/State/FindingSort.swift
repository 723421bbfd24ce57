import LanternCore

/// The column the findings list is sorted by, and the direction.
public struct FindingSort: Equatable, Sendable {
    /// Sortable columns, in the order `s` cycles through them.
    public enum Column: String, CaseIterable, Sendable {
        case severity, time, type, account, principal, title, status
    }

    public var column: Column
    public var descending: Bool

    /// Makes a sort.
    public init(column: Column = .severity, descending: Bool = true) {
        self.column = column
        self.descending = descending
    }

    /// The next column (most-severe / newest / A–Z first).
    public var next: FindingSort {
        let all = Column.allCases
        let index = all.firstIndex(of: column).map { ($0 + 1) % all.count } ?? 0
        let nextColumn = all[index]
        return FindingSort(column: nextColumn, descending: nextColumn == .severity || nextColumn == .time)
    }

    /// `indices` of `findings` in this order (ties keep severity, then time, then load order).
    public func sorted(_ indices: [Int], of findings: [Finding], accountNames: [String: String]) -> [Int] {
        func key(_ finding: Finding) -> String {
            switch column {
            case .severity: return ""
            case .time: return finding.updated ?? finding.created ?? ""
            case .type: return finding.type.lowercased()
            case .account: return (finding.account.flatMap { accountNames[$0] } ?? finding.account ?? "").lowercased()
            case .principal: return (finding.principal ?? finding.resourceId ?? "").lowercased()
            case .title: return finding.title.lowercased()
            case .status: return (finding.status ?? "").lowercased()
            }
        }
        let keys = indices.map { index -> (String, Int, Int) in
            let finding = findings[index]
            return (key(finding), finding.severity, index)
        }
        return keys.sorted { a, b in
            if column == .severity {
                if a.1 != b.1 { return descending ? a.1 > b.1 : a.1 < b.1 }
                return a.2 < b.2
            }
            if a.0 != b.0 { return descending ? a.0 > b.0 : a.0 < b.0 }
            if a.1 != b.1 { return a.1 > b.1 }
            return a.2 < b.2
        }.map(\.2)
    }
}
