import LanternCore

extension AppState {
    /// Runs a named command in the active view.
    mutating func perform(_ command: Command) -> [Effect] {
        switch command {
        case .quit:
            shouldQuit = true
        case .help:
            showHelp = true
            helpScroll = 0
        case .closeHelp:
            showHelp = false
        case .commandLine:
            mode = .command(text: "")
            historyIndex = nil
        case .filter:
            list.frequency = nil
            guard top == nil else {
                flash = Flash("/ filters the findings list; Esc goes back to it")
                return []
            }
            mode = .filter(text: list.filterText, previous: list.filterText)
        case .back:
            goBack()
        case .moveDown: return move(by: 1)
        case .moveUp: return move(by: -1)
        case .pageDown: return move(by: pageSize)
        case .pageUp: return move(by: -pageSize)
        case .top: return move(by: Int.min / 2)
        case .bottom: return move(by: Int.max / 2)
        case .open:
            return open()
        case .nextPane where top == nil, .previousPane where top == nil:
            cycleFrequencyColumn(by: command == .nextPane ? 1 : -1)
        case .nextPane, .previousPane:
            cyclePane(forward: command == .nextPane)
        case .columnLeft, .columnRight:
            let delta = command == .columnLeft ? -1 : 1
            withFinding { state in
                state.focus = .activity
                let next = state.column.rawValue + delta
                state.column = ActivityColumn(rawValue: min(max(0, next), ActivityColumn.allCases.count - 1)) ?? state.column
            }
        case .sort, .reverseSort:
            guard top == nil else { return [] }
            list.sort = command == .sort ? list.sort.next : FindingSort(column: list.sort.column, descending: !list.sort.descending)
            refreshVisible(keeping: list.selected?.id)
            flash = Flash("sorted by \(list.sort.column.rawValue) \(list.sort.descending ? "↓" : "↑")")
        case .narrowWindow, .widenWindow:
            let factor = command == .narrowWindow ? 0.5 : 2.0
            return withFinding { state -> [Effect] in
                guard let window = state.window else { return [] }
                state.window = window.scaled(by: factor)
                return AppState.activityEffects(for: &state)
            } ?? []
        case .copy:
            guard let value = valueUnderCursor() else {
                flash = Flash("nothing to copy here")
                return []
            }
            clipboardRequest = value
            flash = Flash("copied \(value)")
            return []
        case .verdict, .note, .star, .export:
            return performCase(command)
        case .frequency:
            openFrequency()
        case .fetchLive:
            return toggleLiveFetch()
        case .refresh:
            return refresh()
        case .search:
            mode = .search(text: "")
        case .nextMatch, .previousMatch:
            return findMatch(forward: command == .nextMatch, includingCurrent: false)
        case .nextQuery where top.map({ if case .profile = $0 { return true } else { return false } }) == true:
            let current = self
            return withProfile { state -> [Effect] in
                let before = current.profileLines(state)
                let all = IRQuery.allCases
                let next = state.query.map { all[((all.firstIndex(of: $0) ?? 0) + 1) % all.count] } ?? .all
                state.query = next
                state.queryActivity = .loading
                state.position.cursor = AppState.cursor(keeping: state.position.cursor, from: before, in: current.profileLines(state))
                return [.loadProfileQuery(view: state.id, state.observable, next)]
            } ?? []
        case .nextQuery:
            return withFinding { state -> [Effect] in
                let all = IRQuery.allCases
                state.query = all[((all.firstIndex(of: state.query) ?? 0) + 1) % all.count]
                return AppState.activityEffects(for: &state)
            } ?? []
        }
        return []
    }

    var pageSize: Int {
        switch top {
        case nil: return listRows
        case .finding(let state)?:
            switch state.focus {
            case .observables: return findingLayout.observableRows
            case .ownership: return max(1, findingLayout.ownership.height - 1)
            case .activity: return findingLayout.eventRows
            }
        case .profile?, .event?: return documentRows
        }
    }

    // MARK: - Moving

