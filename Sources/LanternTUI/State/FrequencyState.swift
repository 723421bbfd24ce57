import LanternCore

/// A column the frequency view (`F`) groups the shown findings by.
public enum FrequencyColumn: String, CaseIterable, Sendable {
    case severity, type, account, principal, resource, region, product, status

    /// The header text.
    public var title: String { rawValue.uppercased() }

    /// The group a finding falls in.
    func key(of finding: Finding) -> String {
        switch self {
        case .severity: return FindingRow.severityText(finding.severityLabel)
        case .type: return finding.type
        case .account: return finding.account ?? ""
        case .principal: return finding.principal ?? ""
        case .resource: return finding.resourceId ?? ""
        case .region: return finding.region ?? ""
        case .product: return finding.product
        case .status: return finding.status ?? ""
        }
    }

    /// The filter term that keeps exactly the group `key`.
    func term(for key: String) -> String {
        switch self {
        case .severity:
            return "sev:" + (key == "INFO" ? "info" : key.lowercased())
        case .type, .account, .principal, .resource, .region, .product, .status:
            let value = key.replacingOccurrences(of: "\"", with: "")
            return "\"\(rawValue)=\(value)\""
        }
    }
}

/// One group of the frequency view.
public struct FrequencyGroup: Equatable, Sendable {
    /// The column value ("" when the findings have none).
    public var key: String
    public var count: Int
    /// The most severe finding's severity label in the group.
    public var worstSeverity: String
}

/// The frequency view over the findings list: the shown findings grouped
/// and counted by one column, most frequent first.
public struct FrequencyState: Equatable, Sendable {
    public var column: FrequencyColumn
    public var groups: [FrequencyGroup]
    public var position = ListPosition()
    /// How many findings were grouped.
    public var total: Int

    /// Groups `indices` of `findings` by `column`.
    public init(column: FrequencyColumn, findings: [Finding], indices: [Int]) {
        self.column = column
        var counts: [String: (count: Int, worst: Int, label: String, first: Int)] = [:]
        for (order, index) in indices.enumerated() {
            let finding = findings[index]
            let key = column.key(of: finding)
            var entry = counts[key] ?? (0, -1, finding.severityLabel, order)
            entry.count += 1
            if finding.severity > entry.worst { entry.worst = finding.severity; entry.label = finding.severityLabel }
            counts[key] = entry
        }
        groups = counts.sorted { a, b in
            if column == .severity { return a.value.worst > b.value.worst }
            return a.value.count != b.value.count ? a.value.count > b.value.count : a.key < b.key
        }.map { FrequencyGroup(key: $0.key, count: $0.value.count, worstSeverity: $0.value.label) }
        total = indices.count
    }

    /// The group under the cursor.
    public var selected: FrequencyGroup? {
        groups.indices.contains(position.cursor) ? groups[position.cursor] : nil
    }
}
