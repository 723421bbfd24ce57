/// Builds case exports (JSON, Markdown, STIX 2.1) from the store.
///
/// Exports are deterministic: every time in them is a stored one (case,
/// notes, events, sources), enrichment is computed from the stored intel,
/// and every list has a defined order, so the same case in the same store
/// exports byte-identical files.
public final class CaseExporter {
    /// The export formats.
    public enum Format: String, Sendable, CaseIterable {
        case json
        case md
        case stix

        /// The usual file extension.
        public var fileExtension: String {
            switch self {
            case .json: return "json"
            case .md: return "md"
            case .stix: return "stix.json"
            }
        }
    }

    /// The version of the JSON layout (see `docs/case.schema.json`).
    public static let schemaVersion = "1.0"
    /// Observable kinds whose CloudTrail activity is exported (accounts
    /// are left out: every event of the account would match).
    public static let correlatedKinds: Set<Observable.Kind> = [
        .ipv4, .ipv6, .arn, .accessKey, .principalId, .userAgent, .bucket, .instanceId,
    ]

    let store: Store
    let enricher: Enricher
    /// Most events kept per observable.
    public var perObservableLimit = 50
    /// Most correlated events in an export.
    public var correlatedLimit = 500

    /// Makes an exporter; `enricher` defaults to one over `store`.
    public init(store: Store, enricher: Enricher? = nil) throws {
        self.store = store
        self.enricher = try enricher ?? Enricher(store: store)
    }

    /// The export of `record` rendered in `format`.
    public func render(_ record: CaseRecord, format: Format) throws -> String {
        let export = try gather(record)
        switch format {
        case .json: return JSONWriter().string(export.json) + "\n"
        case .md: return export.markdown
        case .stix: return JSONWriter().string(export.stixBundle) + "\n"
        }
    }

    /// Gathers everything the export of `record` holds.
    public func gather(_ record: CaseRecord) throws -> CaseExport {
        let correlator = Correlator(store: store)
        var findings: [Finding] = []
        var missing: [String] = []
        for entry in record.findings {
            if let finding = try store.finding(id: entry.findingID) { findings.append(finding) } else { missing.append(entry.findingID) }
        }
        let windows = findings.compactMap { TimeWindow.around($0) }
        let caseWindow = windows.isEmpty ? nil : TimeWindow(from: windows.map(\.from).min() ?? 0, to: windows.map(\.to).max() ?? 0)

        // Observables: those the findings name, and starred ones.
        var foundIn: [Observable: [(finding: String, path: String)]] = [:]
        var windowOf: [Observable: TimeWindow] = [:]
        for finding in findings {
            for named in finding.observables {
                foundIn[named.observable, default: []].append((finding.id, named.path))
                if let window = TimeWindow.around(finding) {
                    windowOf[named.observable] = windowOf[named.observable].map {
                        TimeWindow(from: min($0.from, window.from), to: max($0.to, window.to))
                    } ?? window
                }
            }
        }
        var starred: Set<Observable> = []
        for evidence in record.evidence {
            if case .observable(let observable) = evidence.item {
                starred.insert(observable)
                if foundIn[observable] == nil { foundIn[observable] = [] }
                if windowOf[observable] == nil, let caseWindow { windowOf[observable] = caseWindow }
            }
        }

        var entries: [CaseExport.ObservableEntry] = []
        var correlated: [Int64: CaseExport.CorrelatedEvent] = [:]
        var rawCache: [Int64: JSONValue] = [:]
        for observable in foundIn.keys.sorted() {
            var entry = CaseExport.ObservableEntry(
                observable: observable, foundIn: foundIn[observable] ?? [], starred: starred.contains(observable),
                enrichment: enricher.enrich(observable), activityWindow: nil, activityTotal: 0, activityTruncated: false)
            if Self.correlatedKinds.contains(observable.kind), let window = windowOf[observable] {
                let activity = try correlator.activity(of: observable, in: window, limit: perObservableLimit)
                entry.activityWindow = window
                entry.activityTotal = activity.events.count
                entry.activityTruncated = activity.truncated
                entry.firstSeen = activity.summary.firstSeen
                entry.lastSeen = activity.summary.lastSeen
                for event in activity.events {
                    if correlated[event.rowID] == nil {
                        let raw = try rawJSON(of: event, cache: &rawCache)
                        correlated[event.rowID] = CaseExport.CorrelatedEvent(event: event, raw: raw, matchedBy: [])
                    }
                    correlated[event.rowID]?.matchedBy.append(observable)
                }
            }
            entries.append(entry)
        }
        var correlatedEvents = correlated.values.sorted { ($0.event.time, $0.event.rowID) < ($1.event.time, $1.event.rowID) }
        let truncated = correlatedEvents.count > correlatedLimit
        if truncated { correlatedEvents.removeLast(correlatedEvents.count - correlatedLimit) }

        var starredEvents: [CaseExport.StarredEvent] = []
        for evidence in record.evidence {
            guard case .event(let eventID) = evidence.item else { continue }
            let event = try store.event(eventID: eventID)
            let raw = try event.map { try rawJSON(of: $0, cache: &rawCache) }
            starredEvents.append(CaseExport.StarredEvent(evidence: evidence, eventID: eventID, event: event, raw: raw))
        }

        // Related findings: sharing observables with any case finding, not in the case.
        let inCase = Set(record.findings.map(\.findingID))
        var related: [String: RelatedFinding] = [:]
        for finding in findings {
            for other in try correlator.relatedFindings(toFinding: finding.id) where !inCase.contains(other.finding.id) {
                if var existing = related[other.finding.id] {
                    existing.shared = Array(Set(existing.shared + other.shared)).sorted()
                    related[other.finding.id] = existing
                } else {
                    related[other.finding.id] = other
                }
            }
        }
        let relatedFindings = related.values.sorted {
            ($1.shared.count, $1.finding.severity, $0.finding.id) < ($0.shared.count, $0.finding.severity, $1.finding.id)
        }

        return CaseExport(
            record: record, findings: findings, missingFindings: missing,
            findingSources: try store.caseFindingSources(findings.map(\.id)), observables: entries,
            correlatedEvents: correlatedEvents, correlatedTruncated: truncated, starredEvents: starredEvents,
            relatedFindings: relatedFindings, sources: try store.caseSourceFiles(),
            enrichmentSources: try store.enrichmentSources())
    }

