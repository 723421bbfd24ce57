/// Counts over every event a set of values took part in: totals, first and
/// last sighting, events per day and the principals, keys and IPs seen with
/// them. One pass over the correlation index, then the events' integer
/// columns in row order; no event is decoded and only the most frequent strings are
/// resolved, so a principal with a million events profiles in one scan.
public struct EventAggregate: Sendable {
    /// One column's values by how often they occur, most frequent first.
    public typealias Tally = [(value: String, count: Int)]

    public var total = 0
    public var first: Int64?
    public var last: Int64?
    /// Events per UTC day (days since 1970-01-01), oldest first.
    public var days: [(day: Int64, count: Int)] = []
    /// `userIdentity.arn` values.
    public var arns: Tally = []
    /// `userIdentity.accessKeyId` values.
    public var accessKeys: Tally = []
    /// `sourceIPAddress` values (IPs or service names).
    public var sourceIPs: Tally = []
    /// `sessionContext.sessionIssuer.arn` values.
    public var issuers: Tally = []
}

extension Store {
    /// The aggregate of the events matching any of `values` (each event
    /// once), keeping the `top` most frequent values per column, the
    /// matched values themselves left out.
    public func aggregate(matching values: [String], top: Int = 200) throws -> EventAggregate {
        let ids = try Set(values).compactMap { try strings.existingID(for: $0) }
        var result = EventAggregate()
        guard !ids.isEmpty else { return result }
        var entries: [PostingList.Entry] = []
        for id in ids { try indexEntries(of: id, in: .all, into: &entries) }
        var days: [Int64: Int] = [:]
        var columns = Array(repeating: [Int64: Int](), count: 4)
        let day: Int64 = 86_400_000
        let tallied: [EventRow.Column] = [.arn, .accessKey, .ip, .issuer]
        try forEachEvent(rowIDs: entries.map(\.event), columns: "e.id, e.time, " + eventRowColumns) { row in
            let packed = try eventRow(row, column: 2, id: row.int(0))
            let time = row.int(1)
            result.total += 1
            result.first = min(result.first ?? time, time)
            result.last = max(result.last ?? time, time)
            days[time >= 0 ? time / day : (time - day + 1) / day, default: 0] += 1
            for (index, column) in tallied.enumerated() {
                if let id = packed[column] { columns[index][id, default: 0] += 1 }
            }
        }
        result.days = days.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let matched = Set(ids)
        func tally(_ counts: [Int64: Int]) throws -> EventAggregate.Tally {
            let ranked = counts.filter { !matched.contains($0.key) }.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            return try ranked.prefix(top).compactMap { id, count in try strings.value(for: id).map { ($0, count) } }
        }
        result.arns = try tally(columns[0])
        result.accessKeys = try tally(columns[1])
        result.sourceIPs = try tally(columns[2])
        result.issuers = try tally(columns[3])
        return result
    }
}
