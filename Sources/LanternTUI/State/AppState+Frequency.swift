import LanternCore

/// `F` on the findings list: group and count the shown findings by a
/// column; `Enter` narrows the filter to the group under the cursor.
extension AppState {
    /// Opens the frequency view (or closes it when open), grouping by the
    /// list's sort column (type when sorted by severity or time).
    mutating func openFrequency() {
        guard top == nil else {
            flash = Flash("F groups the findings list; Esc goes back to it")
            return
        }
        if list.frequency != nil {
            list.frequency = nil
            return
        }
        let column: FrequencyColumn
        switch list.sort.column {
        case .account: column = .account
        case .principal: column = .principal
        case .status: column = .status
        case .severity, .time, .type, .title: column = .type
        }
        regroup(by: column)
    }

    /// Groups by `column`, keeping the view open.
    mutating func regroup(by column: FrequencyColumn) {
        list.frequency = FrequencyState(column: column, findings: list.findings, indices: list.visible)
    }

    /// The next (or previous) column.
    mutating func cycleFrequencyColumn(by delta: Int) {
        guard let current = list.frequency?.column else { return }
        let all = FrequencyColumn.allCases
        let index = ((all.firstIndex(of: current) ?? 0) + delta + all.count) % all.count
        regroup(by: all[index])
    }

    /// Moves the frequency cursor.
    mutating func moveFrequency(by delta: Int) {
        let rows = listRows
        guard var frequency = list.frequency else { return }
        frequency.position.move(by: delta, count: frequency.groups.count, height: rows)
        list.frequency = frequency
    }

    /// Adds the selected group's term to the filter and shows the list.
    mutating func filterToFrequencyGroup() -> [Effect] {
        guard let frequency = list.frequency, let group = frequency.selected else { return [] }
        list.frequency = nil
        let term = frequency.column.term(for: group.key)
        let text = list.filterText.trimmingWhitespace.isEmpty ? term : list.filterText.trimmingWhitespace + " " + term
        let effects = setFilter(text)
        list.position.set(0, count: list.visible.count, height: listRows)
        return effects
    }
}
