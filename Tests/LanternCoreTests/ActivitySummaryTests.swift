import Testing

@testable import LanternCore

/// The counts beside an activity table, on events whose answers are written out by hand.
struct ActivitySummaryTests {
    static func event(
        _ time: Int64, ip: String?, agent: String?, name: String?, error: String? = nil, source: String? = "s3.amazonaws.com",
        region: String? = "us-east-1"
    ) -> StoredEvent {
        StoredEvent(rowID: time, fields: EventFields(
            time: time, eventSource: source, eventName: name, sourceIPAddress: ip, userAgent: agent,
            errorCode: error, awsRegion: region, readOnly: error == nil))
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
        let summary = ActivitySummary(events: EventList(events))
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

    /// Counting goes by the list's string indexes: an empty value and an
    /// absent one must still count as the one name "" (regions: absent
    /// ones are not counted, empty ones are; errors: neither is an error).
    @Test func emptyAndAbsentValuesCountAsOne() {
        let events = [
            Self.event(1, ip: "", agent: nil, name: "", error: "", source: nil, region: ""),
            Self.event(2, ip: nil, agent: "", name: nil, error: nil, source: "", region: nil),
            Self.event(3, ip: "", agent: "", name: "GetObject", error: "Throttling", region: nil),
        ]
        let summary = ActivitySummary(events: EventList(events))
        #expect(summary.ipUserAgentPairs.map { "\($0.sourceIPAddress)|\($0.userAgent)|\($0.count)" } == ["||3"])
        #expect(summary.byEventSource.map { "\($0.name) \($0.count)" } == [" 2", "s3.amazonaws.com 1"])
        #expect(summary.byEventName.map { "\($0.name) \($0.count)" } == [" 2", "GetObject 1"])
        #expect(summary.errors.map { "\($0.name) \($0.count)" } == ["Throttling 1"])
        #expect(summary.regions.map { "\($0.name) \($0.count)" } == [" 1"])
    }
}
