extension CaseExport {
    /// The JSON export documented by `docs/case.schema.json`.
    public var json: JSONValue {
        .object([
            ("schemaVersion", .string(CaseExporter.schemaVersion)),
            ("case", .object([
                ("id", .string(record.id)), ("title", .string(record.title)), ("analyst", .string(record.analyst)),
                ("created", .string(record.created)), ("updated", .string(record.updated)),
                ("verdict", .string(record.verdict.rawValue)), ("tags", .array(record.tags.map(JSONValue.string))),
            ])),
            ("findings", .array(record.findings.map { entry in
                let finding = findings.first { $0.id == entry.findingID }
                return .object([
                    ("id", .string(entry.findingID)),
                    ("added", .string(entry.added)),
                    ("verdict", .string(entry.verdict.rawValue)),
                    ("tags", .array(entry.tags.map(JSONValue.string))),
                    ("inStore", .bool(finding != nil)),
                    ("normalized", finding?.summaryJSON ?? .null),
                    ("description", .optional(finding?.description)),
                    ("observables", .array((finding?.observables ?? []).map {
                        .object([("kind", .string($0.observable.kind.rawValue)), ("value", .string($0.observable.value)),
                                 ("path", .string($0.path))])
                    })),
                    ("window", finding.flatMap { TimeWindow.around($0) }.map(Self.windowJSON) ?? .null),
                    ("sourceFile", .optional(findingSources[entry.findingID])),
                    ("original", finding.map { CaseRedaction.redact((try? JSONValue.parse($0.raw)) ?? .string($0.raw)) } ?? .null),
                ])
            })),
            ("observables", .array(observables.map { entry in
                .object([
                    ("kind", .string(entry.observable.kind.rawValue)),
                    ("value", .string(entry.observable.value)),
                    ("foundIn", .array(entry.foundIn.map { .object([("finding", .string($0.finding)), ("path", .string($0.path))]) })),
                    ("starred", .bool(entry.starred)),
                    ("enrichment", entry.enrichment.json),
                    ("activity", entry.activityWindow.map { window in
                        .object([
                            ("window", Self.windowJSON(window)), ("events", .int(entry.activityTotal)),
                            ("truncated", .bool(entry.activityTruncated)),
                            ("firstSeen", entry.firstSeen.map { .string(Timestamp.string(milliseconds: $0)) } ?? .null),
                            ("lastSeen", entry.lastSeen.map { .string(Timestamp.string(milliseconds: $0)) } ?? .null),
                        ])
                    } ?? .null),
                ])
            })),
            ("correlatedEvents", .object([
                ("truncated", .bool(correlatedTruncated)),
                ("events", .array(correlatedEvents.map { entry in
                    .object([
                        ("matchedBy", .array(entry.matchedBy.map(Self.observableJSON))),
                        ("normalized", entry.event.json),
                        ("raw", entry.raw),
                    ])
                })),
            ])),
            ("starredEvents", .array(starredEvents.map { entry in
                .object([
                    ("eventID", .string(entry.eventID)),
                    ("starredAt", .string(entry.evidence.time)),
                    ("analyst", .string(entry.evidence.analyst)),
                    ("trail", PivotStep.json(entry.evidence.trail)),
                    ("normalized", entry.event?.json ?? .null),
                    ("raw", entry.raw ?? .null),
                ])
            })),
            ("starredObservables", .array(record.evidence.compactMap { evidence in
                guard case .observable(let observable) = evidence.item else { return nil }
                return .object([
                    ("kind", .string(observable.kind.rawValue)), ("value", .string(observable.value)),
                    ("starredAt", .string(evidence.time)), ("analyst", .string(evidence.analyst)),
                    ("trail", PivotStep.json(evidence.trail)),
                ])
            })),
            ("relatedFindings", .array(relatedFindings.map(\.json))),
            ("pivotTrail", .array(pivotTrail.map { target, steps in
                .object([("target", target.json), ("steps", PivotStep.json(steps))])
            })),
            ("verdicts", .array(verdicts.map { verdict in
                .object([
                    ("scope", .string(verdict.finding == nil ? "case" : "finding")),
                    ("finding", .optional(verdict.finding)),
                    ("verdict", .string(verdict.verdict.rawValue)),
                    ("analyst", .string(verdict.analyst)),
                    ("updated", .string(verdict.updated)),
                ])
            })),
            ("notes", .array(record.notes.map { note in
                .object([
                    ("time", .string(note.time)), ("analyst", .string(note.analyst)),
                    ("finding", .optional(note.findingID)), ("text", .string(note.text)),
                ])
            })),
            ("provenance", .object([
                ("tool", .object([("name", .string("lantern")), ("version", .string(LanternVersion.current))])),
                ("sources", .array(sources.map { source in
                    .object([
                        ("path", .string(source.path)), ("kind", .string(source.kind)), ("size", .number(String(source.size))),
                        ("mtime", .number(String(source.mtime))), ("records", .number(String(source.records))),
                        ("stored", .number(String(source.stored))), ("duplicates", .number(String(source.duplicates))),
                        ("skipped", .number(String(source.skipped))), ("ingestedAt", .string(source.ingestedAt)),
                    ])
                })),
                ("enrichmentSources", .array(enrichmentSources.map { source in
                    .object([
                        ("name", .string(source.name)), ("kind", .string(source.file.name)), ("path", .string(source.path)),
                        ("loadedAt", .string(source.loadedAt)), ("entries", .int(source.entries)),
                    ])
                })),
                ("redacted", .array(CaseRedaction.secretKeys.sorted().map(JSONValue.string))),
            ])),
        ])
    }

    /// Every verdict: the case's own (when decided), then each finding's that was set.
    var verdicts: [(finding: String?, verdict: CaseVerdict, analyst: String, updated: String)] {
        var result: [(finding: String?, verdict: CaseVerdict, analyst: String, updated: String)] = [
            (nil, record.verdict, record.analyst, record.updated),
        ]
        for entry in record.findings {
            if let analyst = entry.verdictAnalyst, let updated = entry.verdictUpdated {
                result.append((entry.findingID, entry.verdict, analyst, updated))
            }
        }
        return result
    }

    /// How the analyst reached each item: a finding's observables from the
    /// finding (by member path); starred items by their recorded trail.
    var pivotTrail: [(target: PivotStep, steps: [PivotStep])] {
        var result: [(target: PivotStep, steps: [PivotStep])] = []
        for entry in observables {
            for found in entry.foundIn {
                result.append((PivotStep(kind: entry.observable.kind.rawValue, value: entry.observable.value),
                               [PivotStep(kind: "finding", value: found.finding), PivotStep(kind: "path", value: found.path)]))
            }
        }
        for evidence in record.evidence {
            if case .event(let eventID) = evidence.item { result.append((PivotStep(kind: "event", value: eventID), evidence.trail)) }
        }
        for evidence in record.evidence {
            if case .observable(let o) = evidence.item { result.append((PivotStep(kind: o.kind.rawValue, value: o.value), evidence.trail)) }
        }
        return result
    }

    static func windowJSON(_ window: TimeWindow) -> JSONValue {
        .object([("from", .string(Timestamp.string(milliseconds: window.from))),
                 ("to", .string(Timestamp.string(milliseconds: window.to)))])
    }

    static func observableJSON(_ observable: Observable) -> JSONValue {
        .object([("kind", .string(observable.kind.rawValue)), ("value", .string(observable.value))])
    }
}
