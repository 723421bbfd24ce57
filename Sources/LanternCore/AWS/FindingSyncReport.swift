/// What a findings sync (Security Hub, GuardDuty) fetched and stored, and
/// the one way each page of findings is normalised, stored and counted.
public protocol FindingSyncReport: Sendable {
    /// Pages fetched.
    var pages: Int { get set }
    /// Findings the service returned.
    var fetched: Int { get set }
    /// Store outcomes.
    var tally: IngestReport.Tally { get set }
    /// Findings that could not be normalised, with reasons.
    var rejected: [String] { get set }
}

extension FindingSyncReport {
    /// Normalises `page` and stores it (a newer update replaces the stored
    /// copy); a record that is not a finding is counted in `rejected`, named
    /// by its `idKey` field.
    mutating func store(page: [JSONValue], idKey: String, in store: Store) throws {
        fetched += page.count
        var normalized: [Finding] = []
        for raw in page {
            do {
                normalized += try FindingNormalizer.findings(in: raw)
            } catch {
                let id = raw[idKey]?.stringValue ?? "?"
                rejected.append("\(id.prefix(200)): \(error)")
            }
        }
        let stored = try Ingestor.store(findings: normalized, in: store)
        tally.stored += stored.stored
        tally.updated += stored.updated
        tally.duplicate += stored.duplicate
        tally.skipped = rejected.count
    }

    /// The counts as JSON object members (`pages` … `skipped`).
    public var countMembers: [(key: String, value: JSONValue)] {
        [("pages", .int(pages)), ("fetched", .int(fetched)), ("stored", .int(tally.stored)), ("updated", .int(tally.updated)),
         ("duplicate", .int(tally.duplicate)), ("skipped", .int(rejected.count))]
    }

    /// `findings: 3 stored, 0 updated, 2 duplicate, 0 skipped`.
    public var storedLine: String {
        "findings: \(tally.stored) stored, \(tally.updated) updated, \(tally.duplicate) duplicate, \(rejected.count) skipped"
    }
}
