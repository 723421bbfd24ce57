import Testing

@testable import LanternCore

@Suite("IP range map")
struct IPRangeMapTests {
    @Test func overlappingRangesAgreeWithBruteForce() {
        var generator = SeededGenerator(seed: 42)
        var ranges: [IPRangeMap.Range] = []
        for id in 0..<300 {
            let lower = UInt128(UInt32.random(in: 0...5_000, using: &generator))
            let upper = lower + UInt128(UInt32.random(in: 0...400, using: &generator))
            ranges.append(IPRangeMap.Range(lower: lower, upper: upper, id: UInt32(id)))
        }
        ranges.append(IPRangeMap.Range(lower: 100, upper: 200, id: 999))
        ranges.append(IPRangeMap.Range(lower: 100, upper: 200, id: 1000))  // duplicate range
        let map = IPRangeMap(ranges)
        for value in UInt128(0)...UInt128(5_600) {
            let expected = Set(ranges.filter { $0.lower <= value && value <= $0.upper }.map(\.id))
            let found = map.matches(value)
            #expect(Set(found) == expected)
            #expect(found.count == expected.count)
            if let narrowest = found.last {
                let spans = ranges.filter { expected.contains($0.id) }.map { $0.upper - $0.lower }
                let narrowestRange = ranges.first { $0.id == narrowest }!
                #expect(narrowestRange.upper - narrowestRange.lower == spans.min())
            }
        }
    }

    @Test func extremesOfTheAddressSpace() {
        let map = IPRangeMap([
            IPRangeMap.Range(lower: 0, upper: UInt128.max, id: 1),
            IPRangeMap.Range(lower: UInt128.max, upper: UInt128.max, id: 2),
        ])
        #expect(Array(map.matches(0)) == [1])
        #expect(Array(map.matches(UInt128.max)) == [1, 2])
        #expect(map.mostSpecific(UInt128.max) == 2)
        #expect(IPRangeMap().matches(5).isEmpty)
    }

    @Test func ipv6NetworksSkipTheIPv4MappedBlock() throws {
        let all = try #require(IPNetwork("::/0"))
        let ranges = IPRangeMap.ranges(of: all, id: 0)
        #expect(ranges.count == 2)
        let map = IPRangeMap(ranges)
        #expect(!map.contains(try ip("10.0.0.1").value))
        #expect(map.contains(try ip("2001::1").value))
    }
}
