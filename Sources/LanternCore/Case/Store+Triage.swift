/// The case workflow as the TUI uses it: every finding has a case (the
/// oldest one holding it, else one made for it on the first decision), and
/// the list shows each finding's latest verdict.
extension Store {
    /// The oldest case holding finding `findingID`, or nil when it is in none.
    public func existingCase(forFinding findingID: String) throws -> CaseRecord? {
        guard let id = try caseIDs(containingFinding: findingID).first else { return nil }
        return try caseRecord(id: id)
    }

    /// The case holding finding `findingID`; when it is in none, a new case
    /// titled after the finding is made and the finding added to it.
    public func triageCase(
        forFinding findingID: String, analyst: String = Store.defaultAnalyst, time: String = Store.caseTimestamp()
    ) throws -> CaseRecord {
        if let record = try existingCase(forFinding: findingID) { return record }
        guard let finding = try finding(id: findingID) else { throw CaseError.noSuchFinding(findingID) }
        let record = try createCase(title: finding.title, analyst: analyst, time: time)
        try addFinding(findingID, toCase: record.id, time: time)
        return try caseRecord(id: record.id) ?? record
    }

    /// What an export of finding `findingID` covers: the oldest case holding
    /// it, else the finding alone (an unsaved ad-hoc case by `analyst`); nil
    /// when the finding is not stored.
    public func exportCase(forFinding findingID: String, analyst: String) throws -> CaseRecord? {
        if let record = try existingCase(forFinding: findingID) { return record }
        return try finding(id: findingID).map { CaseExporter.adHocCase(for: $0, analyst: analyst) }
    }

    /// Each finding's verdict in its most recently decided case (findings
    /// never decided are absent).
    public func findingVerdicts() throws -> [String: CaseVerdict] {
        var verdicts: [String: CaseVerdict] = [:]
        let rows = try db.prepare("SELECT finding, verdict FROM case_verdicts ORDER BY updated, rowid")
            .query { ($0.text(0) ?? "", $0.text(1) ?? "") }
        for (finding, verdict) in rows { verdicts[finding] = CaseVerdict(rawValue: verdict) }
        return verdicts
    }
}
