/// Stores findings: insert new ones, replace older copies (by `updated`),
/// count the rest as duplicates, and link each finding to its observables.
final class FindingWriter {
    /// What happened to one finding.
    enum Outcome {
        case stored
        case replaced
        case duplicate
    }

    private let db: SQLiteConnection
    private let selectUpdated: SQLiteStatement
    private let deleteFinding: SQLiteStatement
    private let insertFinding: SQLiteStatement
    private let upsertObservable: SQLiteStatement
    private let selectObservable: SQLiteStatement
    private let insertLink: SQLiteStatement

    init(db: SQLiteConnection) throws {
        self.db = db
        selectUpdated = try db.prepare("SELECT updated FROM findings WHERE id = ?")
        deleteFinding = try db.prepare("DELETE FROM findings WHERE id = ?")
        insertFinding = try db.prepare("""
            INSERT INTO findings (id, format, product, type, title, description, severity_label, severity,
                account, region, created, updated, first_seen, last_seen, resource_type, resource_id,
                principal, status, raw, source)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        upsertObservable = try db.prepare("INSERT OR IGNORE INTO observables (kind, value) VALUES (?, ?)")
        selectObservable = try db.prepare("SELECT id FROM observables WHERE kind = ? AND value = ?")
        insertLink = try db.prepare(
            "INSERT OR IGNORE INTO finding_observables (finding, observable, path) VALUES (?, ?, ?)")
    }

    func add(_ finding: Finding, source: Int64?) throws -> Outcome {
        let existing = try selectUpdated.query([.text(finding.id)]) { $0.text(0) }
        var outcome = Outcome.stored
        if let stored = existing.first {
            // RFC 3339 UTC text of one shape sorts as time.
            guard let newer = finding.updated, newer > (stored ?? "") else { return .duplicate }
            try deleteFinding.execute([.text(finding.id)])
            outcome = .replaced
        }
        func text(_ value: String?) -> SQLiteValue { value.map(SQLiteValue.text) ?? .null }
        try insertFinding.execute([
            .text(finding.id), .text(finding.format.rawValue), .text(finding.product), .text(finding.type),
            .text(finding.title), text(finding.description), .text(finding.severityLabel),
            .integer(Int64(finding.severity)), text(finding.account), text(finding.region),
            text(finding.created), text(finding.updated), text(finding.firstSeen), text(finding.lastSeen),
            text(finding.resourceType), text(finding.resourceId), text(finding.principal), text(finding.status),
            .text(finding.raw), source.map(SQLiteValue.integer) ?? .null,
        ])
        for item in finding.observables {
            let id = try observableID(item.observable)
            try insertLink.execute([.text(finding.id), .integer(id), .text(item.path)])
        }
        return outcome
    }

    private func observableID(_ observable: Observable) throws -> Int64 {
        let arguments: [SQLiteValue] = [.text(observable.kind.rawValue), .text(observable.value)]
        try upsertObservable.execute(arguments)
        guard let id = try selectObservable.query(arguments, { $0.int(0) }).first else {
            throw SQLiteError(code: 0, message: "observable \(observable) vanished", sql: nil)
        }
        return id
    }
}
