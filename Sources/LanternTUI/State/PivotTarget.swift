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
