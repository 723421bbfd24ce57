import Foundation

/// Spaces requests to at most `rate` per second per key (for CloudTrail
/// `LookupEvents`: about 2 per second per account and region, a hard AWS
/// limit that throttles everything above it).
///
/// Thread-safe; callers for the same key queue up behind one another.
/// The clock and the sleep are injectable so tests never wait.
public final class AWSRateLimiter: @unchecked Sendable {
    /// The shared limiter every LookupEvents client in the process uses.
    public static let shared = AWSRateLimiter(requestsPerSecond: 2)

    /// The least time between two requests for one key, in seconds.
    public let interval: TimeInterval
    private let now: @Sendable () -> TimeInterval
    private let sleep: @Sendable (TimeInterval) -> Void
    private let lock = NSLock()
    private var nextSlot: [String: TimeInterval] = [:]

    /// Makes a limiter.
    /// - Parameters:
    ///   - requestsPerSecond: the most requests per second per key (> 0).
    ///   - now: a monotonic clock in seconds.
    ///   - sleep: waits the given seconds.
    public init(
        requestsPerSecond: Double,
        now: @escaping @Sendable () -> TimeInterval = { ProcessInfo.processInfo.systemUptime },
        sleep: @escaping @Sendable (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) }
    ) {
        interval = 1 / max(requestsPerSecond, 0.001)
        self.now = now
        self.sleep = sleep
    }

    /// Waits until a request for `key` may go out, then reserves the slot.
    /// - Returns: the seconds waited.
    /// - Throws: ``AWSError/cancelled`` when `cancellation` fires before the slot.
    @discardableResult
    public func acquire(key: String, cancellation: AWSCancellation? = nil) throws(AWSError) -> TimeInterval {
        lock.lock()
        let current = now()
        let slot = max(current, nextSlot[key] ?? current)
        nextSlot[key] = slot + interval
        lock.unlock()
        var remaining = slot - current
        let waited = max(0, remaining)
        // Sleep in short steps so a cancellation is noticed promptly.
        while remaining > 0 {
            if cancellation?.isCancelled == true { throw .cancelled }
            let step = min(remaining, 0.1)
            sleep(step)
            remaining -= step
        }
        if cancellation?.isCancelled == true { throw .cancelled }
        return waited
    }
}
