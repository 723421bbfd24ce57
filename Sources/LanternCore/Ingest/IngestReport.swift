import Foundation

/// What one `ingest` run read, stored and skipped.
public struct IngestReport: Sendable {
    /// Counts for one kind of record.
    public struct Tally: Sendable, Equatable {
        public var stored = 0
        public var updated = 0
        public var duplicate = 0
        public var skipped = 0

        public init() {}
    }

    /// A file, record and reason for something that could not be read.
    public struct Problem: Sendable, Equatable {
        public var file: String
        /// 0-based index of the record in its file, when known.
        public var record: Int?
        public var reason: String
    }

    /// Files read.
    public var files = 0
    /// Bytes read from disk.
    public var bytes: Int64 = 0
    public var events = Tally()
    public var findings = Tally()
    /// Records that were neither CloudTrail events nor findings.
    public var unrecognized = 0
    public var problems: [Problem] = []
    /// Intel and ownership sources loaded: name, kind, entries.
    public var enrichment: [(name: String, kind: String, entries: Int)] = []
    /// Wall-clock seconds the ingest took.
    public var seconds: Double = 0

    public init() {}

    /// Whether anything was skipped or failed (exit status 65 for the CLI).
    public var hasProblems: Bool { !problems.isEmpty }

    /// The report as the documented JSON object.
    public var json: JSONValue {
        func tally(_ t: Tally, updated: Bool) -> JSONValue {
            var members: [(key: String, value: JSONValue)] = [("stored", .int(t.stored))]
            if updated { members.append(("updated", .int(t.updated))) }
            members += [("duplicate", .int(t.duplicate)), ("skipped", .int(t.skipped))]
            return .object(members)
        }
        return .object([
            ("files", .int(files)),
            ("bytes", .number(String(bytes))),
            ("events", tally(events, updated: false)),
            ("findings", tally(findings, updated: true)),
            ("unrecognized", .int(unrecognized)),
            ("enrichment", .array(enrichment.map {
                .object([("source", .string($0.name)), ("kind", .string($0.kind)), ("entries", .int($0.entries))])
            })),
            ("seconds", .number(String(format: "%.3f", seconds))),
            ("peakRSS", .number(String(ResourceUsage.peakResidentBytes))),
            ("errors", .array(problems.map {
                .object([("file", .string($0.file)), ("record", $0.record.map(JSONValue.int) ?? .null),
                         ("reason", .string($0.reason))])
            })),
        ])
    }
}