    mutating func move(by delta: Int) -> [Effect] {
        if showHelp {
            helpScroll = max(0, min(helpScroll + (delta > 1000 || delta < -1000 ? delta.signum() * 10_000 : delta),
                                    max(0, HelpOverlay.lines(for: self).count - 1)))
            return []
        }
        switch top {
        case nil:
            if list.frequency != nil { moveFrequency(by: delta); return [] }
            list.position.move(by: delta, count: list.visible.count, height: listRows)
            return []
        case .finding(let current)?:
            let layout = findingLayout
            let pivots = ownershipPivots(current)
            return withFinding { state -> [Effect] in
                switch state.focus {
                case .observables:
                    let before = state.observables.cursor
                    state.observables.cursor = AppState.nextItem(in: state.rows, from: before, by: delta)
                    state.observables.reveal(count: state.rows.count, height: layout.observableRows)
                    if state.observables.cursor == 1, state.rows.first.map({ $0.observable == nil }) == true {
                        state.observables.scroll = 0
                    }
                    return before == state.observables.cursor ? [] : AppState.activityEffects(for: &state)
                case .ownership:
                    let position = pivots.firstIndex(of: state.ownershipCursor) ?? 0
                    if !pivots.isEmpty { state.ownershipCursor = pivots[min(max(0, position + delta), pivots.count - 1)] }
                    return []
                case .activity:
                    state.events.move(by: delta, count: state.activity?.value?.events.count ?? 0, height: layout.eventRows)
                    return []
                }
            } ?? []
        case .profile(let profile)?:
            let lines = profileLines(profile)
            let rows = documentRows
            withProfile { state in
                state.position.cursor = AppState.nextTarget(in: lines, from: state.position.cursor, by: delta)
                state.position.reveal(count: lines.count, height: rows)
            }
            return []
        case .event?:
            let rows = documentRows
            withEvent { state in state.position.move(by: delta, count: state.lines.value?.count ?? 0, height: rows) }
            return []
        }
    }

    /// The index of the item row `delta` items away from `index` (headers skipped).
    static func nextItem(in rows: [ObservableRow], from index: Int, by delta: Int) -> Int {
        let items = rows.indices.filter { rows[$0].observable != nil }
        guard !items.isEmpty else { return 0 }
        let position = items.firstIndex(where: { $0 >= index }) ?? items.count - 1
        let target = min(max(0, position + max(-items.count, min(items.count, delta))), items.count - 1)
        return items[target]
    }

    /// The index of the line with a target `delta` targets away from `index`.
    static func nextTarget(in lines: [DocumentLine], from index: Int, by delta: Int) -> Int {
        let targets = lines.indices.filter { lines[$0].target != nil }
        guard !targets.isEmpty else { return 0 }
        let position: Int
        if let exact = targets.firstIndex(of: index) {
            position = exact
        } else {
            position = delta > 0 ? (targets.lastIndex(where: { $0 < index }) ?? -1) : (targets.firstIndex(where: { $0 > index }) ?? targets.count)
        }
        let clamped = max(-targets.count, min(targets.count, delta))
        return targets[min(max(0, position + clamped), targets.count - 1)]
    }

    // MARK: - Opening and pivoting

    /// The value the cursor is on: a finding Id, an observable, a table cell.
    func valueUnderCursor() -> String? {
        switch top {
        case nil:
            return list.selected?.id
        case .finding(let state)?:
            switch state.focus {
            case .observables:
                return state.selectedObservable?.value
            case .ownership:
                return selectedOwnership(state).map { $0.pivot?.value ?? $0.value }
            case .activity:
                guard let events = state.activity?.value?.events, events.indices.contains(state.events.cursor) else { return nil }
                let event = events[state.events.cursor]
                switch state.column {
                case .time: return Timestamp.string(milliseconds: event.time)
                case .source: return event.eventSource
                case .name: return event.eventName
                case .ip: return event.sourceIPAddress
                case .userAgent: return event.userAgent
                case .error: return event.errorCode
                }
            }
        case .profile(let state)?:
            let lines = profileLines(state)
            guard lines.indices.contains(state.position.cursor) else { return state.observable.value }
            return lines[state.position.cursor].target?.copyText ?? state.observable.value
        case .event(let state)?:
            guard let lines = state.lines.value, lines.indices.contains(state.position.cursor) else { return nil }
            return lines[state.position.cursor].target?.copyText
        }
    }

