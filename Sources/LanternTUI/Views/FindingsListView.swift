import LanternCore

/// The findings list: one row per finding, only the visible rows drawn.
public enum FindingsListView {
    /// The list's columns.
    public enum Column: Equatable, Sendable {
        case severity, time, type, account, subject, status, title
    }

    static func columns(width: Int) -> [PlacedColumn<Column>] {
        let wide = width >= 140
        return ColumnFitter.fit([
            ColumnSpec(Column.severity, "SEVERITY", width: 9, priority: 0),
            ColumnSpec(Column.time, "UPDATED", width: wide ? 16 : 11, priority: 4),
            ColumnSpec(Column.type, "TYPE", width: wide ? 40 : 28, priority: 2),
            ColumnSpec(Column.account, "ACCOUNT", width: 12, priority: 5),
            ColumnSpec(Column.subject, "PRINCIPAL/RESOURCE", width: wide ? 26 : 16, priority: 6),
            ColumnSpec(Column.status, "VERDICT", width: 9, priority: 3),
            ColumnSpec(Column.title, "TITLE", width: 24, priority: 1, flexible: true),
        ], x: 1, width: width - 2)
    }

    /// Draws the list into `rect`.
    public static func render(_ state: AppState, in rect: Rect, into screen: inout Screen) {
        let list = state.list
        if let frequency = list.frequency {
            FrequencyView.render(frequency, in: rect, into: &screen)
            return
        }
        let columns = columns(width: rect.width)
        let (headerRect, body) = rect.splitTop(1)
        for column in columns {
            var title = column.title
            if column.id == sortColumn(list.sort.column) { title += list.sort.descending ? "↓" : "↑" }
            screen.put(title, x: column.x, y: headerRect.y, maxWidth: column.width, role: .header)
        }
        switch list.status {
        case .loading:
            screen.put("loading findings…", x: body.x + 1, y: body.y, role: .muted)
            return
        case .failed(let message):
            screen.put("cannot read findings: \(message)", x: body.x + 1, y: body.y, maxWidth: body.width - 2, role: .error)
            return
        case .loaded(let count) where count == 0:
            emptyHelp(state, in: body, into: &screen)
            return
        case .loaded:
            break
        }
        if list.visible.isEmpty {
            screen.put("no findings match the filter  (/ to edit, Esc in the filter to restore)", x: body.x + 1, y: body.y,
                       maxWidth: body.width - 2, role: .muted)
            return
        }
        let end = min(list.visible.count, list.position.scroll + body.height)
        for (row, index) in (list.position.scroll..<end).enumerated() {
            let finding = list.findings[list.visible[index]]
            let y = body.y + row
            let selected = index == list.position.cursor
            if selected { screen.fill(Rect(x: body.x, y: y, width: body.width, height: 1), role: .selection) }
            for column in columns {
                var (text, role) = cell(column.id, finding, names: list.accountNames, verdict: list.verdicts[finding.id], time: state.timeText)
                if column.id == .time, column.width < 16 { text = String(text.dropFirst(5)) }
                screen.put(text, x: column.x, y: y, maxWidth: column.width, role: selected ? .selection : role)
            }
        }
    }

    static func sortColumn(_ column: FindingSort.Column) -> Column {
        switch column {
        case .severity: return .severity
        case .time: return .time
        case .type: return .type
        case .account: return .account
        case .principal: return .subject
        case .title: return .title
        case .status: return .status
        }
    }

    /// The text and role of one cell (pure; the presentation of a finding row).
    /// The verdict column shows the analyst's verdict once decided, else the finding's workflow status.
    public static func cell(
        _ column: Column, _ finding: Finding, names: [String: String], verdict: CaseVerdict?, time: TimeText
    ) -> (String, StyleRole) {
        switch column {
        case .severity: return (FindingRow.severityText(finding.severityLabel), FindingRow.role(severity: finding.severityLabel))
        case .time: return (FindingRow.time(finding, time), .muted)
        case .type: return (FindingRow.shortType(finding.type), .text)
        case .account: return (FindingRow.account(finding, names: names), .text)
        case .subject: return (FindingRow.subject(finding), .text)
        case .status:
            if let verdict, verdict != .undecided { return (verdict.shortLabel, verdict.role) }
            return (finding.status ?? "-", .muted)
        case .title: return (finding.title, .text)
        }
    }

    static func emptyHelp(_ state: AppState, in rect: Rect, into screen: inout Screen) {
        let lines = [
            ("No findings in \(state.databasePath).", StyleRole.title),
            ("", .text),
            ("Load some:      lantern ingest PATH…   (CloudTrail logs, Security Hub / GuardDuty findings)", .text),
            ("Or try the demo: lantern demo", .text),
        ]
        for (offset, line) in lines.enumerated() {
            screen.put(line.0, x: rect.x + 2, y: rect.y + 1 + offset, maxWidth: rect.width - 4, role: line.1)
        }
    }
}
