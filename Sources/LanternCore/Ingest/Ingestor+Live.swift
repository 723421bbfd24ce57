import Foundation

extension Ingestor {
    /// Stores findings fetched from a live source (Security Hub, GuardDuty) the
    /// way file ingest does: new ones are inserted, a newer `UpdatedAt` replaces
    /// the stored copy, anything else counts as a duplicate. One transaction.
    /// - Returns: the counts (stored, updated, duplicate).
    public static func store(findings: [Finding], in store: Store) throws -> IngestReport.Tally {
        var tally = IngestReport.Tally()
        guard !findings.isEmpty else { return tally }
        let writer = try FindingWriter(db: store.db)
        try store.db.transaction {
            for finding in findings {
                switch try writer.add(finding, source: nil) {
                case .stored: tally.stored += 1
                case .replaced: tally.updated += 1
                case .duplicate: tally.duplicate += 1
                }
            }
        }
        return tally
    }
}
