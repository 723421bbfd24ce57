import LanternCore

/// The finding view: summary on top, observables on the left, and for the
/// selected observable its reputation, ownership and activity.
public enum FindingView {
    /// Draws the view into `rect`.
    public static func render(_ view: FindingViewState, state: AppState, in rect: Rect, into screen: inout Screen) {
        let layout = FindingLayout(content: rect)
        summary(view.finding, names: state.list.accountNames, caseRecord: state.cases[view.findingID] ?? nil,
                time: state.timeText, in: layout.summary, into: &screen)
        screen.horizontalLine(x: rect.x, y: layout.summary.maxY, width: rect.width)
        observables(view, state: state, in: layout.observables, into: &screen)
        screen.verticalLine(x: layout.observables.maxX, y: layout.observables.y, height: layout.observables.height)
        let selected = view.selectedObservable
        let enrichment = selected.flatMap { state.enrichment[$0] }
        let answered = selected.map { state.enriched.contains($0) } ?? false
        ReputationPane.render(selected, enrichment: enrichment, answered: answered, in: layout.reputation, into: &screen)
        OwnershipPane.render(selected, enrichment: enrichment, cursor: view.focus == .ownership ? view.ownershipCursor : nil,
                             in: layout.ownership, into: &screen)
        switch layout.arrangement {
        case .sideBySide:
            screen.verticalLine(x: layout.ownership.x - 1, y: layout.ownership.y, height: layout.ownership.height)
            screen.verticalLine(x: layout.activity.x - 1, y: layout.activity.y, height: layout.activity.height)
        case .pairAbove:
            screen.verticalLine(x: layout.ownership.x - 1, y: layout.ownership.y, height: layout.ownership.height)
        case .stacked:
            break
        }
        let starred = Set((state.cases[view.findingID] ?? nil)?.evidence.compactMap { evidence -> String? in
            if case .event(let eventID) = evidence.item { return eventID }
            return nil
        } ?? [])
        ActivityPane.render(view, layout: layout, starred: starred, time: state.timeText, into: &screen)
    }

    static func summary(
        _ finding: Finding, names: [String: String], caseRecord: CaseRecord?, time: TimeText, in rect: Rect, into screen: inout Screen
    ) {
        var x = rect.x + 1
        x += screen.put(" \(finding.severityLabel) ", x: x, y: rect.y, role: FindingRow.role(severity: finding.severityLabel))
        if let verdict = caseRecord?.findings.first(where: { $0.findingID == finding.id })?.verdict, verdict != .undecided {
            x += screen.put(" " + verdict.shortLabel, x: x, y: rect.y, maxWidth: rect.maxX - x, role: verdict.role)
        }
        screen.put(" " + finding.title, x: x, y: rect.y, maxWidth: rect.maxX - x, role: .title)
        let account = finding.account.map { id in names[id].map { "\($0) (\(id))" } ?? id } ?? "-"
        let subject = finding.principal ?? finding.resourceId ?? "-"
        fields([("type", FindingRow.shortType(finding.type)), ("account", account), ("region", finding.region ?? "-"),
                ("principal", subject)], x: rect.x + 1, y: rect.y + 1, maxX: rect.maxX, into: &screen)
        guard rect.height >= 3 else { return }
        let caseText = caseRecord.map { record in
            let notes = record.notes.filter { $0.findingID == finding.id || $0.findingID == nil }.count
            return "\(record.id) · \(notes) note\(notes == 1 ? "" : "s") · \(record.evidence.count) starred"
        } ?? "none (v, e or * makes one)"
        fields([("seen", "\(time.minutes(finding.firstSeen ?? finding.created)) … \(time.minutes(finding.lastSeen ?? finding.updated))"),
                ("status", finding.status ?? "-"), ("case", caseText), ("product", finding.product),
                ("resource", [finding.resourceType, finding.resourceId].compactMap { $0 }.joined(separator: " "))],
               x: rect.x + 1, y: rect.y + 2, maxX: rect.maxX, into: &screen)
    }

    static func fields(_ pairs: [(String, String)], x start: Int, y: Int, maxX: Int, into screen: inout Screen) {
        var x = start
        for (label, value) in pairs where x < maxX - 4 {
            x += screen.put(label + " ", x: x, y: y, maxWidth: maxX - x, role: .muted)
            x += screen.put(value, x: x, y: y, maxWidth: min(maxX - x, 60), role: .text)
            x += 3
        }
    }

    static func observables(_ view: FindingViewState, state: AppState, in rect: Rect, into screen: inout Screen) {
        let (titleRect, body) = rect.splitTop(1)
        let count = view.rows.filter { $0.observable != nil }.count
        screen.put(" Observables" + (view.rows.isEmpty ? "" : " (\(count))"), x: titleRect.x, y: titleRect.y,
                   maxWidth: titleRect.width, role: view.focus == .observables ? .title : .muted)
        switch view.detail {
        case .loading:
            screen.put("loading…", x: body.x + 1, y: body.y, role: .muted)
            return
        case .failed(let message):
            screen.put(message, x: body.x + 1, y: body.y, maxWidth: body.width - 1, role: .error)
            return
        case .loaded:
            break
        }
        if view.rows.isEmpty { screen.put("none found in the record", x: body.x + 1, y: body.y, role: .muted) }
        let end = min(view.rows.count, view.observables.scroll + body.height)
        guard view.observables.scroll < end else { return }
        for (row, index) in (view.observables.scroll..<end).enumerated() {
            let y = body.y + row
            switch view.rows[index] {
            case .header(let kind, let count):
                screen.put("\(kind.label) (\(count))", x: body.x + 1, y: y, maxWidth: body.width - 1, role: .header)
            case .item(let observable):
                let selected = index == view.observables.cursor
                let role: StyleRole = selected ? (view.focus == .observables ? .selection : .selectionInactive) : .link
                if selected { screen.fill(Rect(x: body.x, y: y, width: body.width, height: 1), role: role) }
                let verdict: Verdict = state.enrichment[observable]?.verdict ?? .unknown
                screen.put(verdict.glyph, x: body.x + 1, y: y, role: selected ? role : verdict.role)
                screen.put(observable.value, x: body.x + 3, y: y, maxWidth: body.width - 3, role: role)
                if state.isStarred(.observable(observable), inCaseOf: view.findingID) {
                    screen.put("★", x: body.x, y: y, role: selected ? role : .warning)
                }
            }
        }
    }

    /// Draws a pane title as a rule with text: `─ Reputation ────`.
    static func paneTitle(_ title: String, in rect: Rect, into screen: inout Screen, role: StyleRole = .title) {
        screen.horizontalLine(x: rect.x, y: rect.y, width: rect.width)
        screen.put(" \(title) ", x: rect.x + 1, y: rect.y, maxWidth: rect.width - 2, role: role)
    }
}
