/// Everything a case export says, gathered from the store once; the JSON,
/// Markdown and STIX renderings are views of it.
public struct CaseExport: Sendable {
    /// An observable of the case, where it was found, and what is known of it.
    public struct ObservableEntry: Sendable {
        public var observable: Observable
        /// (finding id, member path) pairs naming it.
        public var foundIn: [(finding: String, path: String)]
        public var starred: Bool
        public var enrichment: Enrichment
        /// Its activity in the window searched (nil for kinds not correlated).
        public var activityWindow: TimeWindow?
        public var activityTotal: Int
        public var activityTruncated: Bool
        public var firstSeen: Int64?
        public var lastSeen: Int64?
    }

    /// An event correlated with the case's observables.
    public struct CorrelatedEvent: Sendable {
        public var event: StoredEvent
        /// The raw record, parsed and redacted.
        public var raw: JSONValue
        /// The observables whose activity included it.
        public var matchedBy: [Observable]
    }

    /// A starred event, with the stored event when it is in the store.
    public struct StarredEvent: Sendable {
        public var evidence: CaseEvidence
        public var eventID: String
        public var event: StoredEvent?
        public var raw: JSONValue?
    }

    /// An ingested file, from the `sources` table.
    public struct SourceFile: Sendable {
        public var path: String
        public var kind: String
        public var size: Int64
        public var mtime: Int64
        public var records: Int64
        public var stored: Int64
        public var duplicates: Int64
        public var skipped: Int64
        public var ingestedAt: String
    }

    public var record: CaseRecord
    /// The case's findings that are in the store, in case order.
    public var findings: [Finding]
    /// Ids of case findings not in the store.
    public var missingFindings: [String]
    /// The source file of each finding, by finding id.
    public var findingSources: [String: String]
    /// Observables sorted by kind then value.
    public var observables: [ObservableEntry]
    /// Correlated events in time order, at most the cap.
    public var correlatedEvents: [CorrelatedEvent]
    public var correlatedTruncated: Bool
    public var starredEvents: [StarredEvent]
    public var relatedFindings: [RelatedFinding]
    public var sources: [SourceFile]
    public var enrichmentSources: [StoredEnrichmentSource]
}
