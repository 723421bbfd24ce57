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
    public var events: [StoredEvent]
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

    /// Summarises `events`.
    public init(events: [StoredEvent]) {
        total = events.count
        var sources: [String: Int] = [:]
        var names: [String: Int] = [:]
        var errorCounts: [String: Int] = [:]
        var regionCounts: [String: Int] = [:]
        // Pairs in order of first sighting, found through one hash of their key per event.
        var pairs: [Pair] = []
        var pairIndex: [PairKey: Int] = [:]
        pairIndex.reserveCapacity(events.count)
        func slot(_ index: inout Int) -> Int { index }
        // The fields read directly (not through StoredEvent's key-path lookup): once per event.
        for event in events.lazy.map(\.fields) {
            sources[event.eventSource ?? "", default: 0] += 1
            names[event.eventName ?? "", default: 0] += 1
            if let code = event.errorCode, !code.isEmpty { errorCounts[code, default: 0] += 1 }
            if let region = event.awsRegion { regionCounts[region, default: 0] += 1 }
            switch event.readOnly {
            case true?: readOnly += 1
            case false?: mutating += 1
            case nil: break
            }
            let ip = event.sourceIPAddress ?? ""
            let agent = event.userAgent ?? ""
            let index = slot(&pairIndex[PairKey(ip: ip, agent: agent), default: pairs.count])  // inserts when new
            if index == pairs.count {
                pairs.append(Pair(sourceIPAddress: ip, userAgent: agent, count: 1, firstSeen: event.time, lastSeen: event.time))
            } else {
                pairs[index].count += 1
                pairs[index].firstSeen = min(pairs[index].firstSeen, event.time)
                pairs[index].lastSeen = max(pairs[index].lastSeen, event.time)
            }
            firstSeen = min(firstSeen ?? event.time, event.time)
            lastSeen = max(lastSeen ?? event.time, event.time)
        }
        func ranked(_ counts: [String: Int]) -> [(name: String, count: Int)] {
            counts.map { ($0.key, $0.value) }.sorted { ($1.1, $0.0) < ($0.1, $1.0) }
        }
        byEventSource = ranked(sources)
        byEventName = ranked(names)
        errors = ranked(errorCounts)
        regions = ranked(regionCounts)
        // Most seen first; ties by IP, then agent (strings compared only on ties).
        pairs.sort { a, b in
            a.count != b.count ? a.count > b.count : (a.sourceIPAddress, a.userAgent) < (b.sourceIPAddress, b.userAgent)
        }
        ipUserAgentPairs = pairs
    }

    private struct PairKey: Hashable {
        var ip: String
        var agent: String
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
