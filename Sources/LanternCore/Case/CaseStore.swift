import Foundation

/// Cases in the store: create, add findings, notes, verdicts, tags and
/// starred evidence, list and read back. Every change bumps the case's
/// `updated` time. Times default to now; pass them for reproducible cases.
extension Store {
    /// The current time as stored case text (RFC 3339 UTC, whole seconds).
    public static func caseTimestamp() -> String {
        Timestamp.string(milliseconds: nowMilliseconds())
    }

    /// The analyst name to record: `$LANTERN_ANALYST`, else `$USER`, else "analyst".
    public static var defaultAnalyst: String {
        let environment = ProcessInfo.processInfo.environment
        for key in ["LANTERN_ANALYST", "USER"] {
            if let name = environment[key], !name.isEmpty { return name }
        }
        return "analyst"
    }

    /// Creates an empty case and returns it. Its id is derived from the
    /// title, analyst and time (`c-` and 8 hex digits), unique in this store.
    @discardableResult
    public func createCase(title: String, analyst: String = Store.defaultAnalyst, time: String = Store.caseTimestamp()) throws -> CaseRecord {
        var nonce = 0
        var id: String
        repeat {
            let hash = UInt64(bitPattern: StableHash.hash("\(title)\u{0}\(analyst)\u{0}\(time)\u{0}\(nonce)"))
            id = "c-" + String(String(hash, radix: 16).suffix(8)).leftPadded(to: 8)
            nonce += 1
        } while try caseExists(id)
        try db.prepare("INSERT INTO cases (id, title, analyst, created, updated, verdict) VALUES (?, ?, ?, ?, ?, 'undecided')")
            .execute([.text(id), .text(title), .text(analyst), .text(time), .text(time)])
        return CaseRecord(id: id, title: title, analyst: analyst, created: time, updated: time)
    }

    /// Adds finding `findingID` (which must be stored) to case `caseID`; adding it twice is a no-op.
    public func addFinding(_ findingID: String, toCase caseID: String, time: String = Store.caseTimestamp()) throws {
        try requireCase(caseID)
        guard try finding(id: findingID) != nil else { throw CaseError.noSuchFinding(findingID) }
        try db.transaction {
            try db.prepare("INSERT OR IGNORE INTO case_findings (case_id, finding, added) VALUES (?, ?, ?)")
                .execute([.text(caseID), .text(findingID), .text(time)])
            try touchCase(caseID, time: time)
        }
    }

    /// Adds a note to the case, or to one of its findings.
    public func addNote(
        _ text: String, toCase caseID: String, finding findingID: String? = nil,
        analyst: String = Store.defaultAnalyst, time: String = Store.caseTimestamp()
    ) throws {
        try requireCase(caseID)
        try db.transaction {
            try db.prepare("INSERT INTO case_notes (case_id, finding, analyst, time, text) VALUES (?, ?, ?, ?, ?)")
                .execute([.text(caseID), findingID.map(SQLiteValue.text) ?? .null, .text(analyst), .text(time), .text(text)])
            try touchCase(caseID, time: time)
        }
    }

    /// Sets the verdict of the case (`finding` nil) or of one of its
    /// findings (added to the case when it is not in it yet).
    public func setVerdict(
        _ verdict: CaseVerdict, case caseID: String, finding findingID: String? = nil,
        analyst: String = Store.defaultAnalyst, time: String = Store.caseTimestamp()
    ) throws {
        try requireCase(caseID)
        guard let findingID else {
            try db.transaction {
                try db.prepare("UPDATE cases SET verdict = ? WHERE id = ?").execute([.text(verdict.rawValue), .text(caseID)])
                try touchCase(caseID, time: time)
            }
            return
        }
        try addFinding(findingID, toCase: caseID, time: time)
        try db.transaction {
            try db.prepare("""
                INSERT INTO case_verdicts (case_id, finding, verdict, analyst, updated) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (case_id, finding) DO UPDATE SET verdict = excluded.verdict, analyst = excluded.analyst,
                    updated = excluded.updated
                """).execute([.text(caseID), .text(findingID), .text(verdict.rawValue), .text(analyst), .text(time)])
            try touchCase(caseID, time: time)
        }
    }

    /// Tags the case (`finding` nil) or one of its findings.
    public func addTag(_ tag: String, case caseID: String, finding findingID: String? = nil, time: String = Store.caseTimestamp()) throws {
        try requireCase(caseID)
        if let findingID { try addFinding(findingID, toCase: caseID, time: time) }
        try db.transaction {
            try db.prepare("INSERT OR IGNORE INTO case_tags (case_id, finding, tag) VALUES (?, ?, ?)")
                .execute([.text(caseID), .text(findingID ?? ""), .text(tag)])
            try touchCase(caseID, time: time)
        }
    }

