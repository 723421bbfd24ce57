import Foundation

/// Runs blocking AWS work (``AWSClient`` calls block their thread) from async
/// code without tying up Swift's cooperative thread pool: the work gets a
/// dedicated thread, and cancelling the calling task cancels the work's
/// ``AWSCancellation`` (the request in flight is abandoned, no retry starts).
///
/// This is the bridge a TUI or any async caller uses: start a sync with
/// ``run(cancellation:_:)`` from a task, hand progress out through an
/// `AsyncStream` continuation inside the work, cancel the task (or the token)
/// to stop it.
public enum AWSBackground {
    /// Runs `work` on its own thread and returns its result.
    /// - Parameters:
    ///   - cancellation: the token passed to `work`; cancelled when the calling task is.
    ///   - work: blocking work; it should pass the token to every client it makes.
    /// - Throws: what `work` throws (``AWSError/cancelled`` after a cancellation, when the work honours the token).
    public static func run<T: Sendable>(
        cancellation: AWSCancellation = AWSCancellation(),
        _ work: @escaping @Sendable (AWSCancellation) throws -> T
    ) async throws -> T {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
                let thread = Thread {
                    do {
                        continuation.resume(returning: try work(cancellation))
                    } catch {
                        continuation.resume(throwing: error)
                    }
                }
                thread.name = "lantern-aws"
                thread.start()
            }
        } onCancel: {
            cancellation.cancel()
        }
    }
}
