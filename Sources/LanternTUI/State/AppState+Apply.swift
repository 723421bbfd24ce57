import LanternCore

extension AppState {
    /// Applies `action` and returns the effects to run. Pure: no I/O, no clock.
    public mutating func apply(_ action: Action) -> [Effect] {
        if action.isEffectResult { pendingEffects = max(0, pendingEffects - 1) }
        let effects = reduce(action)
        pendingEffects += effects.count
        return effects
    }

    mutating func reduce(_ action: Action) -> [Effect] {
        switch action {
        case .key(let key):
            return handle(key)
        case .command(let command):
            return perform(command)
        case .resized(let newWidth, let newHeight):
            width = max(1, newWidth)
            height = max(1, newHeight)
            revealAll()
            return []
        case .tick:
            spinnerFrame += 1
            return []
        case .findingsLoaded(let result):
            return findingsLoaded(result)
        case .eventsCounted(let result):
            // A failed count leaves the status line without one; the list says what failed.
            eventCount = try? result.get()
            return []
        case .findingLoaded(let view, let result):
            return findingLoaded(view: view, result)
        case .activityLoaded(let view, let request, let result):
            activityLoaded(view: view, request: request, result)
            return []
        case .profileLoaded(let view, let result):
            let current = self
            withProfile(view) { state in
                switch result {
                case .success(let data):
                    state.data = .loaded(data)
                    let lines = current.profileLines(state)
                    state.position.cursor = AppState.nextTarget(in: lines, from: 0, by: 0)
                case .failure(let error):
                    state.data = .failed(error.message)
                }
            }
            revealAll()
            return []
        case .rawRecordLoaded(let view, let result):
            withEvent(view) { state in
                switch result {
                case .success(let text): state.lines = .loaded(EventDocument.lines(json: text))
                case .failure(let error): state.lines = .failed(error.message)
                }
            }
            return []
        case .enriched(let asked, let found):
            enriched.formUnion(asked)
            let before = enrichment
            enrichment.merge(found) { _, new in new }
            keepProfileCursors(enrichedBefore: before)
            return []
        case .filterTermResolved(let observable, let ids):
            list.termMatches[observable] = ids
            refreshVisible(keeping: list.selected?.id)
            return []
        case .caseLoaded(let findingID, let result):
            caseLoaded(findingID: findingID, result)
            return []
        case .caseWritten(let findingID, let write, let result):
            caseWritten(findingID: findingID, write, result)
            return []
        case .profileQueryLoaded(let view, let query, let result):
            let current = self
            withProfile(view) { state in
                guard state.query == query else { return }
                let before = current.profileLines(state)
                switch result {
                case .success(let activity): state.queryActivity = .loaded(activity)
                case .failure(let error): state.queryActivity = .failed(error.message)
                }
                let after = current.profileLines(state)
                state.position.cursor = AppState.cursor(keeping: state.position.cursor, from: before, in: after)
                state.position.reveal(count: after.count, height: current.documentRows)
            }
            return []
        case .liveProgress(let progress):
            liveProgressed(progress)
            return []
        case .liveFinished(let view, let result):
            return liveFinished(view: view, result)
        case .superseded:
            return []
        }
    }

    /// Dispatches a key: to the input line when editing, else through the key tables.
    mutating func handle(_ key: Key) -> [Effect] {
        flash = nil
        switch key {
        case .resize:
            return []
        case .ctrlC:
            shouldQuit = true
            return []
        case .mouse(let event):
            guard mode == .normal else { return [] }
            return mouse(event)
        case .character, .up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .escape, .backspace,
             .delete, .tab, .backTab, .function:
            break
        }
        switch mode {
        case .filter(let text, let previous):
            return editFilter(key, text: text, previous: previous)
        case .command(let text):
            return editCommand(key, text: text)
        case .verdict(let findingID):
            return pickVerdict(key, findingID: findingID)
        case .note(let findingID, let text):
            return editNote(key, findingID: findingID, text: text)
        case .search(let text):
            return editSearch(key, text: text)
        case .normal:
            break
        }
        if let command = activeKeyTable.command(for: key) {
            return perform(command)
        }
        if !showHelp, let command = globalKeyTable.command(for: key) {
            return perform(command)
        }
        return []
    }