    /// Stars an event (which must be stored) or an observable as evidence
    /// of the case, with the pivot trail that led to it. Starring the same
    /// item again replaces its trail.
    public func star(
        _ item: CaseEvidence.Item, case caseID: String, trail: [PivotStep],
        analyst: String = Store.defaultAnalyst, time: String = Store.caseTimestamp()
    ) throws {
        try requireCase(caseID)
        let columns: [SQLiteValue]
        switch item {
        case .event(let eventID):
            guard try event(eventID: eventID) != nil else { throw CaseError.noSuchEvent(eventID) }
            columns = [.text("event"), .text(eventID), .null, .null]
        case .observable(let observable):
            columns = [.text("observable"), .null, .text(observable.kind.rawValue), .text(observable.value)]
        }
        let trailText = JSONWriter(pretty: false).string(PivotStep.json(trail))
        try db.transaction {
            try db.prepare("""
                INSERT INTO case_evidence (case_id, kind, event_id, observable_kind, observable_value, trail, analyst, time)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO UPDATE SET trail = excluded.trail, analyst = excluded.analyst, time = excluded.time
                """).execute([.text(caseID)] + columns + [.text(trailText), .text(analyst), .text(time)])
            try touchCase(caseID, time: time)
        }
    }

    /// Every case, most recently updated first.
    public func cases() throws -> [CaseRecord] {
        let ids = try db.prepare("SELECT id FROM cases ORDER BY updated DESC, id").query { $0.text(0) ?? "" }
        return try ids.compactMap { try caseRecord(id: $0) }
    }

    /// The ids of the cases holding finding `findingID`, oldest first.
    public func caseIDs(containingFinding findingID: String) throws -> [String] {
        try db.prepare("""
            SELECT c.id FROM case_findings f JOIN cases c ON c.id = f.case_id WHERE f.finding = ? ORDER BY c.created, c.id
            """).query([.text(findingID)]) { $0.text(0) ?? "" }
    }

    /// The case with `id`, with everything in it, or nil.
    public func caseRecord(id: String) throws -> CaseRecord? {
        guard var record = try db.prepare("SELECT id, title, analyst, created, updated, verdict FROM cases WHERE id = ?")
            .query([.text(id)], { row in
                CaseRecord(
                    id: row.text(0) ?? "", title: row.text(1) ?? "", analyst: row.text(2) ?? "", created: row.text(3) ?? "",
                    updated: row.text(4) ?? "", verdict: CaseVerdict(rawValue: row.text(5) ?? "") ?? .undecided)
            }).first
        else { return nil }
        var tagsByFinding: [String: [String]] = [:]
        for (finding, tag) in try db.prepare("SELECT finding, tag FROM case_tags WHERE case_id = ? ORDER BY finding, tag")
            .query([.text(id)], { ($0.text(0) ?? "", $0.text(1) ?? "") }) {
            tagsByFinding[finding, default: []].append(tag)
        }
        record.tags = tagsByFinding[""] ?? []
        record.findings = try db.prepare("""
            SELECT f.finding, f.added, v.verdict, v.analyst, v.updated FROM case_findings f
            LEFT JOIN case_verdicts v ON v.case_id = f.case_id AND v.finding = f.finding
            WHERE f.case_id = ? ORDER BY f.added, f.rowid
            """).query([.text(id)]) { row in
            let findingID = row.text(0) ?? ""
            return CaseFinding(
                findingID: findingID, added: row.text(1) ?? "",
                verdict: row.text(2).flatMap(CaseVerdict.init(rawValue:)) ?? .undecided,
                verdictAnalyst: row.text(3), verdictUpdated: row.text(4), tags: tagsByFinding[findingID] ?? [])
        }
        record.notes = try db.prepare("SELECT time, analyst, finding, text FROM case_notes WHERE case_id = ? ORDER BY time, id")
            .query([.text(id)]) { row in
                CaseNote(time: row.text(0) ?? "", analyst: row.text(1) ?? "", findingID: row.text(2), text: row.text(3) ?? "")
            }
        record.evidence = try db.prepare("""
            SELECT kind, event_id, observable_kind, observable_value, trail, analyst, time FROM case_evidence
            WHERE case_id = ? ORDER BY time, id
            """).query([.text(id)]) { row in
            let item: CaseEvidence.Item
            if row.text(0) == "event" {
                item = .event(eventID: row.text(1) ?? "")
            } else {
                guard let kind = Observable.Kind(rawValue: row.text(2) ?? ""), let observable = Observable(kind: kind, row.text(3) ?? "")
                else { throw CaseError.invalidImport("bad observable evidence in case \(id)") }
                item = .observable(observable)
            }
            let trail = (try? JSONValue.parse(row.text(4) ?? "[]")).flatMap(PivotStep.trail(from:)) ?? []
            return CaseEvidence(item: item, trail: trail, analyst: row.text(5) ?? "", time: row.text(6) ?? "")
        }
        return record
    }

