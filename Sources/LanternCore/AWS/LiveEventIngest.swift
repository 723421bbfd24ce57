import Foundation

/// Stores CloudTrail records fetched from a live source (LookupEvents,
/// Athena) through the same scanner and ``EventWriter`` as file ingest, so
/// the next activity query for them runs on the local store.
///
/// Idempotent: an event already stored (same `eventID`) counts as a duplicate.
public enum LiveEventIngest {
    /// What one batch did.
    public struct Outcome: Sendable, Equatable {
        /// New events.
        public var stored = 0
        /// Events already in the store.
        public var duplicate = 0
        /// Records that are not usable CloudTrail events, with reasons.
        public var rejected: [String] = []

        /// An empty outcome.
        public init() {}
    }

    /// Stores `records` (each one CloudTrail record as JSON bytes) in one transaction.
    /// - Throws: store errors (nothing of the batch is kept then).
    public static func store(records: [[UInt8]], in store: Store) throws -> Outcome {
        var outcome = Outcome()
        guard !records.isEmpty else { return outcome }
        do {
            try store.db.transaction {
                let writer = try EventWriter(db: store.db, strings: store.strings, mode: .live)
                for (index, raw) in records.enumerated() {
                    try raw.withUnsafeBufferPointer { bytes in
                        let event: CloudTrailEvent
                        do {
                            event = try CloudTrailScanner.scan(bytes)
                        } catch {
                            outcome.rejected.append("record \(index): \(error)")
                            return
                        }
                        let redacted = CredentialRedaction.redacted(bytes)
                        let added = try redacted.map { copy in try copy.withUnsafeBufferPointer { try writer.add(event, raw: $0) } }
                            ?? writer.add(event, raw: bytes)
                        if added {
                            outcome.stored += 1
                        } else {
                            outcome.duplicate += 1
                        }
                    }
                }
                try writer.flush()
            }
        } catch {
            // Ids handed out inside the rolled-back transaction are gone.
            store.strings.clearCache()
            throw error
        }
        return outcome
    }
}
