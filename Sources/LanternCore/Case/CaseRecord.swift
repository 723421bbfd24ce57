/// A case as kept in the store: metadata, its findings, verdicts, notes,
/// tags and starred evidence. Every time is stored RFC 3339 UTC text.
public struct CaseRecord: Sendable, Equatable {
    public var id: String
    public var title: String
    public var analyst: String
    public var created: String
    public var updated: String
    public var verdict: CaseVerdict
    /// Findings in the order they were added.
    public var findings: [CaseFinding]
    /// Notes in time order.
    public var notes: [CaseNote]
    /// Tags on the case itself (finding tags live on ``CaseFinding``), sorted.
    public var tags: [String]
    /// Starred events and observables, in the order they were starred.
    public var evidence: [CaseEvidence]

    /// Makes a case record.
    public init(
        id: String, title: String, analyst: String, created: String, updated: String,
        verdict: CaseVerdict = .undecided, findings: [CaseFinding] = [], notes: [CaseNote] = [],
        tags: [String] = [], evidence: [CaseEvidence] = []
    ) {
        self.id = id
        self.title = title
        self.analyst = analyst
        self.created = created
        self.updated = updated
        self.verdict = verdict
        self.findings = findings
        self.notes = notes
        self.tags = tags
        self.evidence = evidence
    }
}

/// A finding in a case, with the analyst's verdict and tags on it.
public struct CaseFinding: Sendable, Equatable {
    public var findingID: String
    /// When it was added to the case.
    public var added: String
    public var verdict: CaseVerdict
    /// Who set the verdict and when (nil while undecided and never set).
    public var verdictAnalyst: String?
    public var verdictUpdated: String?
    /// Sorted tags.
    public var tags: [String]

    /// Makes a case finding.
    public init(
        findingID: String, added: String, verdict: CaseVerdict = .undecided, verdictAnalyst: String? = nil,
        verdictUpdated: String? = nil, tags: [String] = []
    ) {
        self.findingID = findingID
        self.added = added
        self.verdict = verdict
        self.verdictAnalyst = verdictAnalyst
        self.verdictUpdated = verdictUpdated
        self.tags = tags
    }
}

/// A timestamped note, on the case or on one of its findings.
public struct CaseNote: Sendable, Equatable {
    public var time: String
    public var analyst: String
    /// The finding the note is about, or nil for the case.
    public var findingID: String?
    public var text: String

    /// Makes a note.
    public init(time: String, analyst: String, findingID: String? = nil, text: String) {
        self.time = time
        self.analyst = analyst
        self.findingID = findingID
        self.text = text
    }
}

/// A starred item: a CloudTrail event (by eventID) or an observable, with
/// the pivot trail that led the analyst to it.
public struct CaseEvidence: Sendable, Equatable {
    /// What was starred.
    public enum Item: Sendable, Equatable {
        case event(eventID: String)
        case observable(Observable)
    }

    public var item: Item
    /// The pivot steps from the finding to the item, oldest first.
    public var trail: [PivotStep]
    public var analyst: String
    public var time: String

    /// Makes an evidence entry.
    public init(item: Item, trail: [PivotStep], analyst: String, time: String) {
        self.item = item
        self.trail = trail
        self.analyst = analyst
        self.time = time
    }
}

/// One step of a pivot trail: a finding, an observable or an event the
/// analyst went through (`kind` is `finding`, `event` or an observable kind).
public struct PivotStep: Sendable, Equatable {
    public var kind: String
    public var value: String

    /// Makes a step.
    public init(kind: String, value: String) {
        self.kind = kind
        self.value = value
    }

    /// The step as JSON: `{"kind": …, "value": …}`.
    public var json: JSONValue { .object([("kind", .string(kind)), ("value", .string(value))]) }

    /// Parses `KIND:VALUE` (`finding:ID`, `event:ID`, `ipv4:1.2.3.4`, …).
    public init?(parsing text: String) {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let kind = String(text[..<colon])
        let value = String(text[text.index(after: colon)...])
        guard !kind.isEmpty, !value.isEmpty else { return nil }
        self.init(kind: kind, value: value)
    }

    /// A trail as a JSON array.
    static func json(_ trail: [PivotStep]) -> JSONValue { .array(trail.map(\.json)) }

    /// A trail from a JSON array (nil when malformed).
    static func trail(from json: JSONValue) -> [PivotStep]? {
        guard let steps = json.arrayValue else { return nil }
        var trail: [PivotStep] = []
        for step in steps {
            guard let kind = step["kind"]?.stringValue, let value = step["value"]?.stringValue else { return nil }
            trail.append(PivotStep(kind: kind, value: value))
        }
        return trail
    }
}