    /// Writes `record` as a whole (for import): its findings need not be
    /// stored. An existing case of the same id is an error unless `replace`.
    public func saveCase(_ record: CaseRecord, replace: Bool = false) throws {
        try db.transaction {
            if try caseExists(record.id) {
                guard replace else { throw CaseError.caseExists(record.id) }
                try db.prepare("DELETE FROM cases WHERE id = ?").execute([.text(record.id)])
            }
            let caseID = SQLiteValue.text(record.id)
            try db.prepare("INSERT INTO cases (id, title, analyst, created, updated, verdict) VALUES (?, ?, ?, ?, ?, ?)")
                .execute([caseID, .text(record.title), .text(record.analyst), .text(record.created), .text(record.updated),
                          .text(record.verdict.rawValue)])
            let addFinding = try db.prepare("INSERT OR IGNORE INTO case_findings (case_id, finding, added) VALUES (?, ?, ?)")
            let addVerdict = try db.prepare(
                "INSERT OR REPLACE INTO case_verdicts (case_id, finding, verdict, analyst, updated) VALUES (?, ?, ?, ?, ?)")
            let addTag = try db.prepare("INSERT OR IGNORE INTO case_tags (case_id, finding, tag) VALUES (?, ?, ?)")
            for finding in record.findings {
                try addFinding.execute([caseID, .text(finding.findingID), .text(finding.added)])
                if let analyst = finding.verdictAnalyst, let updated = finding.verdictUpdated {
                    try addVerdict.execute([caseID, .text(finding.findingID), .text(finding.verdict.rawValue), .text(analyst), .text(updated)])
                }
                for tag in finding.tags { try addTag.execute([caseID, .text(finding.findingID), .text(tag)]) }
            }
            for tag in record.tags { try addTag.execute([caseID, .text(""), .text(tag)]) }
            let addNote = try db.prepare("INSERT INTO case_notes (case_id, finding, analyst, time, text) VALUES (?, ?, ?, ?, ?)")
            for note in record.notes {
                try addNote.execute([caseID, note.findingID.map(SQLiteValue.text) ?? .null, .text(note.analyst), .text(note.time), .text(note.text)])
            }
            let addEvidence = try db.prepare("""
                INSERT OR REPLACE INTO case_evidence (case_id, kind, event_id, observable_kind, observable_value, trail, analyst, time)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for evidence in record.evidence {
                let columns: [SQLiteValue]
                switch evidence.item {
                case .event(let eventID): columns = [.text("event"), .text(eventID), .null, .null]
                case .observable(let o): columns = [.text("observable"), .null, .text(o.kind.rawValue), .text(o.value)]
                }
                let trail = JSONWriter(pretty: false).string(PivotStep.json(evidence.trail))
                try addEvidence.execute([caseID] + columns + [.text(trail), .text(evidence.analyst), .text(evidence.time)])
            }
        }
    }

    /// Deletes case `id` and everything in it; false when there was none.
    @discardableResult
    public func deleteCase(id: String) throws -> Bool {
        try db.prepare("DELETE FROM cases WHERE id = ?").execute([.text(id)])
        return db.changes > 0
    }

    private func caseExists(_ id: String) throws -> Bool {
        try db.scalar("SELECT 1 FROM cases WHERE id = ?", [.text(id)]) != nil
    }

    private func requireCase(_ id: String) throws {
        guard try caseExists(id) else { throw CaseError.noSuchCase(id) }
    }

    /// Moves the case's `updated` forward to `time` (never back).
    private func touchCase(_ id: String, time: String) throws {
        try db.prepare("UPDATE cases SET updated = max(updated, ?) WHERE id = ?").execute([.text(time), .text(id)])
    }
}

extension String {
    /// The string with leading zeros up to `width` characters.
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
