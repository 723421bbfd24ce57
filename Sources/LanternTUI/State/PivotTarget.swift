import LanternCore

/// What `Enter` on a line or cell opens.
public enum PivotTarget: Equatable, Sendable {
    /// The observable's profile.
    case observable(Observable)
    /// The finding with this Id.
    case finding(String)
    /// The raw record of this event.
    case event(StoredEvent)
}

extension PivotTarget {
    /// The text `y` copies for this target.
    var copyText: String? {
        switch self {
        case .observable(let observable): return observable.value
        case .event(let event): return event.eventID
        case .finding(let id): return id
        }
    }
}
