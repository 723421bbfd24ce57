/// What the app needs from a terminal: its size, a way to read keys, and
/// a way to show a frame. The ncurses backend is one implementation; tests
/// use a fake.
public protocol Terminal: AnyObject {
    /// Columns and rows.
    var size: (width: Int, height: Int) { get }
    /// How wide each scalar is on this terminal.
    var measure: DisplayWidth.Measure { get }
    /// The signal that asked the app to stop (SIGTERM, SIGHUP, SIGINT), if any.
    var pendingSignal: Int32? { get }
    /// Waits up to `timeoutMilliseconds` for a key; nil on timeout.
    func readKey(timeoutMilliseconds: Int) -> Key?
    /// Shows `screen`, sending only what changed since the last frame.
    func draw(_ screen: Screen)
    /// Applies `theme` to the roles drawn from now on.
    func apply(theme: Theme)
}
