import LanternCore

/// The opt-in mouse (`tui.mouse = true`): a click selects the row under it
/// (and focuses its pane), the wheel scrolls the active view. The layout
/// is the one the views draw with, so a click lands where it points.
extension AppState {
    mutating func mouse(_ event: MouseEvent) -> [Effect] {
        switch event.kind {
        case .wheelUp: return move(by: -3)
        case .wheelDown: return move(by: 3)
        case .click: return click(x: event.x, y: event.y)
        }
    }

    private mutating func click(x: Int, y: Int) -> [Effect] {
        guard !showHelp else { return [] }
        let content = layout.content
        switch top {
        case nil:
            let row = y - (content.y + 1)
            guard row >= 0, row < content.height - 1 else { return [] }
            if let frequency = list.frequency {
                return moveFrequency(to: frequency.position.scroll + row)
            }
            let index = list.position.scroll + row
            guard list.visible.indices.contains(index) else { return [] }
            return move(by: index - list.position.cursor)
        case .finding(let state)?:
            return clickFinding(state, x: x, y: y)
        case .profile(let state)?:
            let body = content.splitTop(1).rest
            let index = state.position.scroll + (y - body.y)
            let lines = profileLines(state)
            guard y >= body.y, lines.indices.contains(index), lines[index].target != nil else { return [] }
            return moveCursor(to: index)
        case .event(let state)?:
            let body = content.splitTop(1).rest
            let index = state.position.scroll + (y - body.y)
            guard y >= body.y, (state.lines.value ?? []).indices.contains(index) else { return [] }
            return moveCursor(to: index)
        }
    }

    private mutating func clickFinding(_ state: FindingViewState, x: Int, y: Int) -> [Effect] {
        let layout = findingLayout
        func inside(_ rect: Rect) -> Bool { x >= rect.x && x < rect.maxX && y >= rect.y && y < rect.maxY }
        if inside(layout.observables) {
            let body = layout.observables.splitTop(1).rest
            let index = state.observables.scroll + (y - body.y)
            guard y >= body.y, state.rows.indices.contains(index), state.rows[index].observable != nil else { return [] }
            withFinding { $0.focus = .observables }
            return moveCursor(to: index)
        }
        if inside(layout.ownership) {
            let body = layout.ownership.splitTop(1).rest
            let index = y - body.y
            let facts = ownershipFacts(state)
            guard facts.indices.contains(index), facts[index].pivot != nil else { return [] }
            withFinding { $0.focus = .ownership }
            return moveCursor(to: index)
        }
        let table = layout.activityParts.table
        if inside(table) {
            let index = state.events.scroll + (y - (table.y + 1))
            guard y > table.y, (state.activity?.value?.events ?? []).indices.contains(index) else { return [] }
            let column = ActivityPane.columns(width: table.width - 1, x: table.x + 1).first { x >= $0.x && x < $0.x + $0.width }
            withFinding { finding in
                finding.focus = .activity
                if let column { finding.column = column.id }
            }
            return moveCursor(to: index)
        }
        return []
    }

    private mutating func moveFrequency(to index: Int) -> [Effect] {
        guard let frequency = list.frequency, frequency.groups.indices.contains(index) else { return [] }
        moveFrequency(by: index - frequency.position.cursor)
        return []
    }
}
