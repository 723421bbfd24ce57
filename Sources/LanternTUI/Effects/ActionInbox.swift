import Foundation

/// A thread-safe queue of actions: effects post results from their queue,
/// the input loop drains them.
public final class ActionInbox: @unchecked Sendable {
    private let lock = NSLock()
    private var actions: [Action] = []

    /// Makes an empty inbox.
    public init() {}

    /// Adds `action` (from any thread).
    public func post(_ action: Action) {
        lock.lock()
        actions.append(action)
        lock.unlock()
    }

    /// Removes and returns everything posted so far.
    public func drain() -> [Action] {
        lock.lock()
        defer { lock.unlock() }
        let drained = actions
        actions.removeAll()
        return drained
    }
}
