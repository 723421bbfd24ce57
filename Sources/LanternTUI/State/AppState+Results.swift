import LanternCore

extension AppState {
    mutating func findingsLoaded(_ result: Result<FindingsPayload, EffectError>) -> [Effect] {
        switch result {
        case .failure(let error):
            list.status = .failed(error.message)
            return []
        case .success(let payload):
            list.findings = payload.findings
            list.sortedBy = nil
            list.accountNames = payload.accountNames
            list.verdicts = payload.verdicts
            list.haystacks = payload.findings.map {
                FindingFilter.haystack($0, accountName: $0.account.flatMap { payload.accountNames[$0] })
            }
            list.status = .loaded(payload.findings.count)
            refreshVisible(keeping: list.selected?.id)
            return []
        }
    }

    /// Recomputes which findings pass the filter, in sort order, keeping the
    /// cursor on finding `id` when it is still shown. Every finding is
    /// sorted once per sort (and load); filtering then keeps the sorted
    /// order, so a keystroke of `/` costs one pass, not a sort. `candidates`
    /// (in sort order) limits the pass when the filter only narrowed.
    mutating func refreshVisible(keeping id: String?, within candidates: [Int]? = nil) {
        let filter = list.filter
        let findings = list.findings
        let names = list.accountNames
        let matches = list.termMatches
        let haystacks = list.haystacks
        if list.sortedOrder.count != findings.count || list.sortedBy != list.sort {
            list.sortedOrder = list.sort.sorted(Array(findings.indices), of: findings, accountNames: names)
            list.sortedBy = list.sort
        }
        list.visible = filter.clauses.isEmpty ? list.sortedOrder : (candidates ?? list.sortedOrder).filter { index in
            filter.matches(
                haystack: haystacks.indices.contains(index) ? haystacks[index] : SearchText(""),
                finding: { findings[index] }, accountName: { findings[index].account.flatMap { names[$0] } },
                matches: matches)
        }
        if let id, let index = list.visible.firstIndex(where: { findings[$0].id == id }) {
            list.position.cursor = index
        }
        list.position.reveal(count: list.visible.count, height: listRows)
    }

    mutating func findingLoaded(view: Int, _ result: Result<Finding, EffectError>) -> [Effect] {
        let alreadyEnriched = enriched
        return withFinding(view) { state -> [Effect] in
            switch result {
            case .failure(let error):
                state.detail = .failed(error.message)
                return []
            case .success(let finding):
                state.detail = .loaded(finding)
                state.rows = AppState.observableRows(finding.observables.map(\.observable))
                state.observables.cursor = state.rows.firstIndex { $0.observable != nil } ?? 0
                state.observables.scroll = 0
                var effects: [Effect] = []
                let unknown = state.rows.compactMap(\.observable).filter { !alreadyEnriched.contains($0) }
                if !unknown.isEmpty { effects.append(.enrich(unknown)) }
                return effects + AppState.activityEffects(for: &state)
            }
        } ?? []
    }

    /// Observables grouped by kind, in the order an analyst reads them:
    /// credentials and principals first, then network, then the rest.
    static func observableRows(_ observables: [Observable]) -> [ObservableRow] {
        let order: [Observable.Kind] = [
            .accessKey, .arn, .principalId, .ipv4, .ipv6, .cidr, .userAgent, .domain, .url,
            .sha256, .sha1, .md5, .instanceId, .bucket, .email, .accountId,
        ]
        var seen: Set<Observable> = []
        let unique = observables.filter { seen.insert($0).inserted }
        var rows: [ObservableRow] = []
        for kind in order + Observable.Kind.allCases.filter({ !order.contains($0) }) {
            let items = unique.filter { $0.kind == kind }
            guard !items.isEmpty, !rows.contains(.header(kind, count: items.count)) else { continue }
            rows.append(.header(kind, count: items.count))
            rows += items.map(ObservableRow.item)
        }
        return rows
    }

    mutating func activityLoaded(view: Int, request: ActivityRequest, _ result: Result<Activity, EffectError>) {
        let rows = findingLayout.eventRows
        withFinding(view) { state in
            guard state.activityRequest == request else { return }
            switch result {
            case .failure(let error):
                state.activity = .failed(error.message)
            case .success(let activity):
                state.activity = .loaded(activity)
                // Start at the finding's first sighting, with a little context above.
                let anchor = TimeWindow.around(state.finding, margin: 0)?.from ?? request.window.from
                let index = activity.events.firstIndex { $0.time >= anchor } ?? max(0, activity.events.count - 1)
                state.events.scroll = max(0, index - 2)
                state.events.set(index, count: activity.events.count, height: rows)
            }
        }
    }
}
