import LanternCore

/// A live fetch (CloudTrail LookupEvents or Athena) of one value's activity
/// into the store, started with `L` where the TUI was given a live source.
public struct LiveFetchState: Equatable, Sendable {
    /// The view that asked.
    public var view: Int
    public var observable: Observable
    /// The latest progress, once the first page or poll is in.
    public var progress: LiveActivityProgress?
    /// Set when the analyst asked to stop.
    public var cancelling = false

    /// The status bar's text.
    public var statusLine: String {
        let what = progress?.statusLine ?? "starting"
        return cancelling ? "cancelling live fetch…" : "live \(observable.value): \(what) (L cancels)"
    }
}

extension AppState {
    /// `L`: fetch the selected value's activity from the live source, or
    /// cancel the fetch under way.
    mutating func toggleLiveFetch() -> [Effect] {
        if var live {
            live.cancelling = true
            self.live = live
            return [.cancelLive]
        }
        guard let source = liveSource else {
            flash = Flash("no live source: start with --source lookup or --source athena --athena-table T (see lantern tui --help)",
                          isError: true)
            return []
        }
        let target: (view: Int, observable: Observable, window: TimeWindow)?
        switch top {
        case .finding(let state)?:
            target = state.selectedObservable.map { (state.id, $0, state.window ?? .all) }
        case .profile(let state)?:
            target = (state.id, state.observable, .all)
        case .event?, nil:
            target = nil
        }
        guard let target else {
            flash = Flash("L fetches the activity of the selected value: open a finding or a profile", isError: true)
            return []
        }
        live = LiveFetchState(view: target.view, observable: target.observable)
        flash = Flash("fetching \(target.observable.value) from \(source)…")
        return [.fetchLive(view: target.view, target.observable, target.window)]
    }

    mutating func liveProgressed(_ progress: LiveActivityProgress) {
        live?.progress = progress
    }

    /// The fetch ended: say what came, and query the view's activity (now local) again.
    mutating func liveFinished(view: Int, _ result: Result<LiveActivitySummary, EffectError>) -> [Effect] {
        live = nil
        switch result {
        case .failure(let error):
            flash = Flash(error.message, isError: true)
            return []
        case .success(let summary):
            flash = Flash("\(summary.source): \(summary.fetched) fetched, \(summary.stored) new, \(summary.duplicate) already stored")
            guard summary.stored > 0 else { return [] }
            if let effects = withFinding(view, { state -> [Effect] in
                state.activityRequest = nil
                return AppState.activityEffects(for: &state)
            }) {
                return effects
            }
            if let observable = withProfile(view, { state -> Observable in
                state.data = .loading
                return state.observable
            }) {
                return [.loadProfile(view: view, observable)]
            }
            return []
        }
    }
}
