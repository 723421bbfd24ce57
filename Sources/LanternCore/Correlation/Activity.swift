/// The CloudTrail activity of one observable in a time window, with its summary.
public struct Activity: Sendable {
    /// What was looked up.
    public var observable: Observable
    /// The values matched in the index (the observable, plus identity
    /// expansions such as a user's principal IDs or a role's sessions).
    public var matchedValues: [String]
    public var window: TimeWindow
    /// The IR query applied.
    public var query: IRQuery
    /// Matching events in time order.
    public var events: EventList
    /// Whether more events matched than were returned.
    public var truncated: Bool
    public var summary: ActivitySummary

    /// The documented JSON object.
    public var json: JSONValue {
        .object([
            ("observable", .object([("kind", .string(observable.kind.rawValue)), ("value", .string(observable.value))])),
            ("matched", .array(matchedValues.map(JSONValue.string))),
            ("query", .string(query.rawValue)),
            ("from", .string(Timestamp.string(milliseconds: window.from))),
            ("to", .string(Timestamp.string(milliseconds: window.to))),
            ("truncated", .bool(truncated)),
            ("events", .array(events.map(\.json))),
            ("summary", summary.json),
        ])
    }
}

/// Counts over a set of events, as an analyst reads them beside the table.
public struct ActivitySummary: Sendable, Equatable {
    /// A source IP and user agent seen together.
    public struct Pair: Sendable, Equatable {
        public var sourceIPAddress: String
        public var userAgent: String
        public var count: Int
        public var firstSeen: Int64
        public var lastSeen: Int64
    }

    public var total = 0
    public var byEventSource: [(name: String, count: Int)] = []
    public var byEventName: [(name: String, count: Int)] = []
    public var ipUserAgentPairs: [Pair] = []
    public var errors: [(name: String, count: Int)] = []
    public var regions: [(name: String, count: Int)] = []
    public var readOnly = 0
    public var mutating = 0
    public var firstSeen: Int64?
    public var lastSeen: Int64?

    public static func == (lhs: ActivitySummary, rhs: ActivitySummary) -> Bool {
        lhs.json == rhs.json
    }

    /// Summarises `events`, counting by the list's string indexes (a
    /// string is looked at once per distinct value, not once per event).
    public init(events: EventList) {
        total = events.count
        let slots = events.strings.count + 1
        var sources = [Int](repeating: 0, count: slots)
        var names = sources
        var errorCounts = sources
        var regionCounts = sources
        // An empty value counts as an absent one (both read as ""), except for regions.
        let empty = events.emptyString
        func blankless(_ index: UInt32) -> UInt32 { index == empty ? 0 : index }
        // Pairs in order of first sighting, found through one hash of their two indexes per event.
        var pairs: [(ip: UInt32, agent: UInt32, count: Int, first: Int64, last: Int64)] = []
        var pairIndex: [UInt64: Int] = [:]
        pairIndex.reserveCapacity(events.count)
        func slot(_ index: inout Int) -> Int { index }
        for row in events.rows {
            sources[Int(blankless(row[.source]))] += 1
            names[Int(blankless(row[.name]))] += 1
            errorCounts[Int(blankless(row[.errorCode]))] += 1
            regionCounts[Int(row[.region])] += 1
            switch row.readOnly {
            case true?: readOnly += 1
            case false?: mutating += 1
            case nil: break
            }
            let ip = blankless(row[.ip])
            let agent = blankless(row[.userAgent])
            let index = slot(&pairIndex[UInt64(ip) << 32 | UInt64(agent), default: pairs.count])  // inserts when new
            if index == pairs.count {
                pairs.append((ip, agent, 1, row.time, row.time))
            } else {
                pairs[index].count += 1
                pairs[index].first = min(pairs[index].first, row.time)
                pairs[index].last = max(pairs[index].last, row.time)
            }
            firstSeen = min(firstSeen ?? row.time, row.time)
            lastSeen = max(lastSeen ?? row.time, row.time)
        }
        errorCounts[0] = 0  // absent or empty: no error
        regionCounts[0] = 0  // absent: not counted
        func ranked(_ counts: [Int], absentAs absent: String?) -> [(name: String, count: Int)] {
            counts.indices.compactMap { index in
                guard counts[index] > 0, let name = index == 0 ? absent : events.string(UInt32(index)) else { return nil }
                return (name, counts[index])
            }.sorted { ($1.1, $0.0) < ($0.1, $1.0) }
        }
        byEventSource = ranked(sources, absentAs: "")
        byEventName = ranked(names, absentAs: "")
        errors = ranked(errorCounts, absentAs: nil)
        regions = ranked(regionCounts, absentAs: nil)
        func string(_ index: UInt32) -> String { events.string(index) ?? "" }
        ipUserAgentPairs = pairs.map {
            Pair(sourceIPAddress: string($0.ip), userAgent: string($0.agent), count: $0.count, firstSeen: $0.first,
                 lastSeen: $0.last)
        }
        // Most seen first; ties by IP, then agent (strings compared only on ties).
        ipUserAgentPairs.sort { a, b in
            a.count != b.count ? a.count > b.count : (a.sourceIPAddress, a.userAgent) < (b.sourceIPAddress, b.userAgent)
        }
    }

    /// The summary as JSON.
    public var json: JSONValue {
        func counts(_ list: [(name: String, count: Int)]) -> JSONValue {
            .array(list.map { .object([("name", .string($0.name)), ("count", .int($0.count))]) })
        }
        return .object([
            ("total", .int(total)),
            ("firstSeen", firstSeen.map { .string(Timestamp.string(milliseconds: $0)) } ?? .null),
            ("lastSeen", lastSeen.map { .string(Timestamp.string(milliseconds: $0)) } ?? .null),
            ("byEventSource", counts(byEventSource)),
            ("byEventName", counts(byEventName)),
            ("ipUserAgents", .array(ipUserAgentPairs.map {
                .object([
                    ("sourceIPAddress", .string($0.sourceIPAddress)), ("userAgent", .string($0.userAgent)),
                    ("count", .int($0.count)), ("firstSeen", .string(Timestamp.string(milliseconds: $0.firstSeen))),
                    ("lastSeen", .string(Timestamp.string(milliseconds: $0.lastSeen))),
                ])
            })),
            ("errors", counts(errors)),
            ("regions", counts(regions)),
            ("readOnly", .int(readOnly)),
            ("mutating", .int(mutating)),
        ])
    }
}
