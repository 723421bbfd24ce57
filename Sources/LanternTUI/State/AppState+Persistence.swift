import LanternCore

/// What the TUI remembers between runs (``UIState``, saved by the launcher):
/// the list's filter and sort, the frequency view's column, the `:` history
/// and the observables recently pivoted to.
extension AppState {
    /// The effects to run at start: the findings, and the observable terms
    /// of a restored filter.
    public var startEffects: [Effect] {
        AppState.initialEffects + list.filter.observables.map(Effect.resolveFilterTerm)
    }

    /// Takes over what `saved` remembers. Values that no longer parse are dropped.
    public mutating func restore(_ saved: UIState) {
        if let filter = saved.filters["findings"] { _ = setFilter(filter) }
        if let sort = saved.sorts["findings"], let column = FindingSort.Column(rawValue: sort.column) {
            list.sort = FindingSort(column: column, descending: sort.descending)
        }
        commandHistory = saved.commandHistory
        recentObservables = saved.recentObservables.compactMap { recent in
            Observable.Kind(rawValue: recent.kind).flatMap { Observable(kind: $0, recent.value) }
        }
    }

    /// `saved` updated with this session's filter, sort, history and recent observables.
    public func remembered(into saved: UIState) -> UIState {
        var state = saved
        state.filters["findings"] = list.filterText.isEmpty ? nil : list.filterText
        state.sorts["findings"] = UIState.Sort(column: list.sort.column.rawValue, descending: list.sort.descending)
        state.commandHistory = []
        for command in commandHistory { state.remember(command: command) }
        for observable in recentObservables.reversed() {
            state.remember(observable: UIState.RecentObservable(kind: observable.kind.rawValue, value: observable.value))
        }
        return state
    }

    /// Puts `observable` first among the recent ones.
    mutating func rememberRecent(_ observable: Observable) {
        recentObservables.removeAll { $0 == observable }
        recentObservables.insert(observable, at: 0)
        if recentObservables.count > UIState.recentObservableLimit { recentObservables.removeLast() }
    }
}
