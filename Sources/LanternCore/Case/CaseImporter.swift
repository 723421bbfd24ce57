/// Re-creates a case from its JSON export (`lantern case import`).
public enum CaseImporter {
    /// The case described by JSON export `text`.
    public static func record(fromExport text: String) throws -> CaseRecord {
        let json: JSONValue
        do { json = try JSONValue.parse(text) } catch { throw CaseError.invalidImport("\(error)") }
        guard let version = json["schemaVersion"]?.stringValue else { throw CaseError.invalidImport("no schemaVersion") }
        guard version.split(separator: ".").first == CaseExporter.schemaVersion.split(separator: ".").first else {
            throw CaseError.invalidImport("unsupported schemaVersion \(version)")
        }
        guard let meta = json["case"], let id = meta["id"]?.stringValue, let title = meta["title"]?.stringValue,
              let analyst = meta["analyst"]?.stringValue, let created = meta["created"]?.stringValue,
              let updated = meta["updated"]?.stringValue,
              let verdict = meta["verdict"]?.stringValue.flatMap(CaseVerdict.init(rawValue:))
        else { throw CaseError.invalidImport("case metadata incomplete") }
        var record = CaseRecord(
            id: id, title: title, analyst: analyst, created: created, updated: updated, verdict: verdict,
            tags: (meta["tags"]?.arrayValue ?? []).compactMap(\.stringValue))

        var findingVerdicts: [String: (verdict: CaseVerdict, analyst: String, updated: String)] = [:]
        for entry in json["verdicts"]?.arrayValue ?? [] where entry["scope"]?.stringValue == "finding" {
            guard let finding = entry["finding"]?.stringValue,
                  let verdict = entry["verdict"]?.stringValue.flatMap(CaseVerdict.init(rawValue:)),
                  let analyst = entry["analyst"]?.stringValue, let updated = entry["updated"]?.stringValue
            else { throw CaseError.invalidImport("bad verdict entry") }
            findingVerdicts[finding] = (verdict, analyst, updated)
        }
        for entry in json["findings"]?.arrayValue ?? [] {
            guard let findingID = entry["id"]?.stringValue, let added = entry["added"]?.stringValue else {
                throw CaseError.invalidImport("finding without id or added time")
            }
            let decided = findingVerdicts[findingID]
            record.findings.append(CaseFinding(
                findingID: findingID, added: added,
                verdict: decided?.verdict ?? entry["verdict"]?.stringValue.flatMap(CaseVerdict.init(rawValue:)) ?? .undecided,
                verdictAnalyst: decided?.analyst, verdictUpdated: decided?.updated,
                tags: (entry["tags"]?.arrayValue ?? []).compactMap(\.stringValue)))
        }
        for entry in json["notes"]?.arrayValue ?? [] {
            guard let time = entry["time"]?.stringValue, let analyst = entry["analyst"]?.stringValue,
                  let text = entry["text"]?.stringValue
            else { throw CaseError.invalidImport("bad note") }
            record.notes.append(CaseNote(time: time, analyst: analyst, findingID: entry["finding"]?.stringValue, text: text))
        }
        var evidence: [CaseEvidence] = []
        for entry in json["starredEvents"]?.arrayValue ?? [] {
            guard let eventID = entry["eventID"]?.stringValue, let time = entry["starredAt"]?.stringValue,
                  let analyst = entry["analyst"]?.stringValue, let trail = entry["trail"].flatMap(PivotStep.trail(from:))
            else { throw CaseError.invalidImport("bad starred event") }
            evidence.append(CaseEvidence(item: .event(eventID: eventID), trail: trail, analyst: analyst, time: time))
        }
        for entry in json["starredObservables"]?.arrayValue ?? [] {
            guard let kind = entry["kind"]?.stringValue.flatMap(Observable.Kind.init(rawValue:)),
                  let observable = entry["value"]?.stringValue.flatMap({ Observable(kind: kind, $0) }),
                  let time = entry["starredAt"]?.stringValue, let analyst = entry["analyst"]?.stringValue,
                  let trail = entry["trail"].flatMap(PivotStep.trail(from:))
            else { throw CaseError.invalidImport("bad starred observable") }
            evidence.append(CaseEvidence(item: .observable(observable), trail: trail, analyst: analyst, time: time))
        }
        // The store keeps evidence in starring order (time, then insertion).
        record.evidence = evidence.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
        return record
    }

    /// Imports JSON export `text` into `store`; returns the case.
    @discardableResult
    public static func importCase(_ text: String, into store: Store, replace: Bool = false) throws -> CaseRecord {
        let record = try record(fromExport: text)
        try store.saveCase(record, replace: replace)
        return record
    }
}