    // MARK: - Heights the views use

    var layout: AppLayout { AppLayout(width: width, height: height) }
    var listRows: Int { max(1, layout.content.height - 1) }
    var findingLayout: FindingLayout { FindingLayout(content: layout.content) }
    var documentRows: Int { max(1, layout.content.height - 1) }

    /// Keeps each profile's cursor on the value it was on when enrichment
    /// arriving later adds or reorders the profile's lines.
    mutating func keepProfileCursors(enrichedBefore before: [Observable: EnrichmentSummary]) {
        let rows = documentRows
        for index in stack.indices {
            guard case .profile(var state) = stack[index], state.data.value != nil else { continue }
            let old = profileLines(state, enrichment: before[state.observable])
            let new = profileLines(state)
            guard old != new else { continue }
            state.position.cursor = AppState.cursor(keeping: state.position.cursor, from: old, in: new)
            state.position.reveal(count: new.count, height: rows)
            stack[index] = .profile(state)
        }
    }

    /// Where the cursor at `cursor` in `old` lines goes in `new` ones: the
    /// same target (its same occurrence), else the first target.
    static func cursor(keeping cursor: Int, from old: [DocumentLine], in new: [DocumentLine]) -> Int {
        let target = old.indices.contains(cursor) ? old[cursor].target : nil
        let occurrence = old[..<min(cursor, old.count)].filter { $0.target != nil && $0.target == target }.count
        let matches = new.indices.filter { target != nil && new[$0].target == target }
        return matches.indices.contains(occurrence) ? matches[occurrence] : matches.first ?? nextTarget(in: new, from: 0, by: 0)
    }

    /// Keeps every cursor visible after a resize or a load.
    mutating func revealAll() {
        list.position.reveal(count: list.visible.count, height: listRows)
        let findingLayout = self.findingLayout
        let rows = documentRows
        for index in stack.indices {
            switch stack[index] {
            case .finding(var state):
                state.observables.reveal(count: state.rows.count, height: findingLayout.observableRows)
                state.events.reveal(count: state.activity?.value?.events.count ?? 0, height: findingLayout.eventRows)
                stack[index] = .finding(state)
            case .profile(var state):
                let count = profileLines(state).count
                state.position.reveal(count: count, height: rows)
                stack[index] = .profile(state)
            case .event(var state):
                state.position.reveal(count: state.lines.value?.count ?? 0, height: rows)
                stack[index] = .event(state)
            }
        }
    }

    // MARK: - Views on the stack

    mutating func allocateViewID() -> Int {
        defer { nextViewID += 1 }
        return nextViewID
    }

    @discardableResult
    mutating func withFinding<Result>(_ id: Int? = nil, _ body: (inout FindingViewState) -> Result) -> Result? {
        guard let index = stackIndex(id), case .finding(var state) = stack[index] else { return nil }
        let result = body(&state)
        stack[index] = .finding(state)
        return result
    }

    @discardableResult
    mutating func withProfile<Result>(_ id: Int? = nil, _ body: (inout ProfileViewState) -> Result) -> Result? {
        guard let index = stackIndex(id), case .profile(var state) = stack[index] else { return nil }
        let result = body(&state)
        stack[index] = .profile(state)
        return result
    }

    @discardableResult
    mutating func withEvent<Result>(_ id: Int? = nil, _ body: (inout EventViewState) -> Result) -> Result? {
        guard let index = stackIndex(id), case .event(var state) = stack[index] else { return nil }
        let result = body(&state)
        stack[index] = .event(state)
        return result
    }

    private func stackIndex(_ id: Int?) -> Int? {
        guard let id else { return stack.isEmpty ? nil : stack.count - 1 }
        return stack.firstIndex { $0.id == id }
    }
}
