import LanternCore

/// What the activity pane asks the store for.
public struct ActivityRequest: Equatable, Sendable {
    public var observable: Observable
    public var window: TimeWindow
    public var query: IRQuery

    /// Makes a request.
    public init(observable: Observable, window: TimeWindow, query: IRQuery) {
        self.observable = observable
        self.window = window
        self.query = query
    }
}

/// Work the reducer asks for; the ``EffectRunner`` does it off the input
/// loop and answers with an ``Action``.
public enum Effect: Equatable, Sendable {
    /// Load every finding (and account names, verdicts).
    case loadFindings
    /// Count the store's events for the status line: after the list, since
    /// counting ten million events takes tens of milliseconds.
    case countEvents
    /// Load finding `id` with its observables, for view `view`.
    case loadFinding(view: Int, id: String)
    /// Query the activity of an observable, for view `view`.
    case loadActivity(view: Int, ActivityRequest)
    /// Build the profile of an observable, for view `view`.
    case loadProfile(view: Int, Observable)
    /// Run an IR query over all of an observable's history, for profile view `view`.
    case loadProfileQuery(view: Int, Observable, IRQuery)
    /// Read the raw record of an event, for view `view`.
    case loadRawRecord(view: Int, StoredEvent)
    /// Look up reputation and ownership of observables.
    case enrich([Observable])
    /// Find the Ids of findings naming an observable (for a filter term).
    case resolveFilterTerm(Observable)
    /// Read the case holding a finding, if any.
    case loadCase(findingID: String)
    /// Change (or export) the case of a finding; made on first change.
    case writeCase(findingID: String, CaseWrite)
    /// Fetch an observable's activity in a window from the live source into the store.
    case fetchLive(view: Int, Observable, TimeWindow)
    /// Stop the live fetch under way.
    case cancelLive
}
