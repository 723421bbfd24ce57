import Foundation

/// Lets a caller (the TUI, a signal handler) stop a running sync: the request
/// in flight is cancelled and no further request or retry starts.
public final class AWSCancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false
    private var onCancel: [() -> Void] = []

    /// A token that is not cancelled.
    public init() {}

    /// Whether ``cancel()`` was called.
    public var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    /// Cancels: runs the registered handlers once.
    public func cancel() {
        lock.lock()
        let handlers = cancelled ? [] : onCancel
        cancelled = true
        onCancel = []
        lock.unlock()
        for handler in handlers { handler() }
    }

    /// Runs `handler` on cancellation (at once when already cancelled).
    func register(_ handler: @escaping () -> Void) {
        lock.lock()
        if cancelled {
            lock.unlock()
            handler()
            return
        }
        onCancel.append(handler)
        lock.unlock()
    }

    /// Drops registered handlers (after the request they guard finished).
    func clearHandlers() {
        lock.lock()
        onCancel = []
        lock.unlock()
    }
}
