import LanternCore

/// `/` search in the finding, profile and event views, and `n`/`N`
/// (which repeat the last search in whatever view is active, the findings
/// list included).
extension AppState {
    /// Edits the search line; the cursor jumps to the first match as you type.
    mutating func editSearch(_ key: Key, text: String) -> [Effect] {
        switch LineEditor.apply(key, to: text) {
        case .submit(let query):
            mode = .normal
            search = query.isEmpty ? search : query
        case .cancel:
            mode = .normal
        case .edited(let newText):
            mode = .search(text: newText)
            guard !newText.isEmpty else { return [] }
            search = newText
            return findMatch(forward: true, includingCurrent: true)
        case .other:
            break
        }
        return []
    }

    /// Moves the cursor to the next (or previous) row of the active view
    /// containing the last search text, wrapping around.
    mutating func findMatch(forward: Bool, includingCurrent: Bool) -> [Effect] {
        guard let needle = search?.lowercased(), !needle.isEmpty else {
            flash = Flash("no search yet: / searches the finding, profile and event views")
            return []
        }
        let (texts, current) = searchableRows()
        guard !texts.isEmpty else { return [] }
        let count = texts.count
        let start = includingCurrent ? 0 : 1
        for step in start...count {
            let index = ((current + (forward ? step : -step)) % count + count) % count
            if let text = texts[index], text.contains(needle) {
                if !includingCurrent && (forward ? index <= current : index >= current) {
                    flash = Flash("search wrapped: \(search ?? "")")
                }
                return moveCursor(to: index)
            }
        }
        flash = Flash("not found: \(search ?? "")", isError: true)
        return []
    }

    /// The active view's rows as searchable text (nil: not a stop for the
    /// cursor) and the cursor's row. The list searches the haystacks its
    /// filter uses.
    func searchableRows() -> ([SearchText?], Int) {
        switch top {
        case nil:
            return (list.visible.map { list.haystacks[$0] }, list.position.cursor)
        case .finding(let state)?:
            switch state.focus {
            case .observables:
                return (state.rows.map { $0.observable.map { SearchText($0.value) } }, state.observables.cursor)
            case .ownership:
                return (ownershipFacts(state).map { $0.pivot == nil ? nil : SearchText($0.label + " " + $0.value) },
                        state.ownershipCursor)
            case .activity:
                let events = state.activity?.value?.events ?? []
                return (events.map(AppState.searchText), state.events.cursor)
            }
        case .profile(let state)?:
            return (profileLines(state).map { $0.target == nil ? nil : SearchText($0.text) }, state.position.cursor)
        case .event(let state)?:
            return ((state.lines.value ?? []).map { SearchText($0.text) }, state.position.cursor)
        }
    }

    static func searchText(_ event: StoredEvent) -> SearchText {
        SearchText([Timestamp.string(milliseconds: event.time), event.eventSource, event.eventName, event.sourceIPAddress,
                    event.userAgent, event.errorCode, event.arn].compactMap { $0 }.joined(separator: " "))
    }

    /// Puts the active view's cursor on row `index`.
    mutating func moveCursor(to index: Int) -> [Effect] {
        switch top {
        case nil:
            list.position.set(index, count: list.visible.count, height: listRows)
        case .finding?:
            let layout = findingLayout
            return withFinding { state -> [Effect] in
                switch state.focus {
                case .observables:
                    let before = state.observables.cursor
                    state.observables.set(index, count: state.rows.count, height: layout.observableRows)
                    return before == state.observables.cursor ? [] : AppState.activityEffects(for: &state)
                case .ownership:
                    state.ownershipCursor = index
                    return []
                case .activity:
                    state.events.set(index, count: state.activity?.value?.events.count ?? 0, height: layout.eventRows)
                    return []
                }
            } ?? []
        case .profile(let profile)?:
            let rows = documentRows
            let count = profileLines(profile).count
            withProfile { state in state.position.set(index, count: count, height: rows) }
        case .event?:
            let rows = documentRows
            withEvent { state in state.position.set(index, count: state.lines.value?.count ?? 0, height: rows) }
        }
        return []
    }
}
