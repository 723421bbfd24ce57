import Testing

@testable import LanternCore

/// The counts beside an activity table, on events whose answers are written out by hand.
struct ActivitySummaryTests {
    static func event(_ time: Int64, ip: String?, agent: String?, name: String, error: String? = nil) -> StoredEvent {
        StoredEvent(rowID: time, fields: EventFields(
            time: time, eventSource: "s3.amazonaws.com", eventName: name, sourceIPAddress: ip, userAgent: agent,
            errorCode: error, awsRegion: "us-east-1", readOnly: error == nil))
    }

    @Test func pairsAreCountedOnceEachMostSeenFirstTiesByIPThenAgent() {
        let events = [
            Self.event(50, ip: "10.0.0.2", agent: "b", name: "GetObject"),
            Self.event(10, ip: "10.0.0.9", agent: "a", name: "GetObject"),
            Self.event(20, ip: "10.0.0.2", agent: "b", name: "PutObject", error: "AccessDenied"),
            Self.event(30, ip: "10.0.0.1", agent: "z", name: "GetObject"),
            Self.event(40, ip: "10.0.0.2", agent: "a", name: "GetObject"),
            Self.event(60, ip: "10.0.0.2", agent: "b", name: "GetObject"),
            Self.event(70, ip: nil, agent: nil, name: "GetObject"),
            Self.event(80, ip: "10.0.0.9", agent: "a", name: "ListBuckets", error: ""),
        ]
        let summary = ActivitySummary(events: events)
        let pairs = summary.ipUserAgentPairs.map { "\($0.sourceIPAddress) \($0.userAgent) \($0.count) \($0.firstSeen)-\($0.lastSeen)" }
        #expect(pairs == [
            "10.0.0.2 b 3 20-60",
            "10.0.0.9 a 2 10-80",
            "  1 70-70",
            "10.0.0.1 z 1 30-30",
            "10.0.0.2 a 1 40-40",
        ])
        #expect(summary.total == 8)
        #expect(summary.byEventName.map { "\($0.name) \($0.count)" } == ["GetObject 6", "ListBuckets 1", "PutObject 1"])
        #expect(summary.errors.map(\.name) == ["AccessDenied"])
        #expect(summary.readOnly == 6 && summary.mutating == 2)
        #expect(summary.firstSeen == 10 && summary.lastSeen == 80)
    }
}