    private func rawJSON(of event: StoredEvent, cache: inout [Int64: JSONValue]) throws -> JSONValue {
        if let cached = cache[event.rowID] { return cached }
        let bytes = try store.rawRecord(of: event)
        let value = CaseRedaction.redact((try? JSONValue.parse(bytes)) ?? .string(String(decoding: bytes, as: UTF8.self)))
        cache[event.rowID] = value
        return value
    }

    /// A case for a finding that is in none: titled after the finding, at
    /// the finding's own times, by `analyst`; not saved.
    public static func adHocCase(for finding: Finding, analyst: String) -> CaseRecord {
        let time = finding.updated ?? finding.created ?? Timestamp.string(milliseconds: 0)
        let id = "f-" + String(String(UInt64(bitPattern: StableHash.hash(finding.id)), radix: 16).suffix(8)).leftPadded(to: 8)
        return CaseRecord(
            id: id, title: finding.title, analyst: analyst, created: finding.created ?? time, updated: time,
            findings: [CaseFinding(findingID: finding.id, added: time)])
    }
}

extension Store {
    /// The path of the file each of `findingIDs` was ingested from.
    func caseFindingSources(_ findingIDs: [String]) throws -> [String: String] {
        var result: [String: String] = [:]
        let statement = try db.prepare("SELECT s.path FROM findings f JOIN sources s ON s.id = f.source WHERE f.id = ?")
        for id in findingIDs {
            if let path = try statement.query([.text(id)], { $0.text(0) }).first ?? nil { result[id] = path }
        }
        return result
    }

    /// Every ingested file, in ingest order.
    func caseSourceFiles() throws -> [CaseExport.SourceFile] {
        try db.prepare("""
            SELECT path, kind, size, mtime, records, stored, duplicates, skipped, ingested_at FROM sources ORDER BY id
            """).query { row in
            CaseExport.SourceFile(
                path: row.text(0) ?? "", kind: row.text(1) ?? "", size: row.int(2), mtime: row.int(3), records: row.int(4),
                stored: row.int(5), duplicates: row.int(6), skipped: row.int(7), ingestedAt: row.text(8) ?? "")
        }
    }
}
