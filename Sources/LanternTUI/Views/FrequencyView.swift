import LanternCore

/// The frequency view: the shown findings grouped by one column, with a
/// count, a share bar and the most severe finding's severity per group.
enum FrequencyView {
    static let barWidth = 20

    static func render(_ frequency: FrequencyState, in rect: Rect, into screen: inout Screen) {
        let (headerRect, body) = rect.splitTop(1)
        let countX = rect.x + 1
        let barX = countX + 8
        let severityX = barX + barWidth + 2
        let valueX = severityX + 10
        screen.put("COUNT", x: countX, y: headerRect.y, role: .header)
        screen.put("SHARE", x: barX, y: headerRect.y, role: .header)
        screen.put("WORST", x: severityX, y: headerRect.y, role: .header)
        let title = "\(frequency.column.title) · \(frequency.groups.count) groups of \(frequency.total) findings  (Tab: next column)"
        screen.put(title, x: valueX, y: headerRect.y, maxWidth: rect.maxX - valueX, role: .header)
        guard !frequency.groups.isEmpty else {
            screen.put("no findings shown: nothing to count", x: body.x + 1, y: body.y, role: .muted)
            return
        }
        let most = frequency.groups.map(\.count).max() ?? 1
        let end = min(frequency.groups.count, frequency.position.scroll + body.height)
        for (row, index) in (frequency.position.scroll..<end).enumerated() {
            let group = frequency.groups[index]
            let y = body.y + row
            let selected = index == frequency.position.cursor
            if selected { screen.fill(Rect(x: body.x, y: y, width: body.width, height: 1), role: .selection) }
            let length = max(1, group.count * barWidth / max(1, most))
            screen.put(String(group.count), x: countX, y: y, role: selected ? .selection : .text)
            screen.put(String(repeating: "█", count: length), x: barX, y: y, role: .bar)
            screen.put(FindingRow.severityText(group.worstSeverity), x: severityX, y: y,
                       role: selected ? .selection : FindingRow.role(severity: group.worstSeverity))
            let value = group.key.isEmpty ? "(none)" : group.key
            screen.put(value, x: valueX, y: y, maxWidth: rect.maxX - valueX, role: selected ? .selection : (group.key.isEmpty ? .muted : .text))
        }
    }
}
