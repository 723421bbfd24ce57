import LanternCore

/// The finding view's focusable panes.
public enum FindingPane: Equatable, Sendable {
    case observables, ownership, activity
}

/// One row of the observables pane.
public enum ObservableRow: Equatable, Sendable {
    case header(Observable.Kind, count: Int)
    case item(Observable)

    /// The observable, for item rows.
    public var observable: Observable? {
        if case .item(let observable) = self { return observable }
        return nil
    }
}

/// Columns of the activity table, in order; `h`/`l` move between them.
public enum ActivityColumn: Int, CaseIterable, Sendable {
    case time, source, name, ip, userAgent, error

    /// The header text.
    public var title: String {
        switch self {
        case .time: return "TIME"
        case .source: return "SOURCE"
        case .name: return "EVENT"
        case .ip: return "SOURCE IP"
        case .userAgent: return "USER AGENT"
        case .error: return "ERROR"
        }
    }
}

/// The finding view: summary, observables, and the selected observable's panes.
public struct FindingViewState: Sendable {
    public let id: Int
    public var findingID: String
    /// The list's copy, shown until the full finding loads.
    public var summary: Finding
    public var detail: Loadable<Finding> = .loading
    public var rows: [ObservableRow] = []
    public var observables = ListPosition()
    public var focus: FindingPane = .observables
    /// The selected line of the ownership pane (a line with a pivot).
    public var ownershipCursor = 0
    /// The activity window (nil when the finding carries no times).
    public var window: TimeWindow?
    public var query: IRQuery = .all
    public var activityRequest: ActivityRequest?
    public var activity: Loadable<Activity>?
    public var events = ListPosition()
    public var column: ActivityColumn = .name

    /// Makes the state for a finding about to load.
    public init(id: Int, summary: Finding, window: TimeWindow?) {
        self.id = id
        findingID = summary.id
        self.summary = summary
        self.window = window
    }

    /// The observable under the cursor.
    public var selectedObservable: Observable? {
        rows.indices.contains(observables.cursor) ? rows[observables.cursor].observable : nil
    }

    /// The finding to show (the full one when loaded).
    public var finding: Finding { detail.value ?? summary }
}

/// The profile of one observable.
public struct ProfileViewState: Sendable {
    public let id: Int
    public var observable: Observable
    public var data: Loadable<ProfileData> = .loading
    public var position = ListPosition()
    /// The IR query `i` ran over the value's whole history (nil: none yet).
    public var query: IRQuery?
    /// Its result.
    public var queryActivity: Loadable<Activity>?

    /// Makes the state for a profile about to load.
    public init(id: Int, observable: Observable) {
        self.id = id
        self.observable = observable
    }
}

/// The raw record of one event.
public struct EventViewState: Sendable {
    public let id: Int
    public var event: StoredEvent
    public var lines: Loadable<[DocumentLine]> = .loading
    public var position = ListPosition()

    /// Makes the state for a record about to load.
    public init(id: Int, event: StoredEvent) {
        self.id = id
        self.event = event
    }
}

/// A view pushed above the findings list.
public enum ViewState: Sendable {
    case finding(FindingViewState)
    case profile(ProfileViewState)
    case event(EventViewState)

    /// The view's id (effects answer to it).
    public var id: Int {
        switch self {
        case .finding(let state): return state.id
        case .profile(let state): return state.id
        case .event(let state): return state.id
        }
    }
}

/// What the bottom input line is doing.
public enum InputMode: Equatable, Sendable {
    case normal
    /// Editing the filter; `previous` is restored on Esc.
    case filter(text: String, previous: String)
    /// Editing a `:` command.
    case command(text: String)
    /// Picking the verdict of finding `findingID` (one key per verdict).
    case verdict(findingID: String)
    /// Writing a note on finding `findingID`.
    case note(findingID: String, text: String)
    /// Typing a search in the active view (`n`/`N` repeat it).
    case search(text: String)
}