    mutating func open() -> [Effect] {
        switch top {
        case nil:
            if list.frequency != nil { return filterToFrequencyGroup() }
            guard let finding = list.selected else { return [] }
            return openFinding(finding)
        case .finding(let state)?:
            switch state.focus {
            case .observables:
                guard let observable = state.selectedObservable else { return [] }
                return pivot(to: observable)
            case .ownership:
                guard let observable = selectedOwnership(state)?.pivot else { return [] }
                return pivot(to: observable)
            case .activity:
                guard let events = state.activity?.value?.events, events.indices.contains(state.events.cursor) else { return [] }
                let event = events[state.events.cursor]
                switch state.column {
                case .ip:
                    if let ip = event.sourceIPAddress, let observable = Observable(detecting: ip) { return pivot(to: observable) }
                case .userAgent:
                    if let agent = event.userAgent, let observable = Observable(kind: .userAgent, agent) {
                        return pivot(to: observable)
                    }
                case .time, .source, .name, .error:
                    break
                }
                return openEvent(event)
            }
        case .profile(let state)?:
            let lines = profileLines(state)
            guard lines.indices.contains(state.position.cursor), let target = lines[state.position.cursor].target else { return [] }
            return open(target, profile: state.data.value)
        case .event(let state)?:
            guard let lines = state.lines.value, lines.indices.contains(state.position.cursor),
                  let target = lines[state.position.cursor].target
            else {
                flash = Flash("nothing to pivot on this line")
                return []
            }
            return open(target, profile: nil)
        }
    }

    mutating func open(_ target: PivotTarget, profile: ProfileData?) -> [Effect] {
        switch target {
        case .observable(let observable):
            return pivot(to: observable)
        case .event(let event):
            return openEvent(event)
        case .finding(let id):
            guard let finding = list.findings.first(where: { $0.id == id })
                ?? profile?.profile.findings.first(where: { $0.id == id })
            else { return [] }
            return openFinding(finding)
        }
    }

    mutating func openFinding(_ finding: Finding) -> [Effect] {
        let id = allocateViewID()
        let window = TimeWindow.around(finding, margin: 0).map {
            TimeWindow(from: $0.from - windowBefore, to: $0.to + windowAfter)
        }
        stack.append(.finding(FindingViewState(id: id, summary: finding, window: window)))
        return [.loadFinding(view: id, id: finding.id)] + (cases.keys.contains(finding.id) ? [] : [.loadCase(findingID: finding.id)])
    }

    /// Opens the profile of `observable` on top of the current view.
    mutating func pivot(to observable: Observable) -> [Effect] {
        rememberRecent(observable)
        let id = allocateViewID()
        stack.append(.profile(ProfileViewState(id: id, observable: observable)))
        var effects: [Effect] = [.loadProfile(view: id, observable)]
        if !enriched.contains(observable) { effects.append(.enrich([observable])) }
        return effects
    }

    mutating func openEvent(_ event: StoredEvent) -> [Effect] {
        let id = allocateViewID()
        stack.append(.event(EventViewState(id: id, event: event)))
        return [.loadRawRecord(view: id, event)]
    }

    /// Returns to the previous view exactly as it was.
    mutating func goBack() {
        if stack.isEmpty, list.frequency != nil {
            list.frequency = nil
        } else if stack.isEmpty {
            flash = Flash("this is the findings list; q quits")
        } else {
            stack.removeLast()
        }
    }

    // MARK: - Activity

    /// Asks for the activity of the selected observable when the request changed.
    static func activityEffects(for state: inout FindingViewState) -> [Effect] {
        guard let observable = state.selectedObservable, let window = state.window else {
            state.activityRequest = nil
            state.activity = nil
            return []
        }
        let request = ActivityRequest(observable: observable, window: window, query: state.query)
        guard request != state.activityRequest else { return [] }
        state.activityRequest = request
        state.activity = .loading
        return [.loadActivity(view: state.id, request)]
    }

    /// Sets the activity window of the finding on top (and the default for
    /// findings opened later) to first seen − `before` … last seen + `after`.
    mutating func setWindow(before: Int64, after: Int64) -> [Effect] {
        windowBefore = before
        windowAfter = after
        return withFinding { state -> [Effect] in
            guard let core = TimeWindow.around(state.finding, margin: 0) else { return [] }
            state.window = TimeWindow(from: core.from - before, to: core.to + after)
            return AppState.activityEffects(for: &state)
        } ?? []
    }
}
